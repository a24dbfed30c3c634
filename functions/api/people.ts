/**
 * The people directory (admin, clerk), docs/API.md "People":
 * - `GET /api/people?area=` -> `{"people": [...]}` by name; `GET /api/people/{email}` -> the person, or 404;
 * - `PUT /api/people/{email}` `{name, jobTitle?, area?, roles?, deputy?, away?, awayUntil?}` -> 200 the person;
 * - `DELETE /api/people/{email}` -> 204 (409 while they are someone's deputy).
 */
import { z } from 'zod';
import { listPeople, readPerson, removePerson, savePerson } from '../actions/people';
import { peopleQuerySchema, personEmailSchema, personInputSchema } from '../domain/people';
import { apiHandler } from '../edge/http';

const MANAGERS = ['admin', 'clerk'] as const;

/** `{email}` as the gateway passes it: decoded already, or still `%40`-encoded (decoded here once, if it decodes). */
const pathEmail = z.string().min(1).transform((v) => {
  try {
    return decodeURIComponent(v);
  } catch {
    return v;
  }
});

export const readHandler = apiHandler(
  { name: 'PeopleRead', roles: [...MANAGERS], params: z.object({ email: pathEmail.optional() }), query: peopleQuerySchema },
  async ({ params, query }) =>
    params.email ? { statusCode: 200, body: await readPerson(params.email) } : { statusCode: 200, body: { people: await listPeople(query) } },
);

export const putHandler = apiHandler(
  { name: 'PutPerson', roles: [...MANAGERS], params: z.object({ email: pathEmail.pipe(personEmailSchema) }), body: personInputSchema },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await savePerson(params.email, body, actor)).person }),
);

export const deleteHandler = apiHandler(
  { name: 'DeletePerson', roles: [...MANAGERS], params: z.object({ email: pathEmail }) },
  async ({ params }) => {
    await removePerson(params.email);
    return { statusCode: 204 };
  },
);
