/** `GET /api/runs/{runId}`: the run with its stages, decisions, sign-offs and audit trail. */
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { withRunId } from '../platform/logger';
import { runView } from '../domain/runView';
import { loadRun } from '../store/runStore';
import { runParams } from './params';
import { assertCanRead, runNotFound } from './runAccess';

export const handler = apiHandler({ name: 'GetRun', params: runParams }, async ({ params, actor }) => {
  withRunId(params.runId);
  const snapshot = await loadRun(params.runId);
  if (!snapshot) throw runNotFound(params.runId);
  assertCanRead(actor, snapshot);
  return { statusCode: 200, body: runView(snapshot, now()) };
});
