/**
 * Meetings on the calendar: `POST /api/meetings` (clerk) adds one; `GET /api/meetings?body=&from=&to=&status=`
 * and `GET /api/meetings/{meetingId}` (with the reports on its agenda) read them (anyone signed in);
 * `PATCH /api/meetings/{meetingId}` (clerk) moves or cancels one, and the runs at it follow;
 * `POST /api/meetings/import?body=<bodyId>` (clerk) reads a body's meetings from an iCalendar or Modern.Gov file;
 * `POST /api/meetings/{meetingId}/publication` (clerk) records its agenda's despatch for every report on it.
 */
import { z } from 'zod';
import { addMeeting, findMeetings, meetingWithReports } from '../actions/calendar';
import { importMeetings } from '../actions/importMeetings';
import { changeMeeting } from '../actions/moveMeeting';
import { importQuerySchema, meetingPatchSchema, meetingsQuerySchema, newMeetingInputSchema } from '../domain/meetings';
import { apiHandler } from '../edge/http';
import { recordMeetingDespatch } from '../actions/recordPublication';
import { publicationInputSchema } from '../domain/publication';

export const meetingParams = z.object({ meetingId: z.string().min(1) });

export const createHandler = apiHandler(
  { name: 'CreateMeeting', roles: ['clerk'], body: newMeetingInputSchema, idempotent: true },
  async ({ body }) => {
    const meeting = await addMeeting(body);
    return { statusCode: 201, body: meeting, headers: { location: `/api/meetings/${meeting.meetingId}` } };
  },
);

export const listHandler = apiHandler({ name: 'ListMeetings', query: meetingsQuerySchema }, async ({ query }) => ({
  statusCode: 200,
  body: { meetings: await findMeetings(query) },
}));

export const getHandler = apiHandler({ name: 'GetMeeting', params: meetingParams }, async ({ params }) => ({
  statusCode: 200,
  body: await meetingWithReports(params.meetingId),
}));

export const patchHandler = apiHandler(
  { name: 'ChangeMeeting', roles: ['clerk'], params: meetingParams, body: meetingPatchSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await changeMeeting(params.meetingId, body, actor) }),
);

export const importHandler = apiHandler(
  { name: 'ImportMeetings', roles: ['clerk'], query: importQuerySchema, bodyFormat: 'raw' },
  async ({ query, event, actor }) => {
    const raw = event.body ?? '';
    const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
    return { statusCode: 200, body: await importMeetings(query.body, event.headers?.['content-type'], text, actor) };
  },
);

/** `POST /api/meetings/{meetingId}/publication` (clerk) `{"publishedOn", "agendaUrl"}`: the agenda went, for every report on it. */
export const publicationHandler = apiHandler(
  { name: 'RecordMeetingPublication', roles: ['clerk'], params: meetingParams, body: publicationInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await recordMeetingDespatch(params.meetingId, body, actor) }),
);
