/**
 * `GET /meetings`: upcoming meetings across the runs the caller may see, by date, with publication deadlines: a
 * page of the byMeetingDate index from today (`cursor` for the next), each stage's run read from its META item.
 */
import { londonDate } from '../domain/calendar';
import { now } from '../platform/clock';
import { upcomingMeetingRows } from './model/meetings';
import { pageHandler } from './pageHandler';
import { upcomingStagesPage } from '../actions/readRuns';

const MEETINGS_PER_PAGE = 100;

export const handler = pageHandler({ name: 'MeetingsPage', nav: 'meetings' }, async ({ actor, query }) => {
  const at = now();
  const from = londonDate(at);
  const read = (cursor?: string) => upcomingStagesPage(actor, from, MEETINGS_PER_PAGE, cursor);
  // A cursor the index did not give is dropped: the first page is shown.
  const page = await read(query.cursor || undefined).catch(() => read());
  const rows = upcomingMeetingRows(page.stages, page.runs, at);
  return {
    view: 'meetings',
    context: {
      title: 'Upcoming meetings',
      rows,
      pages: { next: page.next ? `/meetings?cursor=${encodeURIComponent(page.next)}` : null, first: query.cursor ? '/meetings' : null },
    },
  };
});
