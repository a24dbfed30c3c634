/**
 * Moves a past timetable onto today's calendar so the demo's runs can be started: the first meeting goes to
 * `firstMeetingInDays` from today (today itself when 0, so its decision can be recorded at once), and every later
 * meeting keeps its distance from the first, moved on to the next working day if it lands on a weekend or bank
 * holiday, and never before the meeting before it.
 */
import { addCalendarDays, calendarDaysBetween, compareDates, type IsoDate } from '../../../functions/domain/calendar';
import { addWorkingDays } from '../../../functions/domain/workingDays';

export interface Meeting {
  meetingDate: IsoDate;
}

export function placeTimetable<S extends Meeting>(stages: S[], today: IsoDate, firstMeetingInDays: number): S[] {
  const first = addCalendarDays(today, firstMeetingInDays);
  const firstDate = firstMeetingInDays === 0 ? first : addWorkingDays(first, 0);
  const shift = calendarDaysBetween(stages[0].meetingDate, firstDate);
  const placed: S[] = [];
  stages.forEach((stage, i) => {
    let date = i === 0 ? firstDate : addWorkingDays(addCalendarDays(stage.meetingDate, shift), 0);
    const previous = placed[i - 1];
    if (previous && compareDates(date, previous.meetingDate) < 0) date = previous.meetingDate;
    placed.push({ ...stage, meetingDate: date });
  });
  return placed;
}
