/** `GET /api/runs/{runId}`: the run with its stages, decisions, sign-offs and audit trail. */
import { readRun } from '../actions/readRuns';
import { runView } from '../domain/runView';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { runParams } from './params';

export const handler = apiHandler({ name: 'GetRun', params: runParams }, async ({ params, actor }) => ({
  statusCode: 200,
  body: runView(await readRun(params.runId, actor), now()),
}));
