/**
 * `POST /api/intake` (clerk, author): a committee report (JSON `{"text"}` or a .docx/.pdf upload) -> 200 with
 * the proposed body of `POST /api/runs`, warnings and sources. Starts nothing, stores nothing.
 */
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { invalid } from '../domain/errors';
import { londonDate } from '../domain/calendar';
import { proposeRun } from '../domain/intake/proposeRun';
import { IntakeInputError, reportTextOf } from '../domain/intake/upload';

export const handler = apiHandler({ name: 'ReportIntake', roles: ['clerk', 'author'], bodyFormat: 'raw' }, async ({ event }) => {
  const raw = event.body ?? '';
  const body = event.isBase64Encoded ? Buffer.from(raw, 'base64') : Buffer.from(raw, 'utf8');
  let text: string;
  try {
    text = await reportTextOf({ contentType: event.headers?.['content-type'] ?? '', body });
  } catch (err) {
    if (err instanceof IntakeInputError) throw invalid(err.message, err.fields);
    throw err;
  }
  return { statusCode: 200, body: proposeRun(text, { today: londonDate(now()) }) };
});
