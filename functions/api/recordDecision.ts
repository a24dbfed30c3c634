/** `POST /api/runs/{runId}/stages/{stageId}/decision` (clerk): what the body decided at its meeting. */
import { recordDecision } from '../actions/recordDecision';
import { decisionInputSchema } from '../domain/decisionRules';
import { apiHandler } from '../edge/http';
import { stageParams } from './params';

export const handler = apiHandler(
  { name: 'RecordDecision', roles: ['clerk'], params: stageParams, body: decisionInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await recordDecision(params, body, actor)).view }),
);
