import type { LocalEmail } from '../../support/localStack';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Everything a reader sees of an e-mail: subject, text, and the HTML without its tags. */
export function wordsOf(email: LocalEmail): string {
  const html = (email.html ?? '').replace(/<[^>]*>/g, ' ').replace(/&nbsp;/g, ' ').replace(/&amp;/g, '&');
  return `${email.subject}\n${email.text ?? ''}\n${html}`.replace(/[ \t]+/g, ' ');
}

/** True when the text names the date the way people write it (7 March 2017, 07/03/2017, 2017-03-07, March 7, 2017). */
export function mentionsDate(text: string, iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const month = MONTHS[m - 1];
  const mon = month.slice(0, 3);
  const dd = String(d).padStart(2, '0');
  const mm = String(m).padStart(2, '0');
  const patterns = [
    new RegExp(`\\b${iso}\\b`),
    new RegExp(`\\b0?${d}(st|nd|rd|th)? (${month}|${mon}\\.?|Sept) ${y}\\b`, 'i'),
    new RegExp(`\\b(${month}|${mon}) 0?${d}(st|nd|rd|th)?,? ${y}\\b`, 'i'),
    new RegExp(`\\b(${dd}|${d})/(${mm}|${m})/${y}\\b`),
  ];
  return patterns.some((p) => p.test(text));
}

export function recipientsOf(email: LocalEmail): string[] {
  return [...email.to, ...email.cc].map((a) => a.toLowerCase());
}

export function isTo(email: LocalEmail, address: string): boolean {
  return recipientsOf(email).includes(address.toLowerCase());
}

export function emailsTo(emails: LocalEmail[], address: string): LocalEmail[] {
  return emails.filter((e) => isTo(e, address));
}

/** E-mails that name the plan. */
export function emailsAbout(emails: LocalEmail[], planTitle: string): LocalEmail[] {
  return emails.filter((e) => wordsOf(e).includes(planTitle));
}

export interface EmailFacts {
  plan: string;
  stage: string;
  meetingDate: string;
  /** The date the e-mail asks for (a sign-off's dueBy...). */
  date: string;
}

/** The facts an e-mail must name, as a list of what is missing (empty when it names them all). */
export function missingFacts(email: LocalEmail, facts: EmailFacts): string[] {
  const words = wordsOf(email);
  const missing: string[] = [];
  if (!words.includes(facts.plan)) missing.push(`plan ${facts.plan}`);
  if (!words.includes(facts.stage)) missing.push(`stage ${facts.stage}`);
  if (!mentionsDate(words, facts.meetingDate)) missing.push(`meeting date ${facts.meetingDate}`);
  if (!mentionsDate(words, facts.date)) missing.push(`date ${facts.date}`);
  return missing;
}

/** E-mails that share recipients, subject and body (there must be none). */
export function duplicateEmails(emails: LocalEmail[]): string[] {
  const seen = new Map<string, number>();
  for (const e of emails) {
    const key = JSON.stringify([[...e.to].sort(), [...e.cc].sort(), e.subject, e.text, e.html]);
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen.entries()].filter(([, n]) => n > 1).map(([key, n]) => `${n} x ${JSON.parse(key)[2]}`);
}

/** Addresses in `to` and `cc` that are not bare addresses (`Name <a@b>`, missing domain...), and e-mails without a To. */
export function addressProblems(emails: LocalEmail[]): string[] {
  const problems: string[] = [];
  for (const e of emails) {
    if (e.to.length === 0) problems.push(`no To: ${e.subject}`);
    for (const a of [...e.to, ...e.cc]) if (!/^[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+$/.test(a)) problems.push(`${a}: ${e.subject}`);
  }
  return problems;
}
