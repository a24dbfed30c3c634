/** `GET /api/runs?status=...` (manager, clerk): every run, or those with the status, soonest deadline first. */
import { z } from 'zod';
import { visibleRuns } from '../actions/readRuns';
import { runStatusSchema } from '../domain/runModel';
import { runSummary } from '../domain/runView';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';

// `?status=` with no value is read as no filter: a dashboard's empty select box means "every run".
const query = z.object({ status: z.preprocess((v) => (v === '' ? undefined : v), runStatusSchema.optional()) });

export const handler = apiHandler({ name: 'ListRuns', roles: ['manager', 'clerk'], query }, async ({ query, actor }) => {
  const at = now();
  return { statusCode: 200, body: { runs: (await visibleRuns(actor, query.status)).map((run) => runSummary(run, at)) } };
});
