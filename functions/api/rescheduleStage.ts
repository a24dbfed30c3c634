/** `PATCH /api/runs/{runId}/stages/{stageId}` (clerk) `{"meetingDate"}`: a meeting moves; deadlines follow. */
import { rescheduleStage } from '../actions/rescheduleStage';
import { rescheduleSchema } from '../domain/meetingDates';
import { apiHandler } from '../edge/http';
import { stageParams } from './params';

export const handler = apiHandler(
  { name: 'RescheduleStage', roles: ['clerk'], params: stageParams, body: rescheduleSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await rescheduleStage(params, body, actor)).view }),
);
