/**
 * `POST /api/intake` (clerk, author): a committee report (JSON `{"text"}` or a .docx/.pdf upload) -> 200 with
 * the proposed body of `POST /api/runs`, warnings and sources. Officers the report names without an address get
 * theirs from the people directory. Starts nothing, stores nothing.
 */
import { listPeople } from '../actions/people';
import { londonDate } from '../domain/calendar';
import { proposeRun } from '../domain/intake/proposeRun';
import { apiHandler } from '../edge/http';
import { reportTextOf } from '../edge/reportUpload';
import { now } from '../platform/clock';

export const handler = apiHandler({ name: 'ReportIntake', roles: ['clerk', 'author'], bodyFormat: 'raw' }, async ({ event }) => {
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  const text = await reportTextOf({ contentType: event.headers?.['content-type'] ?? '', body });
  const directory = (await listPeople()).map((p) => ({ name: p.name, email: p.email, ...(p.area ? { area: p.area } : {}) }));
  return { statusCode: 200, body: proposeRun(text, { today: londonDate(now()), directory }) };
});
