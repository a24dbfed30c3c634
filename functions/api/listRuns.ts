/**
 * `GET /api/runs?status=&body=&author=&officer=&q=&limit=&cursor=` (manager, clerk): a page of runs from the
 * byStatus index, by status then soonest next deadline, each with its RAG as of now (docs/API.md "Runs list").
 */
import { runsPage } from '../actions/readRuns';
import { runListItem, runListQuerySchema } from '../domain/runListing';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';

export const handler = apiHandler({ name: 'ListRuns', roles: ['manager', 'clerk'], query: runListQuerySchema }, async ({ query, actor }) => {
  const page = await runsPage(actor, query);
  const at = now();
  return { statusCode: 200, body: { runs: page.runs.map((run) => runListItem(run, at)), next: page.next } };
});
