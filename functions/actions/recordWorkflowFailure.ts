/**
 * The state machine's RecordFailure step: Reconcile or a wait failed after its retries. Rather than let the
 * execution fail and the run sit "running" with nothing happening, the run is flagged (GET shows
 * `workflowFailure`), the audit trail says so, the clerk who started it is e-mailed once per failure episode, and
 * the execution waits a few hours (or until someone acts on the run) before it tries again. A run that is
 * finished or missing has nothing to try again: that fails the execution, for the operators' alarm.
 */
import { now } from '../platform/clock';
import { logger, withRunId } from '../platform/logger';
import { londonDate } from '../domain/calendar';
import { renderEmail } from '../domain/emails/render';
import { SYSTEM } from '../domain/runModel';
import { readEmailGuards } from '../store/emailLog';
import { appendEvent, readVersion } from '../store/runStore';
import { markWorkflowFailure, readFailureContact } from '../store/workflowFailure';
import type { FailureEvent } from '../domain/workflowEvents';
import { RETRY_AFTER_FAILURE_SECONDS } from '../domain/runPhase';
import { runUrl } from './sendRunEmails';
import { sendOnce, sweepEmails } from './emailOnce';

export { RETRY_AFTER_FAILURE_SECONDS } from '../domain/runPhase';

export type { FailureEvent } from '../domain/workflowEvents';

export async function recordFailure(event: FailureEvent): Promise<{ retryInSeconds: number; version: number }> {
  const { runId } = event;
  withRunId(runId);
  const error = event.failure?.Error || 'unknown error';
  logger.error('the workflow of this run failed after its retries: it will try again', { error, cause: event.failure?.Cause });
  const contact = await readFailureContact(runId);
  if (contact && contact.status !== 'running') {
    // A finished run has nothing to try again, but an e-mail whose attempt was cut off (its closing e-mail) is
    // waited for and sent; only then does the execution fail, for the operators.
    const lookAgain = await sweepAfterFailure(runId, contact.status === 'withdrawn');
    if (lookAgain !== undefined) return { retryInSeconds: lookAgain, version: (await readVersion(runId)) ?? 0 };
  }
  if (!contact || contact.status !== 'running') {
    throw new Error(`run ${runId} is ${contact?.status ?? 'missing'}: its failed workflow has nothing to try again`);
  }
  const at = now().toISOString();
  const { since, first } = await markWorkflowFailure(runId, error, at);
  if (first) {
    await appendEvent(runId, {
      who: SYSTEM,
      what: `Ratify could not bring the run up to date (${error}): timed work waits until it can; it tries again every ${RETRY_AFTER_FAILURE_SECONDS / 3600} hours`,
      when: at,
      stateBefore: null,
      stateAfter: null,
      details: { error },
    });
  }
  // Every time, not only the first: the e-mail's guard keeps it to one per episode, and one SES refused is tried again.
  // The sweep first: an e-mail SES cannot take now waits for the next try rather than being tried twice at once.
  const lookAgain = await sweepAfterFailure(runId, false);
  await tellClerk(runId, contact, since, error);
  return { retryInSeconds: Math.min(RETRY_AFTER_FAILURE_SECONDS, lookAgain ?? Infinity), version: (await readVersion(runId)) ?? 0 };
}

/**
 * Once per failure episode (the `EMAIL#` guard, through the same `sendOnce` as every e-mail of a run); an e-mail
 * SES could not take goes at the next failure or sweep, one refused for good is in the audit trail. Never thrown.
 */
async function tellClerk(runId: string, contact: { plan: { title: string }; startedBy: { email: string } }, since: string, error: string) {
  const reason = `workflow-stopped#${since}`;
  const email = renderEmail(
    { kind: 'workflow-stopped', planTitle: contact.plan.title, since: londonDate(new Date(since)), error, retryHours: RETRY_AFTER_FAILURE_SECONDS / 3600 },
    { runUrl: runUrl(runId) },
  );
  try {
    await sendOnce({ runId }, reason, { kind: 'workflow-stopped', to: [contact.startedBy.email], cc: [], subject: email.subject, text: email.text, html: email.html });
  } catch (err) {
    logger.error('the clerk could not be told that the workflow stopped', { error: err as Error });
  }
}

/**
 * E-mails cut off by the failure (a crash of the Lambda is one) are sent again from their guards here too, since
 * Reconcile may keep failing; the wait before Reconcile tries again ends when the oldest attempt still under way
 * runs out of its lease, so a cut-off e-mail waits minutes, not hours. Never thrown.
 */
async function sweepAfterFailure(runId: string, withdrawn: boolean): Promise<number | undefined> {
  try {
    return (await sweepEmails(runId, await readEmailGuards({ runId }), { withdrawn })).lookAgainInSeconds;
  } catch (err) {
    logger.error('e-mails owed could not be swept', { error: err as Error });
    return undefined;
  }
}
