/**
 * iCalendar feeds (`text/calendar`): `GET /calendar/bodies/{bodyId}.ics` and `GET /calendar/feeds/{token}.ics`
 * (public: the first holds nothing private, the second is opened by its secret token), `GET /api/runs/{runId}/
 * timetable.ics` (who may read the run), and the caller's own feed address: `GET` / `DELETE /api/me/calendar-feed`.
 */
import { z } from 'zod';
import { bodyFeed, myCalendarFeed, personFeed, revokeMyCalendarFeed, runTimetable } from '../actions/calendarFeeds';
import { apiHandler } from '../edge/http';
import { runParams } from './params';

const CALENDAR = 'text/calendar; charset=utf-8';
const file = (name: string) => z.object({ [name]: z.string().min(1) });

export const bodyFeedHandler = apiHandler({ name: 'BodyCalendarFeed', auth: 'public', params: file('bodyFile') }, async ({ params }) => ({
  statusCode: 200,
  body: await bodyFeed(String(params.bodyFile)),
  headers: { 'content-type': CALENDAR, 'cache-control': 'public, max-age=300' },
}));

export const personFeedHandler = apiHandler({ name: 'PersonCalendarFeed', auth: 'public', params: file('feedFile') }, async ({ params }) => ({
  statusCode: 200,
  body: await personFeed(String(params.feedFile)),
  headers: { 'content-type': CALENDAR, 'cache-control': 'private, no-store', 'referrer-policy': 'no-referrer' },
}));

export const runTimetableHandler = apiHandler({ name: 'RunTimetable', params: runParams }, async ({ params, actor }) => ({
  statusCode: 200,
  body: await runTimetable(params.runId, actor),
  headers: { 'content-type': CALENDAR, 'cache-control': 'private, no-store' },
}));

export const myFeedHandler = apiHandler({ name: 'MyCalendarFeed' }, async ({ actor, event }) => {
  if (event.requestContext?.http?.method === 'DELETE') {
    await revokeMyCalendarFeed(actor);
    return { statusCode: 204 };
  }
  return { statusCode: 200, body: await myCalendarFeed(actor), headers: { 'cache-control': 'private, no-store' } };
});
