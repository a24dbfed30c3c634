/**
 * The forward plan of key decisions, a public notice (no sign-in): `GET /api/forward-plan` -> `{"entries": [...]}`
 * and its iCalendar feed `GET /calendar/forward-plan.ics`.
 */
import { forwardPlanFeed, readForwardPlan } from '../actions/forwardPlan';
import { apiHandler } from '../edge/http';

export const handler = apiHandler({ name: 'ForwardPlan', auth: 'public' }, async () => ({
  statusCode: 200,
  body: { entries: await readForwardPlan() },
  headers: { 'cache-control': 'public, max-age=60' },
}));

export const feedHandler = apiHandler({ name: 'ForwardPlanFeed', auth: 'public' }, async () => ({
  statusCode: 200,
  body: await forwardPlanFeed(),
  headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'public, max-age=300' },
}));
