/** `POST /api/runs/{runId}/stages/{stageId}/late-item` (clerk) `{"reason", "agreedBy": {"name", "role"}}`. */
import { recordLateItem } from '../actions/recordPublication';
import { lateItemInputSchema } from '../domain/publication';
import { apiHandler } from '../edge/http';
import { stageParams } from './params';

export const handler = apiHandler(
  { name: 'RecordLateItem', roles: ['clerk'], params: stageParams, body: lateItemInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await recordLateItem(params, body, actor)).view }),
);
