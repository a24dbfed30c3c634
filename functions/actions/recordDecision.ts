/** What a body decided at its meeting (`POST .../decision` and the run page's clerk form). */
import { actorRef } from '../domain/access';
import type { Actor } from '../domain/actor';
import { checkDecision, type DecisionInput } from '../domain/decisionRules';
import { conflict } from '../domain/errors';
import { decisionWords } from '../domain/decisionWords';
import { putDecision } from '../store/runStore';
import { runAction, type ActionResult } from './runAction';

export function recordDecision(params: { runId: string; stageId: string }, body: DecisionInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    const decision = checkDecision(snapshot, params.stageId, body, actorRef(actor), at);
    if (!(await putDecision(params.runId, decision))) throw conflict('A decision for this meeting was recorded meanwhile');
    const stage = snapshot.stages[decision.stageIndex];
    return {
      what: `Recorded the decision of the ${stage.body}: ${decisionWords(decision, snapshot.stages)}`,
      details: {
        stageId: stage.id,
        outcome: decision.outcome,
        ...(decision.deferTo ? { deferTo: decision.deferTo } : {}),
        ...(decision.referBackTo ? { referBackTo: decision.referBackTo } : {}),
        ...(decision.delegateTo ? { delegateTo: decision.delegateTo } : {}),
      },
    };
  });
}
