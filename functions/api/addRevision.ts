/** `POST /api/runs/{runId}/revisions` (author) `{"summary", "invalidates"?}`: a revised report. */
import { addRevision } from '../actions/addRevision';
import { revisionInputSchema } from '../domain/revisions';
import { apiHandler } from '../edge/http';
import { runParams } from './params';

export const handler = apiHandler(
  { name: 'AddRevision', roles: ['author'], params: runParams, body: revisionInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await addRevision(params, body, actor)).view }),
);
