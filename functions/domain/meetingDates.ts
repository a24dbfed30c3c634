/**
 * The rules every meeting date a clerk gives follows (shared/API.md): not in the past (London date of the
 * stack's clock), and never putting the stages' meetings out of order.
 */
import { compareDates, type IsoDate } from './calendar';
import type { RunSnapshot, Stage } from './runModel';

/** What is wrong with a meeting date on its own, or undefined. */
export function meetingDateProblem(date: IsoDate, today: IsoDate): string | undefined {
  if (compareDates(date, today) < 0) return `is in the past (today is ${today})`;
  return undefined;
}

/**
 * What is wrong with moving `stage`'s meeting to `date` (a reschedule or a deferral), or undefined. A later stage
 * whose meeting has already started (it will need a new date itself, after a referral back) does not hold the
 * new date back.
 */
export function movedMeetingProblem(snapshot: RunSnapshot, stage: Stage, date: IsoDate, today: IsoDate): string | undefined {
  const alone = meetingDateProblem(date, today);
  if (alone) return alone;
  const previous = snapshot.stages[stage.index - 1];
  if (previous && compareDates(date, previous.meetingDate) < 0) {
    return `is before the meeting of the previous stage (${previous.id} on ${previous.meetingDate})`;
  }
  const next = snapshot.stages[stage.index + 1];
  if (next && compareDates(next.meetingDate, today) > 0 && compareDates(date, next.meetingDate) > 0) {
    return `is after the meeting of the next stage (${next.id} on ${next.meetingDate}): move that one first`;
  }
  return undefined;
}
