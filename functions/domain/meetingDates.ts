/**
 * The rules every meeting date a clerk gives follows (docs/API.md): not in the past (London date of the
 * stack's clock), not absurdly far ahead, and never putting the stages' meetings out of order.
 */
import { conflict, invalid, notFound, problem, type Problem } from './errors';
import { z } from 'zod';
import { addCalendarDays, compareDates, isoDateSchema, type IsoDate } from './calendar';
import { decisionOf, type RunSnapshot, type Stage } from './runModel';

/** `PATCH /api/runs/{runId}/stages/{stageId}`: the meeting's new date. */
export const rescheduleSchema = z.object({ meetingDate: isoDateSchema });
export type RescheduleInput = z.infer<typeof rescheduleSchema>;

/**
 * Meetings are timetabled a municipal year or two ahead: a date further than this is a mistyped year (and dates
 * near year 9999 have no deadlines that can be written as dates).
 */
export const MAX_YEARS_AHEAD = 10;

/** What is wrong with a meeting date on its own, or undefined. */
export function meetingDateProblem(date: IsoDate, today: IsoDate): Problem | undefined {
  if (compareDates(date, today) < 0) return problem('in-the-past', `is in the past (today is ${today})`, { today });
  const horizon = `${String(Number(today.slice(0, 4)) + MAX_YEARS_AHEAD).padStart(4, '0')}${today.slice(4)}`;
  const last = today.endsWith('-02-29') ? addCalendarDays(horizon.replace(/-29$/, '-28'), 1) : horizon;
  if (compareDates(date, last) > 0) return problem('too-far-ahead', `is more than ${MAX_YEARS_AHEAD} years ahead (after ${last})`, { last });
  return undefined;
}

/** What is wrong with a meeting date earlier than the previous stage's meeting, or undefined. */
export function beforePreviousProblem(date: IsoDate, previous: Pick<Stage, 'id' | 'meetingDate'> | undefined): Problem | undefined {
  if (previous && compareDates(date, previous.meetingDate) < 0) {
    return problem('before-previous', `is before the meeting of the previous stage (${previous.id} on ${previous.meetingDate})`, {
      stageId: previous.id,
      meetingDate: previous.meetingDate,
    });
  }
  return undefined;
}

/**
 * What is wrong with moving `stage`'s meeting to `date` (a reschedule or a deferral), or undefined. A later stage
 * whose meeting has already started (it will need a new date itself, after a referral back) does not hold the
 * new date back.
 */
export function movedMeetingProblem(snapshot: RunSnapshot, stage: Stage, date: IsoDate, today: IsoDate): Problem | undefined {
  const alone = meetingDateProblem(date, today);
  if (alone) return alone;
  const beforePrevious = beforePreviousProblem(date, snapshot.stages[stage.index - 1]);
  if (beforePrevious) return beforePrevious;
  const next = snapshot.stages[stage.index + 1];
  if (next && compareDates(next.meetingDate, today) > 0 && compareDates(date, next.meetingDate) > 0) {
    return problem('after-next', `is after the meeting of the next stage (${next.id} on ${next.meetingDate}): move that one first`, {
      stageId: next.id,
      meetingDate: next.meetingDate,
    });
  }
  return undefined;
}

/**
 * The stage whose meeting a clerk moves to `date`, or the API error that refuses it: 404 unknown stage, 400 a date
 * that cannot be, 409 when the run has finished or the stage has already decided.
 */
export function checkReschedule(snapshot: RunSnapshot, stageId: string, date: IsoDate, today: IsoDate): Stage {
  const stage = snapshot.stages.find((s) => s.id === stageId);
  if (!stage) throw notFound(`Run ${snapshot.meta.runId} has no stage ${stageId}`);
  const wrong = movedMeetingProblem(snapshot, stage, date, today);
  if (wrong) throw invalid(`Invalid input: meetingDate`, { meetingDate: wrong });
  const { meta } = snapshot;
  if (meta.status !== 'running') throw conflict(`The run is ${meta.status}: its meetings can no longer be moved`);
  if (stage.index < meta.cursor.index) throw conflict(`The ${stage.body} has already decided`);
  if (stage.index === meta.cursor.index && decisionOf(snapshot, stage.index, meta.cursor.round)) {
    throw conflict(`The ${stage.body} has already decided at this meeting`);
  }
  return stage;
}
