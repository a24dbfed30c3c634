/** `POST /api/runs/{runId}/stages/{stageId}/decision` (clerk): what the body decided at its meeting. */
import type { Actor } from '../edge/auth';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { conflict } from '../domain/errors';
import { checkDecision, decisionInputSchema, type DecisionInput } from '../domain/decisionRules';
import type { RunView } from '../domain/runView';
import { putDecision } from '../store/runStore';
import { stageParams } from './params';
import { actorRef } from './runAccess';
import { completeAction, currentRun, stateNow } from './runActions';

/** Records a checked decision (the API and the run page's clerk form); the caller's role is checked first. */
export async function recordDecision(params: { runId: string; stageId: string }, body: DecisionInput, actor: Actor): Promise<RunView> {
  const snapshot = await currentRun(params.runId);
  const decision = checkDecision(snapshot, params.stageId, body, actorRef(actor), now());
  const before = stateNow(snapshot);
  if (!(await putDecision(params.runId, decision))) throw conflict('A decision for this meeting was recorded meanwhile');
  const stage = snapshot.stages[decision.stageIndex];
  const { view } = await completeAction(params.runId, actor, `Recorded the decision of the ${stage.body}: ${decision.outcome}`, before, {
    stageId: stage.id,
    outcome: decision.outcome,
    ...(decision.deferTo ? { deferTo: decision.deferTo } : {}),
    ...(decision.referBackTo ? { referBackTo: decision.referBackTo } : {}),
    ...(decision.delegateTo ? { delegateTo: decision.delegateTo } : {}),
  });
  return view;
}

export const handler = apiHandler(
  { name: 'RecordDecision', roles: ['clerk'], params: stageParams, body: decisionInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await recordDecision(params, body, actor) }),
);
