/** `GET /api/runs?status=...` (manager, clerk): every run, or those with the status, soonest deadline first. */
import { z } from 'zod';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { runStatusSchema } from '../domain/runModel';
import { runSummary } from '../domain/runView';
import { listRunIds, loadRun } from '../store/runStore';

// `?status=` with no value is read as no filter: a dashboard's empty select box means "every run".
const query = z.object({ status: z.preprocess((v) => (v === '' ? undefined : v), runStatusSchema.optional()) });

export const handler = apiHandler({ name: 'ListRuns', roles: ['manager', 'clerk'], query }, async ({ query }) => {
  const ids = await listRunIds(query.status);
  const at = now();
  const runs = [];
  for (const id of ids) {
    const snapshot = await loadRun(id);
    if (snapshot && (!query.status || snapshot.meta.status === query.status)) runs.push(runSummary(snapshot, at));
  }
  return { statusCode: 200, body: { runs } };
});
