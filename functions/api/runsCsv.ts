/** `GET /api/runs.csv?status=&body=&author=&officer=&q=` (manager, clerk): the runs list's filters, every run as a CSV row. */
import { exportRuns } from '../actions/exportRuns';
import { apiHandler } from '../edge/http';
import { runsCsvAnswer, runsCsvQuerySchema } from '../edge/exports';

export const handler = apiHandler({ name: 'RunsCsv', roles: ['manager', 'clerk'], query: runsCsvQuerySchema }, async ({ query, actor }) =>
  runsCsvAnswer(await exportRuns(actor, query)),
);
