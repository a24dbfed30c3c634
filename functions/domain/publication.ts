/**
 * Publication is recorded, not assumed: the clerk records that a meeting's agenda was despatched (on a day, at an
 * address). A report cleared by then (every sign-off it needs given) is published for that meeting; one that is
 * not is a late item, which needs the chair's agreement recorded (as the law asks) or a move to another meeting.
 */
import { z } from 'zod';
import { compareDates, isoDateSchema, londonDate, type IsoDate } from './calendar';
import { conflict, notFound, problem, throwIfInvalid, type Problem } from './errors';
import { decisionOf, oneLineText, type LateItem, type RunSnapshot, type Stage } from './runModel';
import { isCleared, isPublished, needsNewDate, needsNewMeeting } from './runPhase';

export const publicationInputSchema = z.object({
  publishedOn: isoDateSchema,
  agendaUrl: z.url({ protocol: /^https?$/ }).max(2000).optional(),
});
export type PublicationInput = z.infer<typeof publicationInputSchema>;

export const lateItemInputSchema = z.object({
  reason: z.string().trim().min(1).max(2000),
  agreedBy: z.object({ name: oneLineText(200), role: oneLineText(200) }),
});
export type LateItemInput = z.infer<typeof lateItemInputSchema>;

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

/** The despatch of the stage's agenda, checked: on a day not in the future and not after the meeting. */
export function checkPublication(snapshot: RunSnapshot, stageId: string, input: PublicationInput, now: Date): StagePublication {
  const stage = openStage(snapshot, stageId, now);
  const today = londonDate(now);
  const fields: Record<string, Problem> = {};
  if (compareDates(input.publishedOn, today) > 0) fields.publishedOn = problem('in-the-future', `is in the future (today is ${today})`, { today });
  else if (compareDates(input.publishedOn, stage.meetingDate) > 0) {
    fields.publishedOn = problem('after-meeting', `is after the meeting on ${stage.meetingDate}`, { meetingDate: stage.meetingDate });
  }
  throwIfInvalid(fields, 'publication');
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
