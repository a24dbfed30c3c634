/**
 * Brings a run up to date: plan, make the planner's changes, record each as an audit event, and plan again
 * until nothing is left to change. Used by the execution's Reconcile step and by every action (so an action's
 * direct effects are visible when it answers). Safe to run concurrently: every change is conditional.
 *
 * The run is read once: a change whose write succeeded is applied to the snapshot in memory by the pure
 * `applyChange` (the meaning the store's write has). Only a write that lost a race (someone else made the
 * change) makes it read the run again, to see what the other writer did.
 */
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { applyChange } from '../domain/applyChange';
import { planRun, type RunPlan } from '../domain/planRun';
import { SYSTEM, type RunEvent, type RunSnapshot } from '../domain/runModel';
import { listingOf } from '../domain/runListing';
import { applyStoredChange } from '../store/applyChanges';
import { appendEvent, loadRun, touchRun } from '../store/runStore';

const MAX_ROUNDS = 40;

export interface SettledRun {
  snapshot: RunSnapshot;
  plan: RunPlan;
}

/** Reads the run and settles it; undefined when there is no such run. */
export async function settleRun(runId: string): Promise<SettledRun | undefined> {
  const snapshot = await loadRun(runId);
  return snapshot && settleSnapshot(snapshot);
}

/** Settles a run already read; the snapshot returned is what the store holds afterwards. */
export async function settleSnapshot(start: RunSnapshot): Promise<SettledRun> {
  const runId = start.meta.runId;
  let snapshot = start;
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const at = now();
    const plan = planRun(snapshot, at);
    if (!plan.changes.length) return { snapshot, plan };
    const applied = [];
    let raced = false;
    for (const change of plan.changes) {
      if (await applyStoredChange(runId, change)) {
        applied.push(change);
        snapshot = applyChange(snapshot, change);
      } else raced = true;
    }
    if (raced) {
      logger.info('planned changes were already made elsewhere', { runId, kinds: plan.changes.map((c) => c.kind) });
      snapshot = (await loadRun(runId))!;
    }
    if (applied.length) {
      const after = planRun(snapshot, at);
      const events: RunEvent[] = [];
      for (const change of applied) {
        const event: RunEvent = { who: SYSTEM, what: change.what, when: at.toISOString(), stateBefore: plan.state, stateAfter: after.state };
        await appendEvent(runId, event);
        events.push(event);
      }
      snapshot = await touched({ ...snapshot, events: [...snapshot.events, ...events] }, after.wakeAt);
    }
  }
  throw new Error(`run ${runId} did not settle after ${MAX_ROUNDS} rounds of changes`);
}

/** Marks the run changed (the version the waiting execution compares), its next deadline and listing; in memory too. */
export async function touched(snapshot: RunSnapshot, wakeAt: Date | null): Promise<RunSnapshot> {
  const version = await touchRun(snapshot.meta.runId, wakeAt?.toISOString() ?? null, listingOf(snapshot));
  return { ...snapshot, meta: { ...snapshot.meta, version } };
}
