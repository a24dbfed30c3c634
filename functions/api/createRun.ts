/** `POST /api/runs` (clerk): validates and stores a run, starts its execution, answers 201 with the run. */
import { startRun } from '../actions/startRun';
import { newRunInputSchema } from '../domain/newRun';
import { apiHandler } from '../edge/http';

export const handler = apiHandler(
  { name: 'CreateRun', roles: ['clerk'], body: newRunInputSchema, idempotent: true },
  async ({ body, actor }) => {
    const view = await startRun(body, actor);
    return { statusCode: 201, body: view, headers: { location: `/api/runs/${view.runId}` } };
  },
);
