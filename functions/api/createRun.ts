/** `POST /api/runs` (clerk): validates and stores a run, starts its execution, answers 201 with the run. */
import { startRun } from '../actions/startRun';
import { newRunInputSchema } from '../domain/newRun';
import { apiHandler } from '../edge/http';

export const handler = apiHandler(
  { name: 'CreateRun', roles: ['clerk'], body: newRunInputSchema, idempotent: true },
  async ({ body, actor, idempotencyKey }) => {
    // The key also names the run (DESIGN.md "Idempotent creation"): a retry after a crash finds the same run.
    const view = await startRun(body, actor, { idempotencyKey });
    return { statusCode: 201, body: view, headers: { location: `/api/runs/${view.runId}` } };
  },
);
