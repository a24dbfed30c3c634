/**
 * Claim, mark sending, send, mark sent: the one way an e-mail leaves Ratify (DESIGN.md "E-mails"), for
 * sendRunEmails, RecordFailure and the undeliverable-address alerts alike, and the sweep that sends again, from
 * its guard, an e-mail SES could not take or whose attempt a crash cut off before SES was called. At most once
 * (an attempt that may have reached SES is never made again: it is `unknown`, for a person), and at least once
 * for every e-mail whose attempts never reached SES.
 */
import { now, realNow } from '../platform/clock';
import { logger } from '../platform/logger';
import { encodableText, sendEmail, sesMayHaveTaken } from '../platform/sendEmail';
import { isTransient, RetryableError } from '../platform/retryableError';
import {
  giveUpSentence,
  goesAfterWithdrawal,
  judgeGuard,
  recipientsOf,
  recordedEmailReasons,
  secondsUntilSweep,
  sweepOf,
  type EmailGuard,
  type GiveUp,
  type GuardedEmail,
} from '../domain/emailGuards';
import { SYSTEM } from '../domain/runModel';
import {
  claimEmail,
  markAttemptUnknown,
  markEmailFailed,
  markEmailSending,
  markEmailSent,
  markEmailToRetry,
  markEmailUnknown,
  readEmailGuard,
  takeOverEmail,
  type EmailClaim,
  type EmailOwner,
} from '../store/emailLog';
import { appendEvent } from '../store/runStore';

export type { EmailOwner } from '../store/emailLog';

/**
 * `sent`; `refused` (SES refused it for good); `unknown` (it may have gone: never sent again); `in-flight` (an
 * attempt is under way, or was cut off within its lease: a later sweep or retry sees to it); `skipped` (it went,
 * or was refused or given up on, before).
 */
export type EmailOutcome = 'sent' | 'refused' | 'unknown' | 'in-flight' | 'skipped';

/**
 * Sends `email` for `reason` unless its guard says it went, is going or may have gone. Throttling or an outage
 * throws `SES.Throttling` / `SES.Unavailable` and leaves the guard `retry` for the next sweep; a request SES gave
 * no answer to throws `SES.Unavailable` with the guard `unknown`.
 */
export async function sendOnce(owner: EmailOwner, reason: string, email: GuardedEmail): Promise<EmailOutcome> {
  // Kept as SES will carry it, so the guard and a later sweep send the very same text.
  const content: GuardedEmail = {
    ...email,
    subject: encodableText(email.subject),
    text: encodableText(email.text),
    ...(email.html !== undefined ? { html: encodableText(email.html) } : {}),
  };
  const claim = await claimEmail(owner, reason, content, now().toISOString());
  if (claim) return deliver(claim);
  const guard = await readEmailGuard(owner, reason);
  if (!guard || guard.state === 'sent') return 'skipped';
  const judged = judgeGuard(guard, realNow());
  if (judged.act === 'wait') return 'in-flight';
  if (judged.act === 'give-up') return (await giveUp(owner, guard, judged.why)) ? 'unknown' : 'skipped';
  if (judged.act === 'resend') {
    const taken = await takeOverEmail(owner, guard);
    return taken ? deliver(taken) : 'in-flight';
  }
  return 'skipped';
}

const runOf = (owner: EmailOwner) => ('runId' in owner ? owner.runId : undefined);

function event(what: string, details: Record<string, unknown>) {
  return { who: SYSTEM, what, when: now().toISOString(), stateBefore: null, stateAfter: null, details };
}

/** Adds to the run's audit trail (an alert about an address that names no run has none: the log says it). */
async function audit(owner: EmailOwner, what: string, details: Record<string, unknown>): Promise<void> {
  const runId = runOf(owner);
  if (runId) await appendEvent(runId, event(what, details));
  else logger.info(what, details);
}

/** Records `unknown` (never sent again) and says so; false when someone else settled the guard first. */
async function giveUp(owner: EmailOwner, guard: EmailGuard, why: GiveUp): Promise<boolean> {
  const sentence = giveUpSentence(guard, why);
  if (!(await markEmailUnknown(owner, guard, sentence))) return false;
  await audit(owner, sentence, { reason: guard.reason, outcome: 'unknown' });
  logger.error('an e-mail may not have been sent', { runId: runOf(owner), reason: guard.reason, why });
  return true;
}

