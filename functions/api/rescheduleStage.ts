/** `PATCH /api/runs/{runId}/stages/{stageId}` (clerk) `{"meetingDate"}`: a meeting moves; deadlines follow. */
import { z } from 'zod';
import type { Actor } from '../commons/auth';
import { apiHandler } from '../commons/http';
import { now } from '../commons/clock';
import { badRequest, conflict, notFound } from '../commons/errors';
import { compareDates, isoDateSchema, londonDate } from '../domain/calendar';
import { publishBy } from '../domain/computeDeadlines';
import { decisionOf, type RunSnapshot, type Stage } from '../domain/runModel';
import type { RunView } from '../domain/runView';
import { putStageDate } from '../store/runStore';
import { stageParams } from './params';
import { completeAction, currentRun, stateNow } from './runActions';

export const rescheduleSchema = z.object({ meetingDate: isoDateSchema });

/**
 * A new date must not be in the past nor put the stages out of order. A later stage whose date has already
 * passed (it will need a new date itself, after a referral back) does not hold the new date back.
 */
export function checkNewDate(snapshot: RunSnapshot, stage: Stage, meetingDate: string, today: string): string | undefined {
  if (compareDates(meetingDate, today) < 0) return `is in the past (today is ${today})`;
  const previous = snapshot.stages[stage.index - 1];
  if (previous && compareDates(meetingDate, previous.meetingDate) < 0) {
    return `is before the meeting of the previous stage (${previous.id} on ${previous.meetingDate})`;
  }
  // A next meeting that has already started (or passed) is one the run will have to set again.
  const next = snapshot.stages[stage.index + 1];
  if (next && compareDates(next.meetingDate, today) > 0 && compareDates(meetingDate, next.meetingDate) > 0) {
    return `is after the meeting of the next stage (${next.id} on ${next.meetingDate}): move that one first`;
  }
  return undefined;
}

/** Moves a meeting (the API and the run page's clerk form); the caller's role is checked first. */
export async function rescheduleStage(
  params: { runId: string; stageId: string },
  body: z.infer<typeof rescheduleSchema>,
  actor: Actor,
): Promise<RunView> {
  const snapshot = await currentRun(params.runId);
  const stage = snapshot.stages.find((s) => s.id === params.stageId);
  if (!stage) throw notFound(`Run ${params.runId} has no stage ${params.stageId}`);
  const problem = checkNewDate(snapshot, stage, body.meetingDate, londonDate(now()));
  if (problem) throw badRequest(`Invalid input: meetingDate`, { meetingDate: problem });
  const { meta } = snapshot;
  if (meta.status !== 'running') throw conflict(`The run is ${meta.status}: its meetings can no longer be moved`);
  if (stage.index < meta.cursor.index) throw conflict(`The ${stage.body} has already decided`);
  if (stage.index === meta.cursor.index && decisionOf(snapshot, stage.index, meta.cursor.round)) {
    throw conflict(`The ${stage.body} has already decided at this meeting`);
  }
  const before = stateNow(snapshot);
  const newPublishBy = publishBy(body.meetingDate, meta.clearDays);
  await putStageDate(params.runId, stage.index, stage.id, body.meetingDate, newPublishBy);
  const { view } = await completeAction(
    params.runId,
    actor,
    `Moved the ${stage.body} meeting from ${stage.meetingDate} to ${body.meetingDate} (publish by ${newPublishBy})`,
    before,
    { stageId: stage.id, from: stage.meetingDate, to: body.meetingDate },
  );
  return view;
}

export const handler = apiHandler(
  { name: 'RescheduleStage', roles: ['clerk'], params: stageParams, body: rescheduleSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await rescheduleStage(params, body, actor) }),
);
