/**
 * The rules every meeting date a clerk gives follows (docs/API.md): not in the past (London date of the
 * stack's clock), not absurdly far ahead, and never putting the stages' meetings out of order.
 */
import { lateItemRequestSchema } from './lateItemInput';
import { conflict, invalid, notFound, problem, type Problem } from './errors';
import { z } from 'zod';
import { addCalendarDays, compareDates, isoDateSchema, type IsoDate } from './calendar';
import { earliestMeetingDate, publishBy, type ClearDays } from './computeDeadlines';
import { decisionOf, type RunSnapshot, type Stage } from './runModel';
import { urgencyInputSchema } from './urgencyInput';
import { sameBodyName } from './meetings/bodies';

/**
 * `PATCH /api/runs/{runId}/stages/{stageId}`: the meeting's new date, or a meeting on the calendar to take the
 * stage (its date is the stage's from then on, and the stage follows it when it moves).
 */
export const rescheduleSchema = z
  .object({
    meetingDate: isoDateSchema.optional(),
    meetingId: z.string().trim().min(1).max(100).optional(),
    /** Moving to a meeting whose publication deadline has passed: why the report goes as a late item. */
    lateItem: lateItemRequestSchema.optional(),
    /** A key decision's executive meeting moved within 28 clear days of its notice: the general exception or special urgency. */
    urgency: urgencyInputSchema.optional(),
  })
  .superRefine(oneMeetingChoice());
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
  return previous && beforeProblem(date, previous, `the meeting of the previous stage (${previous.id} on ${previous.meetingDate})`);
}

/** `before-previous` when `date` is before the meeting of `earlier` (a stage), said as `is before <what>`. */
function beforeProblem(date: IsoDate, earlier: Pick<Stage, 'id' | 'meetingDate'>, what: string): Problem | undefined {
  if (compareDates(date, earlier.meetingDate) >= 0) return undefined;
  return problem('before-previous', `is before ${what}`, { stageId: earlier.id, meetingDate: earlier.meetingDate });
}

/**
 * What is wrong with a meeting a decision adds to the run (a call-in's scrutiny meeting, Full Council on its
 * referral): in the past, too far ahead, or before the meeting of `earlier`, said as `is before <what>`.
 */
export function addedMeetingProblem(date: IsoDate, today: IsoDate, earlier: Pick<Stage, 'id' | 'meetingDate'>, what: string): Problem | undefined {
  return meetingDateProblem(date, today) ?? beforeProblem(date, earlier, what);
}

/** Why a meeting named by id cannot take a report: not on the calendar, or cancelled; undefined when it is scheduled. */
export function unscheduledMeetingProblem(meetingId: string, meeting: { date: IsoDate; status: string } | undefined): string | undefined {
  if (!meeting) return `${meetingId} is not a meeting on the calendar`;
  if (meeting.status !== 'scheduled') return `the meeting ${meetingId} (${meeting.date}) is cancelled`;
  return undefined;
}

/** Refuses a meeting that cannot take a report: a 400 on `field` saying why. */
export function assertScheduledMeeting<M extends { date: IsoDate; status: string }>(meetingId: string, meeting: M | undefined, field: string): asserts meeting is M {
  const unscheduled = unscheduledMeetingProblem(meetingId, meeting);
  if (unscheduled) throw invalid(`Invalid input: ${field}`, { [field]: unscheduled });
}

/** A problem of a date said of the calendar meeting it was taken from: "the meeting on 2017-03-09 is in the past". */
export function atMeeting(date: IsoDate, wrong: Problem): Problem;
export function atMeeting(date: IsoDate, wrong: string | Problem): string | Problem;
export function atMeeting(date: IsoDate, wrong: string | Problem): string | Problem {
  return typeof wrong === 'string' ? `the meeting on ${date} ${wrong}` : { ...wrong, message: `the meeting on ${date} ${wrong.message}` };
}

/**
 * The rule of every body that names a meeting: exactly one of `meetingId` (a meeting on the calendar, `what`)
 * and `meetingDate`, the missing one reported on `meetingDate`, both on `meetingId`.
 */
export function oneMeetingChoice(what = 'a meeting') {
  return (v: { meetingDate?: unknown; meetingId?: unknown }, ctx: z.RefinementCtx): void => {
    if (v.meetingDate === undefined && v.meetingId === undefined) {
      ctx.addIssue({ code: 'custom', path: ['meetingDate'], message: `Required (or give the meetingId of ${what} on the calendar)` });
    }
    if (v.meetingDate !== undefined && v.meetingId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['meetingId'], message: 'give a meetingId or a meetingDate, not both' });
    }
  };
}

/**
 * A meeting whose publication deadline is already past cannot take the report in time: the 400 says the
 * deadline and the earliest date that fits; the caller may instead mark the stage a late item with the reason.
 */
export function deadlinePassedProblem(meetingDate: IsoDate, today: IsoDate, clearDays: ClearDays): Problem | undefined {
  const deadline = publishBy(meetingDate, clearDays);
  if (compareDates(deadline, today) >= 0) return undefined;
  const earliest = earliestMeetingDate(today, clearDays);
  return problem(
    'publication-deadline-passed',
    `its publication deadline (${deadline}) has passed: the earliest meeting that leaves ${clearDays.count} clear days is on ${earliest} or later; or mark the stage a late item with the reason`,
    { publishBy: deadline, earliest },
  );
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
export function checkReschedule(snapshot: RunSnapshot, stageId: string, date: IsoDate, today: IsoDate, opts: { lateItem?: boolean } = {}): Stage {
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
  // Only a stage that can still move is told its new meeting is too soon (a decided one is a 409 whatever the date).
  const tooSoon = opts.lateItem ? undefined : deadlinePassedProblem(date, today, meta.clearDays);
  if (tooSoon) throw invalid(`Invalid input: meetingDate`, { meetingDate: tooSoon });
  return stage;
}


/** A calendar meeting as a stage's new meeting needs it: its date, status and its body's name. */
export interface MeetingChoice {
  meetingId: string;
  date: IsoDate;
  status: 'scheduled' | 'cancelled';
  bodyId: string;
  bodyName: string;
}

/**
 * The stage a clerk puts at a calendar meeting, or the error that refuses it: the meeting must be stored, scheduled,
 * of the stage's body, and its date must fit as a rescheduled date would (problems named on `meetingId`).
 */
export function checkMeetingChoice(
  snapshot: RunSnapshot,
  stageId: string,
  meetingId: string,
  meeting: MeetingChoice | undefined,
  today: IsoDate,
  /** The body of the meeting the stage is at now, when it is at one: compared by id (names may have changed). */
  stageBodyId?: string,
  opts: { lateItem?: boolean } = {},
): Stage {
  const stage = snapshot.stages.find((s) => s.id === stageId);
  if (!stage) throw notFound(`Run ${snapshot.meta.runId} has no stage ${stageId}`);
  assertScheduledMeeting(meetingId, meeting, 'meetingId');
  if (stageBodyId !== undefined ? stageBodyId !== meeting.bodyId : !sameBodyName(meeting.bodyName, stage.body)) {
    throw invalid('Invalid input: meetingId', { meetingId: `is a meeting of ${meeting.bodyName}, not of ${stage.body}` });
  }
  const wrong = movedMeetingProblem(snapshot, stage, meeting.date, today) ?? (opts.lateItem ? undefined : deadlinePassedProblem(meeting.date, today, snapshot.meta.clearDays));
  if (wrong) throw invalid('Invalid input: meetingId', { meetingId: atMeeting(meeting.date, wrong) });
  return checkReschedule(snapshot, stageId, meeting.date, today, opts);
}
