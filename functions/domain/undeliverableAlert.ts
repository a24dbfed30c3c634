import type { Undeliverable } from './emailFeedback';

/** The e-mail that tells a clerk an officer's address no longer receives Ratify's e-mails. */
export interface AlertContext {
  undeliverable: Undeliverable;
  subject?: string;
  runId?: string;
  planTitle?: string;
  publicUrl?: string;
}

export interface AlertEmail {
  subject: string;
  text: string;
}

export function undeliverableAlert(c: AlertContext): AlertEmail {
  const { email, detail } = c.undeliverable;
  const about = c.planTitle ? ` for "${c.planTitle}"` : '';
  const lines = [
    `Ratify could not deliver e-mail${about} to ${email}: ${detail}.`,
    '',
    c.subject ? `The e-mail was: "${c.subject}".` : undefined,
    `Ratify has marked ${email} as undeliverable. Sign-off requests, reminders and escalations for this address`,
    'will not reach its owner: check the address with them, answer on their behalf if they ask you to, or correct',
    'the officer named on the run.',
    c.runId && c.publicUrl ? `\nThe run: ${c.publicUrl.replace(/\/$/, '')}/runs/${encodeURIComponent(c.runId)}` : undefined,
  ].filter((l): l is string => l !== undefined);
  return { subject: `Undeliverable e-mail address: ${email}${about}`, text: lines.join('\n') };
}
