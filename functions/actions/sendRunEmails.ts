/**
 * Sends the e-mails the planner says a run is owed, each through its `EMAIL#<reason>` guard (`sendOnce`: claimed
 * before SES is called, the whole e-mail kept in it for the sweep). Sign-off requests and reminders carry a signed
 * link whose LINK item exists before the e-mail leaves. Throttling and outages leave the guard for the next sweep
 * and throw a named error for the state machine to retry.
 */
import { logger } from '../platform/logger';
import type { EmailIntent } from '../domain/emailIntents';
import { renderEmail } from '../domain/emails/render';
import { linkIdOf, signLink } from '../platform/signoffLinks';
import { linkSecret } from '../store/linkSecret';
import { ensureLink } from '../store/linkStore';
import { readStatus } from '../store/runStore';
import { sendOnce } from './emailOnce';

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
    const outcome = await sendOnce({ runId }, intent.reason, {
      kind: intent.message.kind,
      to: intent.to,
      cc: intent.cc,
      subject: email.subject,
      text: email.text,
      ...(email.html !== undefined ? { html: email.html } : {}),
    });
    if (outcome === 'sent') sent += 1;
  }
  return sent;
}
