/** `GET /runs.csv?status=&body=&author=&officer=&q=`: the dashboard's "Download as CSV", for the page session. */
import { exportRuns } from '../actions/exportRuns';
import { runsCsvAnswer, runsCsvQuerySchema } from '../edge/exports';
import { errorPage, pageHandler } from './pageHandler';

export const handler = pageHandler({ name: 'RunsCsvPage', roles: ['manager', 'clerk'] }, async ({ query, actor }) => {
  const parsed = runsCsvQuerySchema.safeParse(query);
  if (!parsed.success) return { answer: errorPage(400, 'There is a problem with the request', `Check the filters: ${parsed.error.issues.map((i) => i.path.join('.')).join(', ')}.`, actor) };
  return { answer: runsCsvAnswer(await exportRuns(actor, parsed.data)) };
});
