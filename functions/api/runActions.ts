/**
 * The common shape of every API action on a run: settle it and check the request against it, make the one
 * conditional write that is the action, record the audit event (state before and after), let the run follow
 * (settle again), mark it changed and wake its execution, and answer with the run as GET shows it.
 */
import type { Actor } from '../edge/auth';
import { now } from '../platform/clock';
import { withRunId } from '../platform/logger';
import type { RunSnapshot, RunState } from '../domain/runModel';
import { runStateOf } from '../domain/runPhase';
import { runView, type RunView } from '../domain/runView';
import { appendEvent, loadRun, touchRun } from '../store/runStore';
import { wakeExecution } from '../workflow/executions';
import { settleRun } from '../workflow/settleRun';
import { actorRef, runNotFound } from './runAccess';

/** The run, brought up to date, or 404. */
export async function currentRun(runId: string): Promise<RunSnapshot> {
  withRunId(runId);
  const settled = await settleRun(runId);
  if (!settled) throw runNotFound(runId);
  return settled.snapshot;
}

export function stateNow(snapshot: RunSnapshot): RunState {
  return runStateOf(snapshot, now());
}

/** After the action's write: audit event, follow-on changes, version bump, wake-up; returns the run view. */
export async function completeAction(
  runId: string,
  actor: Actor,
  what: string,
  before: RunState,
  details?: Record<string, unknown>,
): Promise<{ view: RunView; snapshot: RunSnapshot }> {
  const at = now();
  const afterWrite = (await loadRun(runId))!;
  await appendEvent(runId, {
    who: actorRef(actor),
    what,
    when: at.toISOString(),
    stateBefore: before,
    stateAfter: runStateOf(afterWrite, at),
    details: details ?? null,
  });
  const settled = (await settleRun(runId))!;
  await touchRun(runId, settled.plan.wakeAt?.toISOString() ?? null);
  await wakeExecution(runId);
  const snapshot = (await loadRun(runId))!;
  return { view: runView(snapshot, now()), snapshot };
}
