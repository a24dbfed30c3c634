/**
 * Deputies' copies of e-mails (docs/API.md "People"): a sign-off request, reminder or escalation addressed to
 * someone who is away is also sent, as an e-mail of its own, to their acting deputy, saying whose it is and why.
 * A copy has its own reason (`<reason>#deputy#<address>`), so the e-mail guard sends each copy once as it sends
 * each e-mail once; the sender sends the copies before the e-mail itself, so a retry after a failure still finds
 * the e-mail owed and sends whichever copy is missing.
 */
import type { EmailIntent, EmailMessage } from './emailIntents';
import type { DirectoryPerson } from './people';

export const DEPUTY_COPIED_KINDS: ReadonlySet<EmailMessage['kind']> = new Set(['signoff-request', 'signoff-reminder', 'signoff-escalation']);

export function isDeputyCopied(intent: EmailIntent): boolean {
  return DEPUTY_COPIED_KINDS.has(intent.message.kind) && !intent.deputyFor;
}

/**
 * The copies `intent` is owed: one per acting deputy of a recipient who is away (`away`: recipient -> the person
 * and their deputy today), none to someone the e-mail already goes to, one per deputy.
 */
export function deputyCopies(intent: EmailIntent, away: ReadonlyMap<string, { away: DirectoryPerson; deputy: DirectoryPerson }>): EmailIntent[] {
  if (!isDeputyCopied(intent)) return [];
  const recipients = new Set([...intent.to, ...intent.cc].map((a) => a.toLowerCase()));
  const copies = new Map<string, EmailIntent>();
  for (const recipient of recipients) {
    const found = away.get(recipient);
    if (!found || recipients.has(found.deputy.email) || copies.has(found.deputy.email)) continue;
    copies.set(found.deputy.email, {
      reason: `${intent.reason}#deputy#${found.deputy.email}`,
      to: [found.deputy.email],
      cc: [],
      message: intent.message,
      deputyFor: { name: found.away.name, email: found.away.email, awayUntil: found.away.away ? null : found.away.awayUntil, deputyName: found.deputy.name },
    });
  }
  return [...copies.values()];
}