async function deliver(claim: EmailClaim): Promise<'sent' | 'refused' | 'skipped'> {
  const { owner, reason, email } = claim;
  const runId = runOf(owner);
  if (claim.interrupted) {
    await audit(owner, `An attempt to e-mail ${recipientsOf(email)} (${email.subject}) was cut off before SES was called: sending it now`, { reason, outcome: 'interrupted' });
  }
  // The line between "never reached SES" (made again if cut off) and "may have reached it" (never made again).
  if (!(await markEmailSending(claim))) {
    logger.warn('an e-mail claim was overtaken before SES was called: its successor sends it', { runId, reason });
    return 'skipped';
  }
  let messageId: string | undefined;
  try {
    messageId = await sendEmail({ to: email.to, cc: email.cc, subject: email.subject, text: email.text, html: email.html }, { kind: email.kind, runId: runId ?? email.runTag, reason });
  } catch (err) {
    const name = (err as Error).name ?? 'Error';
    if (sesMayHaveTaken(err)) {
      // Sent again it might arrive twice: a person checks instead. The rest waits for SES to answer again.
      const sentence = `Ratify may not have e-mailed ${recipientsOf(email)} (${email.subject}): SES gave no answer (${name}), so it may have gone and is not sent again. Please check they have it`;
      await markAttemptUnknown(claim, sentence);
      await audit(owner, sentence, { reason, outcome: 'unknown' });
      logger.error('an e-mail may not have been sent', { runId, reason, error: err as Error });
      throw new RetryableError('SES.Unavailable', `SES gave no answer for ${reason}`, { cause: err });
    }
    const transient = isTransient(err);
    if (transient) {
      await markEmailToRetry(claim);
      throw new RetryableError(transient === 'throttling' ? 'SES.Throttling' : 'SES.Unavailable', `SES could not take ${reason} now`, { cause: err });
    }
    // Refused for good (bad address, unverified identity): never retried, recorded for people to see.
    await markEmailFailed(claim, (err as Error).message ?? String(err));
    await audit(owner, `Could not e-mail ${email.to.join(', ')}: ${email.subject} (${name})`, { reason, outcome: 'refused' });
    logger.error('e-mail refused', { runId, reason, error: err as Error });
    return 'refused';
  }
  if (!(await markEmailSent(claim, messageId))) {
    logger.warn('an e-mail was sent but its guard had moved on', { runId, reason, messageId });
  }
  await audit(owner, `E-mailed ${recipientsOf(email)}: ${email.subject}`, { reason });
  return 'sent';
}

export interface EmailSweepResult {
  sent: number;
  /** An attempt is still under way (within its lease): sweep again after this many seconds. */
  lookAgainInSeconds?: number;
}

/**
 * Sends again what the run's guards say is owed: e-mails SES could not take, and attempts cut off before SES was
 * called (older than the lease). An attempt cut off while SES was called, one cut off too often, or an old guard
 * with nothing kept to send, is marked `unknown` and named in the audit trail ("may not have e-mailed") and on
 * the run's page, for a person to check. A withdrawn run sends only its closing e-mail and alerts.
 */
export async function sweepEmails(
  runId: string,
  guards: readonly EmailGuard[],
  opts: { withdrawn: boolean; events?: ReadonlyArray<{ details?: Record<string, unknown> | null }> },
): Promise<EmailSweepResult> {
  const owner = { runId };
  const sweep = sweepOf(guards, realNow(), opts.events && recordedEmailReasons(opts.events));
  let sent = 0;
  for (const guard of sweep.unrecorded) {
    await appendEvent(runId, event(`E-mailed ${recipientsOf(guard)}: ${guard.subject}`, { reason: guard.reason }));
  }
  for (const { guard, why } of sweep.giveUp) await giveUp(owner, guard, why);
  for (const guard of sweep.resend) {
    const claim = await takeOverEmail(owner, guard);
    if (!claim) continue;
    if (opts.withdrawn && !goesAfterWithdrawal(claim.email.kind)) {
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
