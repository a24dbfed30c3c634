/**
 * The forward plan of key decisions, a public notice (no sign-in), one function in its three forms:
 * `GET /forward-plan` (the GOV.UK page; a signed-in caller also gets the service navigation),
 * `GET /api/forward-plan` -> `{"entries": [...]}` and its iCalendar feed `GET /calendar/forward-plan.ics`.
 */
import { forwardPlanFeed, readForwardPlan } from '../actions/forwardPlan';
import { forwardPlanRows } from '../domain/forwardPlan';
import { apiHandler } from '../edge/http';
import { publicPageCaller } from '../edge/pageAuth';
import { htmlPage, layoutContext } from '../edge/pageShell';

export const FEED_PATH = '/calendar/forward-plan.ics';
export const API_PATH = '/api/forward-plan';

export const handler = apiHandler({ name: 'ForwardPlan', auth: 'public' }, async ({ event }) => {
  if (event.rawPath === API_PATH) {
    return { statusCode: 200, body: { entries: await readForwardPlan() }, headers: { 'cache-control': 'public, max-age=60' } };
  }
  if (event.rawPath === FEED_PATH) {
    return { statusCode: 200, body: await forwardPlanFeed(), headers: { 'content-type': 'text/calendar; charset=utf-8', 'cache-control': 'public, max-age=300' } };
  }
  const caller = await publicPageCaller(event, 'forward plan');
  return htmlPage(200, 'forwardPlan', {
    ...layoutContext(caller?.actor, 'forward-plan', undefined),
    title: 'Forward plan of key decisions',
    rows: forwardPlanRows(await readForwardPlan()),
    feedHref: FEED_PATH,
    apiHref: API_PATH,
  });
});
