/**
 * A replacement meeting for a stage: when its meeting is cancelled or moved out of order, the clerk is e-mailed the
 * body's next meeting that fits, and a deferral `"deferTo": "next-meeting"` takes it (API.md).
 */
import { compareDates, type IsoDate } from '../calendar';
import { publishBy, type ClearDays } from '../computeDeadlines';
import type { Body } from './bodies';
import { compareMeetings, type Meeting } from './meetings';

export interface NextMeetingWindow {
  /** The meeting must come after this date (the previous stage's meeting, or the deferred meeting's own). */
  after: IsoDate;
  /** ...and not after this one (the next stage's meeting), so the run's meetings stay in order. */
  before?: IsoDate;
  today: IsoDate;
  /** The run's clear days (default: the body's). */
  clearDays?: ClearDays;
}

/**
 * The body's earliest scheduled meeting strictly after `after`, on or before `before`, whose papers can still be
 * published (`publishBy` not before today); undefined when the calendar has none.
 */
export function nextFittingMeeting(body: Pick<Body, 'id' | 'clearDays'>, meetings: Meeting[], window: NextMeetingWindow): Meeting | undefined {
  const clearDays = window.clearDays ?? body.clearDays;
  return meetings
    .filter(
      (m) =>
        m.body === body.id &&
        m.status === 'scheduled' &&
        compareDates(m.date, window.after) > 0 &&
        (window.before === undefined || compareDates(m.date, window.before) <= 0) &&
        compareDates(publishBy(m.date, clearDays), window.today) >= 0,
    )
    .sort(compareMeetings)[0];
}
