/**
 * `POST /api/runs/{runId}/call-in` (clerk) `{"by", "reason", "meetingId"|"meetingDate"}`: a final executive decision
 * called in within its call-in period; a scrutiny stage is added at that meeting. After the period: 409.
 */
import { recordCallIn } from '../actions/callIn';
import { callInInputSchema } from '../domain/executiveDecisions';
import { apiHandler } from '../edge/http';
import { runParams } from './params';

export const handler = apiHandler(
  { name: 'RecordCallIn', roles: ['clerk'], params: runParams, body: callInInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await recordCallIn(params, body, actor)).view }),
);
