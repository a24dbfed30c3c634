/**
 * The deadlines of an approval timetable, each a pure function of a date. The rules are the binding ones of the
 * API (see the API contract) and of the access-to-information regulations they come from.
 */
import { z } from 'zod';
import { addCalendarDays, calendarDaysBetween, compareDates, type IsoDate } from './calendar';
import { addWorkingDays, isWorkingDay, subtractWorkingDays, workingDaysBetween } from './workingDays';

/** How much notice a meeting's papers need: `count` clear days, counting only working days by default. */
export const clearDaysSchema = z.object({
  count: z.number().int().min(0).max(60).default(5),
  excludeNonWorkingDays: z.boolean().default(true),
});
export type ClearDays = z.infer<typeof clearDaysSchema>;

/** Checks and completes a `clearDays` value from outside (defaults `{count: 5, excludeNonWorkingDays: true}`). */
export function validateClearDays(input: unknown): ClearDays {
  return clearDaysSchema.parse(input ?? {});
}

/** Working days an officer has to sign off the report's implications before it must be published. */
export const SIGNOFF_LEAD_WORKING_DAYS = 5;
/** Working days before `dueBy` that the first reminder goes out. */
export const SIGNOFF_REMINDER_WORKING_DAYS = 2;
/** Working days an officer given delegated authority has to finalise the plan. */
export const DELEGATED_SIGNOFF_WORKING_DAYS = 10;
/** Clear calendar days of public notice of a key decision before the executive meets (2012 Regulations, reg. 9). */
export const KEY_DECISION_CLEAR_DAYS = 28;
/** Working days before the key decision notice is due that the clerk is reminded. */
export const KEY_DECISION_REMINDER_WORKING_DAYS = 5;

/**
 * Clear days between publication and the meeting: the days strictly between them (neither the day of publication
 * nor the day of the meeting counts), and with `excludeNonWorkingDays` only working days.
 */
export function clearDaysBetween(publication: IsoDate, meeting: IsoDate, excludeNonWorkingDays: boolean): number {
  if (compareDates(publication, meeting) >= 0) return 0;
  const dayBeforeMeeting = addCalendarDays(meeting, -1);
  return excludeNonWorkingDays
    ? workingDaysBetween(publication, dayBeforeMeeting)
    : calendarDaysBetween(publication, dayBeforeMeeting);
}

/**
 * The last working day a meeting's report can be published and still leave the required clear days.
 * Counting working days, that is the (count + 1)th working day before the meeting; counting calendar days it is
 * count + 1 days before, moved back to a working day because nobody publishes on a weekend or bank holiday.
 * A count of 0 still means publishing before the day of the meeting.
 */
export function publishBy(meetingDate: IsoDate, clearDays: ClearDays): IsoDate {
  if (clearDays.excludeNonWorkingDays) return subtractWorkingDays(meetingDate, clearDays.count + 1);
  return subtractWorkingDays(addCalendarDays(meetingDate, -(clearDays.count + 1)), 0);
}

/** A sign-off is due 5 working days before the publication deadline of the stage it is required before. */
export function signoffDueBy(stagePublishBy: IsoDate): IsoDate {
  return subtractWorkingDays(stagePublishBy, SIGNOFF_LEAD_WORKING_DAYS);
}

/** The earliest meeting date from `today` whose publication deadline has not passed (the clear days still fit). */
export function earliestMeetingDate(today: IsoDate, clearDays: ClearDays): IsoDate {
  let date = today;
  while (compareDates(publishBy(date, clearDays), today) < 0) date = addCalendarDays(date, 1);
  return date;
}

/**
 * A sign-off asked again (after a revision) is never due in the past: 5 working days before the publication
 * deadline, or else the first working day from the day it was asked. Past the deadline itself it cannot make
 * the publication: the clerk is asked to move the meeting or take the report as a late item (planEmails).
 */
export function signoffAskedAgainDueBy(stagePublishBy: IsoDate, askedOn: IsoDate): IsoDate {
  const due = signoffDueBy(stagePublishBy);
  const earliest = addWorkingDays(askedOn, 0);
  return compareDates(due, earliest) >= 0 ? due : earliest;
}

/** An officer is reminded 2 working days before the sign-off is due and again on the day it is due. */
export function signoffReminderDates(dueBy: IsoDate): IsoDate[] {
  return [subtractWorkingDays(dueBy, SIGNOFF_REMINDER_WORKING_DAYS), dueBy];
}

/** A sign-off still outstanding after its due day is escalated from the next (calendar) day. */
export function escalationDate(dueBy: IsoDate): IsoDate {
  return addCalendarDays(dueBy, 1);
}

/** A delegated finalisation is due 10 working days after the decision that delegated it. */
export function delegatedSignoffDueBy(decisionDate: IsoDate): IsoDate {
  return addWorkingDays(decisionDate, DELEGATED_SIGNOFF_WORKING_DAYS);
}

/**
 * The last day the notice of a key decision can be published: it must leave 28 clear calendar days before the
 * executive meets (Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
 * Regulations 2012, reg. 9), so 29 days before the meeting, moved back to a working day.
 */
export function keyDecisionNoticeBy(executiveMeetingDate: IsoDate): IsoDate {
  return publishBy(executiveMeetingDate, { count: KEY_DECISION_CLEAR_DAYS, excludeNonWorkingDays: false });
}

/** The clerk is reminded of a key decision notice 5 working days before it must be published. */
export function keyDecisionReminderDate(noticeBy: IsoDate): IsoDate {
  return subtractWorkingDays(noticeBy, KEY_DECISION_REMINDER_WORKING_DAYS);
}

/** True when publishing on `publication` leaves the required clear days before `meeting` (on a working day). */
export function leavesClearDays(publication: IsoDate, meeting: IsoDate, clearDays: ClearDays): boolean {
  return (
    isWorkingDay(publication) &&
    compareDates(publication, meeting) < 0 &&
    clearDaysBetween(publication, meeting, clearDays.excludeNonWorkingDays) >= clearDays.count
  );
}
