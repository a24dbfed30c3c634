/**
 * Brings a run up to date: plan, make the planner's changes, record each as an audit event, and plan again
 * until nothing is left to change. Used by the execution's Reconcile step and by API actions (so an action's
 * direct effects are visible when it answers). Safe to run concurrently: every change is conditional.
 */
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { planRun, type RunPlan } from '../domain/planRun';
import { SYSTEM, type RunSnapshot } from '../domain/runModel';
import { applyStoredChange } from '../store/applyChanges';
import { appendEvent, loadRun, touchRun } from '../store/runStore';

const MAX_ROUNDS = 40;

export interface SettledRun {
  snapshot: RunSnapshot;
  plan: RunPlan;
}

export async function settleRun(runId: string): Promise<SettledRun | undefined> {
  let snapshot = await loadRun(runId);
  if (!snapshot) return undefined;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const at = now();
    const plan = planRun(snapshot, at);
    if (!plan.changes.length) return { snapshot, plan };
    const applied = [];
    for (const change of plan.changes) {
      if (await applyStoredChange(runId, change)) applied.push(change);
    }
    snapshot = (await loadRun(runId))!;
    if (applied.length) {
      const after = planRun(snapshot, at);
      for (const change of applied) {
        await appendEvent(runId, { who: SYSTEM, what: change.what, when: at.toISOString(), stateBefore: plan.state, stateAfter: after.state });
      }
      await touchRun(runId, after.wakeAt?.toISOString() ?? null);
      snapshot = (await loadRun(runId))!;
    } else {
      logger.info('planned changes were already made elsewhere', { runId, kinds: plan.changes.map((c) => c.kind) });
    }
  }
  throw new Error(`run ${runId} did not settle after ${MAX_ROUNDS} rounds of changes`);
}
