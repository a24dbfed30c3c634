/** A decision in words, as the audit trail and e-mails say it: "referred back to the Management Board". */
import type { Decision, Outcome, Stage } from './runModel';
import { longDate } from './emails/dates';

export const outcomeWords: Record<Outcome, string> = {
  approved: 'approved',
  'approved-with-amendments': 'approved with amendments',
  noted: 'noted',
  deferred: 'deferred',
  'referred-back': 'referred back',
  rejected: 'rejected',
  delegated: 'delegated for finalisation',
  'referred-to-council': 'referred to Full Council',
};

/** The outcome with where it leads: the meeting deferred to, the stage referred back to, the officer delegated to. */
export function decisionWords(d: Pick<Decision, 'outcome' | 'deferTo' | 'referBackTo' | 'delegateTo'> & Partial<Pick<Decision, 'referTo'>>, stages: Pick<Stage, 'id' | 'body'>[]): string {
  const words = outcomeWords[d.outcome];
  if (d.outcome === 'referred-to-council' && d.referTo) return `referred to the ${d.referTo.body} on ${longDate(d.referTo.meetingDate)}`;
  if (d.outcome === 'deferred' && d.deferTo) return `${words} to the meeting on ${longDate(d.deferTo)}`;
  if (d.outcome === 'referred-back' && d.referBackTo) return `${words} to the ${stages.find((s) => s.id === d.referBackTo)?.body ?? d.referBackTo}`;
  if (d.outcome === 'delegated' && d.delegateTo) return `${words} by ${d.delegateTo.name}`;
  return words;
}
