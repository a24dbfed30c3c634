/** `PATCH /api/runs/{runId}/stages/{stageId}` (clerk) `{"meetingDate"}`: a meeting moves; deadlines follow. */
import { z } from 'zod';
import type { Actor } from '../edge/auth';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { isoDateSchema, londonDate } from '../domain/calendar';
import { publishBy } from '../domain/computeDeadlines';
import { checkReschedule } from '../domain/meetingDates';
import type { RunView } from '../domain/runView';
import { putStageDate } from '../store/runStore';
import { stageParams } from './params';
import { completeAction, currentRun, stateNow } from './runActions';

export const rescheduleSchema = z.object({ meetingDate: isoDateSchema });

/** Moves a meeting (the API and the run page's clerk form); the caller's role is checked first. */
export async function rescheduleStage(
  params: { runId: string; stageId: string },
  body: z.infer<typeof rescheduleSchema>,
  actor: Actor,
): Promise<RunView> {
  const snapshot = await currentRun(params.runId);
  const stage = checkReschedule(snapshot, params.stageId, body.meetingDate, londonDate(now()));
  const { meta } = snapshot;
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
