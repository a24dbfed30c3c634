/**
 * The council's bodies: `PUT /api/bodies/{bodyId}` (clerk, admin) creates or replaces one; `GET /api/bodies` and
 * `GET /api/bodies/{bodyId}` (anyone signed in) read them.
 */
import { z } from 'zod';
import { readBodies, readBody, saveBody } from '../actions/calendar';
import { bodyIdSchema, bodyInputSchema } from '../domain/meetings';
import { apiHandler } from '../edge/http';

export const putHandler = apiHandler(
  { name: 'PutBody', roles: ['clerk', 'admin'], params: z.object({ bodyId: bodyIdSchema }), body: bodyInputSchema },
  async ({ params, body }) => ({ statusCode: 200, body: await saveBody(params.bodyId, body) }),
);

export const listHandler = apiHandler({ name: 'ListBodies' }, async () => ({ statusCode: 200, body: { bodies: await readBodies() } }));

/** Any id that is not stored is a 404 (even one that could never be a body id). */
export const getHandler = apiHandler({ name: 'GetBody', params: z.object({ bodyId: z.string().min(1) }) }, async ({ params }) => ({
  statusCode: 200,
  body: await readBody(params.bodyId),
}));
