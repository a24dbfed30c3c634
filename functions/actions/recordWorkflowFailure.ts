/**
 * The state machine's RecordFailure step: Reconcile or a wait failed after its retries. Rather than let the
 * execution fail and the run sit "running" with nothing happening, the run is flagged (GET shows
 * `workflowFailure`), the audit trail says so, the clerk who started it is e-mailed once per failure episode, and
 * the execution waits a few hours (or until someone acts on the run) before it tries again. A run that is
 * finished or missing has nothing to try again: that fails the execution, for the operators' alarm.
 */
import { now } from '../platform/clock';
import { logger, withRunId } from '../platform/logger';
import { sendEmail } from '../platform/sendEmail';
import { londonDate } from '../domain/calendar';
import { renderEmail } from '../domain/emails/render';
import { SYSTEM } from '../domain/runModel';
import { claimEmail, markEmailSent, releaseEmail } from '../store/emailLog';
import { appendEvent, readVersion } from '../store/runStore';
import { markWorkflowFailure, readFailureContact } from '../store/workflowFailure';
import type { FailureEvent } from '../domain/workflowEvents';
import { RETRY_AFTER_FAILURE_SECONDS } from '../domain/runPhase';
import { runUrl } from './sendRunEmails';

export { RETRY_AFTER_FAILURE_SECONDS } from '../domain/runPhase';

export type { FailureEvent } from '../domain/workflowEvents';

export async function recordFailure(event: FailureEvent): Promise<{ retryInSeconds: number; version: number }> {
  const { runId } = event;
  withRunId(runId);
  const error = event.failure?.Error || 'unknown error';
  logger.error('the workflow of this run failed after its retries: it will try again', { error, cause: event.failure?.Cause });
  const contact = await readFailureContact(runId);
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
  await tellClerk(runId, contact, since, error);
  return { retryInSeconds: RETRY_AFTER_FAILURE_SECONDS, version: (await readVersion(runId)) ?? 0 };
}

/** At most once per failure episode (the `EMAIL#` guard); an e-mail that cannot go is logged, never thrown. */
async function tellClerk(runId: string, contact: { plan: { title: string }; startedBy: { email: string } }, since: string, error: string) {
  const reason = `workflow-stopped#${since}`;
  const email = renderEmail(
    { kind: 'workflow-stopped', planTitle: contact.plan.title, since: londonDate(new Date(since)), error, retryHours: RETRY_AFTER_FAILURE_SECONDS / 3600 },
    { runUrl: runUrl(runId) },
  );
  const to = [contact.startedBy.email];
  if (!(await claimEmail(runId, reason, { to, cc: [], subject: email.subject, at: now().toISOString() }))) return;
  try {
    const messageId = await sendEmail({ to, subject: email.subject, text: email.text, html: email.html }, { kind: 'workflow-stopped', runId, reason });
    await markEmailSent(runId, reason, messageId);
  } catch (err) {
    await releaseEmail(runId, reason);
    logger.error('the clerk could not be told that the workflow stopped', { error: err as Error });
  }
}
