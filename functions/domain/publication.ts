/**
 * Publication is recorded, not assumed: the clerk records that a meeting's agenda was despatched (on a day, at an
 * address). A report cleared by then (every sign-off it needs given) is published for that meeting; one that is
 * not is a late item, which needs the chair's agreement recorded (as the law asks) or a move to another meeting.
 */
import type { Publication } from './meetings/meetings';
import { lateItemReasonSchema } from './lateItemInput';
import { z } from 'zod';
import { compareDates, londonDate, type IsoDate } from './calendar';
import { conflict, invalid, notFound, problem, throwIfInvalid, type Problem } from './errors';
import { decisionOf, oneLineText, PERSON_NAME_MAX, type LateItem, type RunSnapshot, type Stage } from './runModel';
import { gatingSignoffs, isCleared, isPublished, lateItemOf, needsNewDate, needsNewMeeting, publicationStatusOf } from './runPhase';

/** A stage's or a meeting's despatch as recorded: the very shape a calendar meeting stores as its `publication`. */
export { publicationSchema as publicationInputSchema } from './meetings/meetings';
export type PublicationInput = Publication;

export const lateItemInputSchema = z.object({
  reason: lateItemReasonSchema,
  agreedBy: z.object({ name: oneLineText(PERSON_NAME_MAX), role: oneLineText(PERSON_NAME_MAX) }),
});
export type LateItemInput = z.infer<typeof lateItemInputSchema>;

/** A despatch recorded on a stage for its meeting (the stage's `agendaFor`, `publishedOn`, `agendaUrl`). */
export interface StageDespatch {
  agendaFor: IsoDate;
  publishedOn: IsoDate;
  agendaUrl: string | null;
}

/**
 * A stage put at a calendar meeting whose agenda has already gone out (started there, moved or deferred to it):
 * the agenda went without the report, so it is a late item for that meeting from the start; undefined when the
 * agenda is still to go.
 */
export function despatchedWithout(meeting: { date: IsoDate; publication?: Publication }): StageDespatch | undefined {
  const p = meeting.publication;
  return p && { agendaFor: meeting.date, publishedOn: p.publishedOn, agendaUrl: p.agendaUrl ?? null };
}

/** What recording the despatch does to one stage: published, or a late item. */
export interface StagePublication {
  stage: Stage;
  agendaFor: IsoDate;
  publishedOn: IsoDate;
  agendaUrl: string | null;
  /** Cleared at despatch: the report went with the agenda. */
  published: boolean;
}

/** A stage whose meeting can still take a recorded publication or late item, or the 404/409 that says why not. */
function openStage(snapshot: RunSnapshot, stageId: string, now: Date): Stage {
  const stage = snapshot.stages.find((s) => s.id === stageId);
  if (!stage) throw notFound(`Run ${snapshot.meta.runId} has no stage ${stageId}`);
  const { meta } = snapshot;
  if (meta.status !== 'running') throw conflict(`The run is ${meta.status}: nothing more is published for it`);
  if (stage.index < meta.cursor.index) throw conflict(`The ${stage.body} has already decided`);
  if (needsNewDate(snapshot, stage) || needsNewMeeting(stage)) throw conflict(`The ${stage.body} needs a new meeting first`);
  if (stage.index === meta.cursor.index && decisionOf(snapshot, stage.index, meta.cursor.round)) {
    throw conflict(`The ${stage.body} has already decided at this meeting`);
  }
  return stage;
}

/** What is wrong with an agenda despatched on `publishedOn` for a meeting on `meetingDate`, by its rule. */
export function despatchProblem(publishedOn: IsoDate, meetingDate: IsoDate, today: IsoDate): Problem | undefined {
  if (compareDates(publishedOn, today) > 0) return problem('in-the-future', `is in the future (today is ${today})`, { today });
  if (compareDates(publishedOn, meetingDate) > 0) return problem('after-meeting', `is after the meeting on ${meetingDate}`, { meetingDate });
  return undefined;
}

/**
 * A calendar meeting's agenda despatched (`POST /api/meetings/{meetingId}/publication`): checked as a stage's is;
 * recorded once (the same despatch again changes nothing; another one is a 409).
 */
export function checkMeetingDespatch(
  meeting: { meetingId: string; date: IsoDate; status: string; publication?: { publishedOn: IsoDate; agendaUrl?: string } },
  input: PublicationInput,
  now: Date,
): 'new' | 'again' {
  if (meeting.status === 'cancelled') throw conflict(`The meeting ${meeting.meetingId} is cancelled: it has no agenda`);
  const wrong = despatchProblem(input.publishedOn, meeting.date, londonDate(now));
  if (wrong) throw invalid('Invalid publication: publishedOn', { publishedOn: wrong });
  const was = meeting.publication;
  if (!was) return 'new';
  if (was.publishedOn === input.publishedOn && (was.agendaUrl ?? null) === (input.agendaUrl ?? null)) return 'again';
  throw conflict(`The agenda of the meeting ${meeting.meetingId} is already recorded as despatched on ${was.publishedOn}`);
}

/** The despatch of the stage's agenda, checked: on a day not in the future and not after the meeting. */
export function checkPublication(snapshot: RunSnapshot, stageId: string, input: PublicationInput, now: Date): StagePublication {
  const stage = openStage(snapshot, stageId, now);
  const wrong = despatchProblem(input.publishedOn, stage.meetingDate, londonDate(now));
  throwIfInvalid(wrong ? { publishedOn: wrong } : {}, 'publication');
  if (isPublished(stage)) throw conflict(`The report for the ${stage.body} on ${stage.meetingDate} is already published (${stage.publishedOn ?? 'recorded'})`);
  return {
    stage,
    agendaFor: stage.meetingDate,
    publishedOn: input.publishedOn,
    agendaUrl: input.agendaUrl ?? null,
    published: isCleared(snapshot, stage),
  };
}

/** The chair's agreement to take the stage's report as a late item at its meeting as now scheduled. */
export function checkLateItem(snapshot: RunSnapshot, stageId: string, input: LateItemInput, now: Date): { stage: Stage; lateItem: LateItem } {
  const stage = openStage(snapshot, stageId, now);
  if (isPublished(stage)) throw conflict(`The report for the ${stage.body} was published with the agenda: it is not a late item`);
  return { stage, lateItem: { reason: input.reason, agreedBy: input.agreedBy, at: now.toISOString(), meetingDate: stage.meetingDate } };
}

/**
 * What a report still needs for its meeting, in words for the clerk's agenda list: the sign-offs not given, the
 * chair's agreement for a late item, nothing once published (or agreed).
 */
export function reportNeeds(snapshot: RunSnapshot, stage: Stage): string[] {
  if (isPublished(stage)) return [];
  const missing = gatingSignoffs(snapshot, stage).filter((so) => so.status !== 'signed');
  const needs = missing.map((so) => `${so.area} sign-off (${so.officer.name})${so.status === 'changes-requested' ? ': changes requested' : ''}`);
  const status = publicationStatusOf(snapshot, stage);
  if (status === 'late-item' && !lateItemOf(stage)?.agreedBy) needs.push("the chair's agreement to take it as a late item");
  if (status === 'cleared') needs.push("the agenda's despatch to be recorded");
  return needs;
}
