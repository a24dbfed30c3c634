/**
 * The one way an action changes a run:
 *   read the run and settle it (read 1) -> check the request in the domain -> make the one conditional write that
 *   is the action -> read the run again (read 2) -> record the audit event (state before and after) -> settle what
 *   follows in memory -> mark the run changed -> wake its execution -> answer with the run as GET shows it.
 * A run is read twice per action, unless a write of the planner loses a race (then once more, to see the winner's).
 */
import type { Actor } from '../domain/actor';
import { actorRef, runNotFound } from '../domain/access';
import type { RunPlan } from '../domain/planRun';
import type { RunEvent, RunSnapshot, RunState } from '../domain/runModel';
import { runStateOf } from '../domain/runPhase';
import { runView, type RunView } from '../domain/runView';
import { now } from '../platform/clock';
import { withRunId } from '../platform/logger';
import { appendEvent, loadRun } from '../store/runStore';
import { settleRun, settleSnapshot, touched } from './settleRun';
import { wakeExecution } from './wakeRun';

/** The run, read once and brought up to date, or 404. */
export async function currentRun(runId: string): Promise<RunSnapshot> {
  withRunId(runId);
  const settled = await settleRun(runId);
  if (!settled) throw runNotFound(runId);
  return settled.snapshot;
}

/** What an action did, for the audit trail. */
export interface ActionRecord {
  what: string;
  details?: Record<string, unknown>;
}

export interface ActionResult {
  view: RunView;
  snapshot: RunSnapshot;
  /** The settled run's plan: what it is owed (e-mails), when it wakes next. */
  plan: RunPlan;
}

/**
 * Runs `act` on the settled run: it checks the request (domain rules throw DomainError) and makes the action's
 * write (a lost condition is its own 409), and says what it did. Everything else is the pipeline's.
 */
export async function runAction(
  runId: string,
  actor: Actor,
  act: (snapshot: RunSnapshot, at: Date) => Promise<ActionRecord>,
  opts: ActionOptions = {},
): Promise<ActionResult> {
  const snapshot = await currentRun(runId);
  return actOn(snapshot, actor, act, opts);
}

export interface ActionOptions {
  /** Work on the settled run before its execution is woken (so the two never race for the same e-mail). */
  beforeWake?: (settled: { snapshot: RunSnapshot; plan: RunPlan }) => Promise<void>;
}

/** The pipeline on a run already read and settled (the sign-off link reads it to check the link first). */
export async function actOn(
  snapshot: RunSnapshot,
  actor: Actor,
  act: (snapshot: RunSnapshot, at: Date) => Promise<ActionRecord>,
  opts: ActionOptions = {},
): Promise<ActionResult> {
  const { runId } = snapshot.meta;
  const before: RunState = runStateOf(snapshot, now());
  const record = await act(snapshot, now());
  const at = now();
  const afterWrite = (await loadRun(runId))!;
  const event: RunEvent = {
    who: actorRef(actor),
    what: record.what,
    when: at.toISOString(),
    stateBefore: before,
    stateAfter: runStateOf(afterWrite, at),
    details: record.details ?? null,
  };
  await appendEvent(runId, event);
  const settled = await settleSnapshot({ ...afterWrite, events: [...afterWrite.events, event] });
  const changed = await touched(settled.snapshot, settled.plan.wakeAt);
  await opts.beforeWake?.(settled);
  await wakeExecution(runId);
  return { view: runView(changed, now()), snapshot: changed, plan: settled.plan };
}
