/** The words of the e-mail that carries a one-time sign-in link (the embedded stack's own sign-in). */
import type { ComposedEmail } from './compose';
import { longDateTime } from './dates';

export function composeSignInEmail(m: { name: string; url: string; expiresAt: Date; minutes: number }): ComposedEmail {
  return {
    subject: 'Sign in to Ratify',
    paragraphs: [
      `Dear ${m.name},`,
      `Use the link below to sign in to Ratify. It works once, within ${m.minutes} minutes: until ${longDateTime(m.expiresAt.toISOString())}.`,
    ],
    facts: [],
    action: { label: 'Sign in to Ratify', url: m.url },
    closing: ['If you did not ask to sign in, ignore this email: nobody can sign in without the link, and it stops working on its own.'],
  };
}
