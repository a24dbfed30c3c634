/**
 * Whether a meeting can take a report (API.md "Planning"): its papers can still be published, sign-offs have the
 * working days they need before that, and a key decision's 28 clear days' notice fits before the executive meets.
 * Shared by the planner and by the search for a replacement meeting, so both give the same reasons.
 */
import { calendarDaysBetween, compareDates, type IsoDate } from '../calendar';
import { KEY_DECISION_CLEAR_DAYS, publishBy, signoffDueBy, type ClearDays } from '../computeDeadlines';
import { workingDaysBetween } from '../workingDays';
import type { Body } from './bodies';
import { shortDate, workingDaysWords } from './dateWords';
import type { Meeting } from './meetings';

/** Working days sign-offs get by default, from the day the report is ready to the day they are due. */
export const DEFAULT_SIGNOFF_WORKING_DAYS = 5;
/** The notice is published today and leaves 28 clear days: the meeting is at least 29 calendar days away. */
export const KEY_DECISION_MIN_CALENDAR_DAYS = KEY_DECISION_CLEAR_DAYS + 1;

export interface FitRules {
  today: IsoDate;
  /** When the report is ready for sign-off (default today). */
  readyBy: IsoDate;
  signoffWorkingDays: number;
  keyDecision: boolean;
}

export type Unfit =
  | { rule: 'cancelled' }
  | { rule: 'publication-passed'; publishBy: IsoDate }
  | { rule: 'signoff-time'; signoffsDueBy: IsoDate; workingDays: number }
  | { rule: 'key-decision-notice'; days: number };

export interface MeetingDeadlines {
  publishBy: IsoDate;
  signoffsDueBy: IsoDate;
}

export function deadlinesOf(date: IsoDate, clearDays: ClearDays): MeetingDeadlines {
  const publish = publishBy(date, clearDays);
  return { publishBy: publish, signoffsDueBy: signoffDueBy(publish) };
}

/** Why the meeting cannot take the report, or undefined when it can. The first rule broken is given. */
export function unfitReason(meeting: Meeting, body: Pick<Body, 'kind' | 'clearDays'>, rules: FitRules): Unfit | undefined {
  if (meeting.status !== 'scheduled') return { rule: 'cancelled' };
  const { publishBy: publish, signoffsDueBy } = deadlinesOf(meeting.date, body.clearDays);
  if (compareDates(publish, rules.today) < 0) return { rule: 'publication-passed', publishBy: publish };
  const workingDays = workingDaysBetween(rules.readyBy, signoffsDueBy);
  if (workingDays < rules.signoffWorkingDays) return { rule: 'signoff-time', signoffsDueBy, workingDays };
  const days = calendarDaysBetween(rules.today, meeting.date);
  if (rules.keyDecision && body.kind === 'executive' && days < KEY_DECISION_MIN_CALENDAR_DAYS) return { rule: 'key-decision-notice', days };
  return undefined;
}

/** "the meeting on 14 February left too little time for sign-offs (due by 3 February, 2 working days after the report is ready)". */
export function unfitWords(meeting: Meeting, unfit: Unfit, year: number): string {
  const on = `the meeting on ${shortDate(meeting.date, year)}`;
  switch (unfit.rule) {
    case 'cancelled':
      return `${on} is cancelled`;
    case 'publication-passed':
      return `${on} is too soon: its papers had to be published by ${shortDate(unfit.publishBy, year)}`;
    case 'signoff-time': {
      const when = unfit.workingDays > 0 ? `${workingDaysWords(unfit.workingDays)} after the report is ready` : 'before the report is ready';
      return `${on} left too little time for sign-offs (due by ${shortDate(unfit.signoffsDueBy, year)}, ${when})`;
    }
    case 'key-decision-notice':
      return `${on} is ${unfit.days} days away, too soon for the key decision's 28 clear days' notice`;
  }
}
