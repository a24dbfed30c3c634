/**
 * Claim, send, mark: the one way an e-mail a run is owed leaves (DESIGN.md "E-mails"), for sendRunEmails and
 * RecordFailure alike, and the sweep that sends again, from its guard, an e-mail SES could not take or whose
 * attempt a crash cut off. At most once while nothing crashes; at least once across crashes, the one duplicate
 * being an attempt SES took just before its process died (said in the audit trail when the e-mail goes again).
 */
import { now, realNow } from '../platform/clock';
import { logger } from '../platform/logger';
import { sendEmail } from '../platform/sendEmail';
import { isTransient, RetryableError } from '../platform/retryableError';
import { contentOf, recipientsOf, recordedEmailReasons, secondsUntilSweep, sweepOf, type EmailGuard, type GuardedEmail } from '../domain/emailGuards';
import { SYSTEM } from '../domain/runModel';
import {
  claimEmail,
  markEmailFailed,
  markEmailSent,
  markEmailToRetry,
  markEmailUnknown,
  readEmailGuard,
  takeOverEmail,
  type EmailClaim,
} from '../store/emailLog';
import { appendEvent } from '../store/runStore';

export type EmailOutcome = 'sent' | 'refused' | 'skipped';

/**
 * Sends `email` for `reason` unless its guard says it went (or is going): 'skipped'. SES refusing it for good is
 * 'refused' (kept as `failed`, in the audit trail); throttling or an outage throws `SES.Throttling` /
 * `SES.Unavailable` and leaves the guard for the next sweep.
 */
export async function sendOnce(runId: string, reason: string, email: GuardedEmail): Promise<EmailOutcome> {
  const claim = (await claimEmail(runId, reason, email, now().toISOString())) ?? (await takeOverIfDue(runId, reason));
  return claim ? deliver(claim) : 'skipped';
}

/** A guard found in the way may be one to send again (SES could not take it, or its attempt was cut off). */
async function takeOverIfDue(runId: string, reason: string): Promise<EmailClaim | undefined> {
  const guard = await readEmailGuard(runId, reason);
  if (!guard || !sweepOf([guard], realNow()).resend.length) return undefined;
  return takeOverEmail(runId, guard);
}

function event(what: string, details: Record<string, unknown>) {
  return { who: SYSTEM, what, when: now().toISOString(), stateBefore: null, stateAfter: null, details };
}

async function deliver(claim: EmailClaim): Promise<'sent' | 'refused'> {
  const { runId, reason, email } = claim;
  if (claim.interrupted) {
    await appendEvent(
      runId,
      event(`An attempt to e-mail ${recipientsOf(email)} (${email.subject}) was cut off before Ratify knew whether it went: sending it again, so it may arrive twice`, {
        reason,
        outcome: 'interrupted',
      }),
    );
  }
  let messageId: string | undefined;
  try {
    messageId = await sendEmail({ to: email.to, cc: email.cc, subject: email.subject, text: email.text, html: email.html }, { kind: email.kind, runId, reason });
  } catch (err) {
    const transient = isTransient(err);
    if (transient) {
      await markEmailToRetry(claim);
      throw new RetryableError(transient === 'throttling' ? 'SES.Throttling' : 'SES.Unavailable', `SES could not take ${reason} now`, { cause: err });
    }
    // Refused for good (bad address, unverified identity): never retried, recorded for people to see.
    await markEmailFailed(claim, (err as Error).message ?? String(err));
    await appendEvent(runId, event(`Could not e-mail ${email.to.join(', ')}: ${email.subject} (${(err as Error).name})`, { reason, outcome: 'refused' }));
    logger.error('e-mail refused', { runId, reason, error: err as Error });
    return 'refused';
  }
  if (!(await markEmailSent(claim, messageId))) {
    logger.warn('an e-mail attempt outlived its lease and was overtaken: it went twice', { runId, reason, messageId });
  }
  await appendEvent(runId, event(`E-mailed ${recipientsOf(email)}: ${email.subject}`, { reason }));
  return 'sent';
}

export interface EmailSweepResult {
  sent: number;
  /** An attempt is still under way (within its lease): sweep again after this many seconds. */
  lookAgainInSeconds?: number;
}

/**
 * Sends again what the run's guards say is owed: e-mails SES could not take, and attempts cut off (older than the
 * lease). One cut off too often, or an old guard with nothing kept to send, is marked `unknown` and named in the
 * audit trail ("may not have been sent") and on the run's page, for a person to check. A withdrawn run sends
 * only its closing e-mail.
 */
export async function sweepEmails(
  runId: string,
  guards: readonly EmailGuard[],
  opts: { withdrawn: boolean; events?: ReadonlyArray<{ details?: Record<string, unknown> | null }> },
): Promise<EmailSweepResult> {
  const at = realNow();
  const sweep = sweepOf(guards, at, opts.events && recordedEmailReasons(opts.events));
  let sent = 0;
  for (const guard of sweep.unrecorded) {
    await appendEvent(runId, event(`E-mailed ${recipientsOf(guard)}: ${guard.subject}`, { reason: guard.reason }));
  }
  for (const guard of sweep.giveUp) {
    const why = contentOf(guard) ? `its attempts were cut off ${guard.interruptions + 1} times` : 'its attempt was cut off';
    if (await markEmailUnknown(runId, guard, why)) {
      await appendEvent(runId, event(`Ratify may not have e-mailed ${recipientsOf(guard)} (${guard.subject}): ${why}. Please check they have it`, { reason: guard.reason, outcome: 'unknown' }));
      logger.error('an e-mail may not have been sent', { runId, reason: guard.reason, why });
    }
  }
  for (const guard of sweep.resend) {
    const claim = await takeOverEmail(runId, guard);
    if (!claim) continue;
    if (opts.withdrawn && claim.email.kind !== 'run-finished') {
      await markEmailFailed(claim, 'the run was withdrawn before it went');
      await appendEvent(runId, event(`Did not e-mail ${recipientsOf(claim.email)} (${claim.email.subject}): the run was withdrawn first`, { reason: guard.reason, outcome: 'dropped' }));
      continue;
    }
    if ((await deliver(claim)) === 'sent') sent += 1;
  }
  if (sent) logger.info('e-mails sent again from their guards', { runId, sent });
  const lookAgainInSeconds = secondsUntilSweep(sweep, realNow());
  return lookAgainInSeconds === undefined ? { sent } : { sent, lookAgainInSeconds };
}
