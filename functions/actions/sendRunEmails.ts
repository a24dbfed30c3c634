/**
 * Sends the e-mails the planner says a run is owed, each at most once: the `EMAIL#<reason>` guard is written
 * before SES is called. Sign-off requests and reminders carry a signed link whose LINK item exists before the
 * e-mail leaves. Throttling and outages release the guard and throw a named error for the state machine to retry.
 */
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { sendEmail } from '../platform/sendEmail';
import type { EmailIntent } from '../domain/emailIntents';
import { renderEmail } from '../domain/emails/render';
import { SYSTEM } from '../domain/runModel';
import { linkIdOf, signLink } from '../platform/signoffLinks';
import { claimEmail, markEmailFailed, markEmailSent, releaseEmail } from '../store/emailLog';
import { linkSecret } from '../store/linkSecret';
import { ensureLink } from '../store/linkStore';
import { appendEvent, readStatus } from '../store/runStore';
import { isTransient, RetryableError } from '../platform/retryableError';

export function publicUrl(): string {
  return (process.env.RATIFY_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/** The run's page, as e-mails link to it. */
export function runUrl(runId: string): string {
  return `${publicUrl()}/runs/${runId}`;
}

/** The link for a sign-off e-mail, its single-use record created first. */
async function signoffUrlFor(intent: EmailIntent): Promise<string | undefined> {
  const m = intent.message;
  if (m.kind !== 'signoff-request' && m.kind !== 'signoff-reminder') return undefined;
  const { link } = m;
  await ensureLink({ linkId: linkIdOf(link.runId, link.signoffId, link.round), runId: link.runId, signoffId: link.signoffId, round: link.round, expiresAt: link.expiresAt });
  return `${publicUrl()}/signoff/${signLink(link, await linkSecret())}`;
}

export async function sendRunEmails(runId: string, intents: EmailIntent[]): Promise<number> {
  let sent = 0;
  for (const intent of intents) {
    if (!intent.to.length) {
      logger.warn('e-mail without recipients skipped', { runId, reason: intent.reason });
      continue;
    }
    // A run withdrawn while this was planned sends nothing more but its closing e-mail.
    if (intent.message.kind !== 'run-finished' && (await readStatus(runId)) === 'withdrawn') continue;
    const signoffUrl = await signoffUrlFor(intent);
    const email = renderEmail(intent.message, { signoffUrl, runUrl: runUrl(runId) });
    const at = now().toISOString();
    if (!(await claimEmail(runId, intent.reason, { to: intent.to, cc: intent.cc, subject: email.subject, at }))) continue;
    let messageId: string | undefined;
    try {
      messageId = await sendEmail(
        { to: intent.to, cc: intent.cc, subject: email.subject, text: email.text, html: email.html },
        { kind: intent.message.kind, runId, reason: intent.reason },
      );
    } catch (err) {
      const transient = isTransient(err);
      if (transient) {
        await releaseEmail(runId, intent.reason);
        throw new RetryableError(transient === 'throttling' ? 'SES.Throttling' : 'SES.Unavailable', `SES could not take ${intent.reason} now`, { cause: err });
      }
      // Refused for good (bad address, unverified identity): never retried, recorded for people to see.
      await markEmailFailed(runId, intent.reason, (err as Error).message ?? String(err));
      await appendEvent(runId, { who: SYSTEM, what: `Could not e-mail ${intent.to.join(', ')}: ${email.subject} (${(err as Error).name})`, when: at, stateBefore: null, stateAfter: null });
      logger.error('e-mail refused', { runId, reason: intent.reason, error: err as Error });
      continue;
    }
    await markEmailSent(runId, intent.reason, messageId);
    await appendEvent(runId, {
      who: SYSTEM,
      what: `E-mailed ${[...intent.to, ...intent.cc].join(', ')}: ${email.subject}`,
      when: at,
      stateBefore: null,
      stateAfter: null,
      details: { reason: intent.reason },
    });
    sent += 1;
  }
  return sent;
}
