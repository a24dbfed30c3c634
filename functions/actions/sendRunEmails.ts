/**
 * Sends the e-mails the planner says a run is owed, each through its `EMAIL#<reason>` guard (`sendOnce`: claimed
 * before SES is called, the whole e-mail kept in it for the sweep). Sign-off requests and reminders carry a signed
 * link whose LINK item exists before the e-mail leaves. Throttling and outages leave the guard for the next sweep
 * and throw a named error for the state machine to retry.
 * A request, reminder or escalation to someone away today is copied to their acting deputy first (a copy of its
 * own, guarded the same way; domain/deputyEmails.ts), read from the people directory when it is sent.
 */
import { logger } from '../platform/logger';
import type { EmailIntent } from '../domain/emailIntents';
import { renderEmail } from '../domain/emails/render';
import { linkIdOf, signLink } from '../platform/signoffLinks';
import { linkSecret } from '../store/linkSecret';
import { ensureLink } from '../store/linkStore';
import { readStatus } from '../store/runStore';
import { sendOnce } from './emailOnce';
import { deputyCopies, isDeputyCopied } from '../domain/deputyEmails';
import { awayWithDeputies } from './people';

export function publicUrl(): string {
  return (process.env.RATIFY_PUBLIC_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
}

/** The run's page, as e-mails link to it. */
export function runUrl(runId: string): string {
  return `${publicUrl()}/runs/${runId}`;
}

/** A sign-off's own page, where its officer (or their deputy, or a clerk) answers it once signed in. */
export function signoffPageUrl(runId: string, signoffId: string): string {
  return `${runUrl(runId)}/signoffs/${encodeURIComponent(signoffId)}`;
}

/** The link for a sign-off e-mail, its single-use record created first (never in a deputy's copy). */
async function signoffUrlFor(intent: EmailIntent): Promise<string | undefined> {
  const m = intent.message;
  if (intent.deputyFor || (m.kind !== 'signoff-request' && m.kind !== 'signoff-reminder')) return undefined;
  const { link } = m;
  await ensureLink({ linkId: linkIdOf(link.runId, link.signoffId, link.round), runId: link.runId, signoffId: link.signoffId, round: link.round, expiresAt: link.expiresAt });
  return `${publicUrl()}/signoff/${signLink(link, await linkSecret())}`;
}

export async function sendRunEmails(runId: string, intents: EmailIntent[]): Promise<number> {
  let sent = 0;
  for (const planned of intents) {
    // The deputies' copies go first: the planner asks for the e-mail until it is sent, so a retry sends any copy missing.
    const copies = isDeputyCopied(planned) ? deputyCopies(planned, await awayWithDeputies([...planned.to, ...planned.cc])) : [];
    for (const intent of [...copies, planned]) if (await sendOne(runId, intent)) sent += 1;
  }
  return sent;
}

/** Sends one e-mail once, through its guard (`sendOnce`); false when it was not sent now. */
async function sendOne(runId: string, intent: EmailIntent): Promise<boolean> {
  if (!intent.to.length) {
    logger.warn('e-mail without recipients skipped', { runId, reason: intent.reason });
    return false;
  }
  // A run withdrawn while this was planned sends nothing more but its closing e-mail.
  if (intent.message.kind !== 'run-finished' && (await readStatus(runId)) === 'withdrawn') return false;
  const signoffUrl = await signoffUrlFor(intent);
  const m = intent.message;
  const answerUrl = intent.deputyFor && (m.kind === 'signoff-request' || m.kind === 'signoff-reminder') ? signoffPageUrl(runId, m.link.signoffId) : undefined;
  const email = renderEmail(intent.message, { signoffUrl, runUrl: runUrl(runId), deputyFor: intent.deputyFor, answerUrl });
  const outcome = await sendOnce({ runId }, intent.reason, {
    kind: intent.deputyFor ? `${intent.message.kind}-deputy` : intent.message.kind,
    to: intent.to,
    cc: intent.cc,
    subject: email.subject,
    text: email.text,
    ...(email.html !== undefined ? { html: email.html } : {}),
  });
  return outcome === 'sent';
}
