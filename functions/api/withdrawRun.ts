/** `POST /api/runs/{runId}/withdraw` (clerk) `{"reason"}`: ends the run and records why. */
import { withdrawRun } from '../actions/withdrawRun';
import { withdrawSchema } from '../domain/withdrawal';
import { apiHandler } from '../edge/http';
import { runParams } from './params';

export const handler = apiHandler(
  { name: 'WithdrawRun', roles: ['clerk'], params: runParams, body: withdrawSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await withdrawRun(params, body, actor)).view }),
);
