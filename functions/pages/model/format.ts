/**
 * How the pages say things: dates as councils write them ("Tuesday 14 March 2017"), instants in London time,
 * and the words (and tag colours) for each status. Tags always carry text: colour is never the only signal.
 */
import { longDate, longDateTime } from '../../domain/emails/dates';
import type { Outcome, RunStatus, SignoffStatus, StageKind } from '../../domain/runModel';
import type { StageStatus } from '../../domain/runView';
import type { RiskStatus } from '../../domain/runRisk';

export { longDate, longDateTime };

export interface Tag {
  text: string;
  /** govuk-tag modifier class ('' = the default blue). */
  classes: string;
}

const tag = (text: string, colour?: string): Tag => ({ text, classes: colour ? `govuk-tag--${colour}` : '' });

export const runStatusTag: Record<RunStatus, Tag> = {
  running: tag('Running', 'blue'),
  adopted: tag('Adopted', 'green'),
  noted: tag('Noted', 'turquoise'),
  rejected: tag('Rejected', 'red'),
  withdrawn: tag('Withdrawn', 'grey'),
};

export const stageStatusTag: Record<StageStatus, Tag> = {
  pending: tag('Not started', 'grey'),
  'awaiting-signoffs': tag('Awaiting sign-offs', 'yellow'),
  'awaiting-publication': tag('Ready to publish', 'light-blue'),
  published: tag('Published', 'blue'),
  'late-item-agreed': tag('Agreed late item', 'orange'),
  'awaiting-decision': tag('Awaiting decision', 'purple'),
  'awaiting-delegate': tag('Awaiting delegated sign-off', 'yellow'),
  'awaiting-revision': tag('Awaiting revised report', 'orange'),
  'awaiting-date': tag('Needs a new meeting date', 'orange'),
  decided: tag('Decided', 'green'),
  stopped: tag('Stopped', 'grey'),
};

export const signoffStatusTag: Record<SignoffStatus, Tag> = {
  requested: tag('Requested', 'yellow'),
  signed: tag('Signed', 'green'),
  'changes-requested': tag('Changes requested', 'orange'),
};

export const outcomeText: Record<Outcome, string> = {
  approved: 'Approved',
  'approved-with-amendments': 'Approved with amendments',
  noted: 'Noted',
  deferred: 'Deferred',
  'referred-back': 'Referred back',
  rejected: 'Rejected',
  delegated: 'Delegated to an officer to finalise',
  'referred-to-council': 'Referred to Full Council',
};

export const kindText: Record<StageKind, string> = {
  partnership: 'Partnership',
  board: 'Board',
  advisory: 'Advisory board',
  scrutiny: 'Scrutiny',
  executive: 'Executive (cabinet)',
  council: 'Full council',
  committee: 'Committee',
  'working-party': 'Working party',
  other: 'Other',
};

/** How the dashboard shows a run's risk. */
export const needsAttentionTag: Tag = { text: 'Needs attention', classes: 'govuk-tag--orange' };

export const riskTag: Record<RiskStatus, Tag> = {
  'on-track': { text: 'On track', classes: 'govuk-tag--green' },
  'at-risk': { text: 'At risk', classes: 'govuk-tag--yellow' },
  late: { text: 'Late', classes: 'govuk-tag--red' },
};

/** How close (in working days) a deadline with sign-offs outstanding puts a run at risk. */

/**
 * ISO dates inside stored text (the audit trail's "moves to 2017-03-09") as councils write them ("Thursday 9 March
 * 2017"); the stored text stays as it was recorded.
 */
export function withLongDates(text: string): string {
  return text.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, (iso, y: string, m: string, d: string) => {
    const date = new Date(`${iso}T00:00:00Z`);
    const real = !Number.isNaN(date.getTime()) && date.getUTCFullYear() === Number(y) && date.getUTCMonth() + 1 === Number(m) && date.getUTCDate() === Number(d);
    return real ? longDate(iso) : iso;
  });
}
