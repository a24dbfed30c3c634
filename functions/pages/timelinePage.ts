/**
 * `GET /timeline`: every plan in flight on one date axis by month (a lane per run, its meetings and what is late),
 * a page of the runs list at a time, with the same in words beside it.
 */
import { runsPage } from '../actions/readRuns';
import { runListQuerySchema } from '../domain/runListing';
import { now } from '../platform/clock';
import { runHref } from './model/links';
import { portfolioTimelineOf, timelineSvg, timelineText } from './model/timeline';
import { pageHandler } from './pageHandler';

export const handler = pageHandler({ name: 'TimelinePage', nav: 'timeline' }, async ({ actor, query }) => {
  // A cursor the list would refuse starts again at the first page rather than failing the page.
  const parsed = runListQuerySchema.safeParse({ status: 'running', cursor: query.cursor });
  const page = await runsPage(actor, parsed.success ? parsed.data : runListQuerySchema.parse({ status: 'running' })).catch(() =>
    runsPage(actor, runListQuerySchema.parse({ status: 'running' })),
  );
  const timeline = portfolioTimelineOf(page.runs, now(), runHref);
  return {
    view: 'timeline',
    context: {
      title: 'Timeline of plans in flight',
      svg: page.runs.length ? timelineSvg(timeline) : null,
      words: timelineText(timeline).map((lane, i) => ({ ...lane, href: timeline.lanes[i].href })),
      next: page.next ? `/timeline?cursor=${encodeURIComponent(page.next)}` : null,
      first: parsed.success && query.cursor ? '/timeline' : null,
    },
  };
});
