/**
 * The state machine's Reconcile step: bring the run up to date, send what it is owed, and say which wait comes
 * next and for how long. Input and output stay small (`{runId}` in, the phase and a timeout out).
 */
import { now } from '../platform/clock';
import { logger, withRunId } from '../platform/logger';
import type { Phase } from '../domain/runPhase';
import { listingOf } from '../domain/runListing';
import { SYSTEM } from '../domain/runModel';
import { appendEvent, setNextDeadline } from '../store/runStore';
import { clearWorkflowFailure } from '../store/workflowFailure';
import { sendRunEmails } from './sendRunEmails';
import { sweepEmails } from './emailOnce';
import { handoverDue } from './handOver';
import type { ReconcileEvent } from '../domain/workflowEvents';
import { settleRun } from './settleRun';

/** A wait never lasts longer than this, so a lost wake-up heals itself (about 12 history events a week). */
export const MAX_WAIT_SECONDS = 7 * 24 * 60 * 60;

export interface ReconcileResult {
  phase: Phase;
  timeoutSeconds: number;
  version: number;
  wakeAt: string | null;
  /** The execution is near a year old: the run goes on in a new one (see handover.ts). */
  handover: boolean;
}

export type { ReconcileEvent } from '../domain/workflowEvents';

/** Thrown by Reconcile for a finished run with an e-mail attempt under way: no Retry names it, RecordFailure takes it. */
export class EmailInFlightError extends Error {
  override name = 'Email.InFlight';
}

export function timeoutUntil(wakeAt: Date | null, at: Date): number {
  if (!wakeAt) return MAX_WAIT_SECONDS;
  return Math.min(MAX_WAIT_SECONDS, Math.max(1, Math.ceil((wakeAt.getTime() - at.getTime()) / 1000)));
}

export async function reconcileRun(event: ReconcileEvent): Promise<ReconcileResult> {
  const { runId } = event;
  withRunId(runId);
  const settled = await settleRun(runId);
  if (!settled) {
    logger.error('the run of this execution does not exist', { runId });
    return { phase: 'Finished', timeoutSeconds: 1, version: 0, wakeAt: null, handover: false };
  }
  const { snapshot, plan } = settled;
  // First what earlier attempts left unsent (SES could not take it, or a crash cut the attempt off), then what is new.
  const swept = await sweepEmails(runId, snapshot.emailGuards ?? [], { withdrawn: snapshot.meta.status === 'withdrawn', events: snapshot.events });
  await sendRunEmails(runId, plan.emails);
  const wakeAt = plan.wakeAt?.toISOString() ?? null;
  await setNextDeadline(runId, wakeAt, listingOf(snapshot));
  if (snapshot.meta.workflowFailure && (await clearWorkflowFailure(runId))) {
    const at = now().toISOString();
    await appendEvent(runId, { who: SYSTEM, what: 'Ratify brought the run up to date again: timed work goes on', when: at, stateBefore: null, stateAfter: null });
  }
  if (plan.phase === 'Finished' && swept.lookAgainInSeconds !== undefined) {
    // The execution would end with an attempt still under way: RecordFailure waits for its lease and sweeps it.
    throw new EmailInFlightError(`an e-mail of this finished run is still being sent: it is looked at again in ${swept.lookAgainInSeconds} s`);
  }
  const result = {
    phase: plan.phase,
    // An e-mail attempt still under way (another process, or one a crash cut off) is looked at when its lease ends.
    timeoutSeconds: Math.min(timeoutUntil(plan.wakeAt, now()), swept.lookAgainInSeconds ?? Infinity),
    version: snapshot.meta.version,
    wakeAt,
    handover: plan.phase !== 'Finished' && handoverDue(event.executionStartedAt, now()),
  };
  logger.debug('reconciled', { ...result });
  return result;
}
