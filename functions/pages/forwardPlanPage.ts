/**
 * `GET /forward-plan`: the forward plan of key decisions, a public notice: no sign-in (a signed-in caller sees the
 * service navigation too). The same entries as `GET /api/forward-plan`, and the address of its iCalendar feed.
 */
import { readForwardPlan } from '../actions/forwardPlan';
import { apiHandler } from '../edge/http';
import { pageCaller } from '../edge/pageAuth';
import { htmlPage, layoutContext } from '../edge/pageShell';
import { logger } from '../platform/logger';
import { forwardPlanRows } from './model/forwardPlan';

export const handler = apiHandler({ name: 'ForwardPlanPage', auth: 'public' }, async ({ event }) => {
  // A public page: a credential that cannot be checked only means the page is shown signed out.
  const caller = await pageCaller(event).catch((error: unknown) => {
    logger.info('forward plan shown signed out: the credential could not be checked', { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  });
  const rows = forwardPlanRows(await readForwardPlan());
  return htmlPage(200, 'forwardPlan', {
    ...layoutContext(caller?.actor, 'forward-plan', undefined),
    title: 'Forward plan of key decisions',
    rows,
    feedHref: '/calendar/forward-plan.ics',
    apiHref: '/api/forward-plan',
  });
});
