/** `GET /meetings`: upcoming meetings across the runs the caller may see, by date, with publication deadlines. */
import { now } from '../platform/clock';
import { upcomingMeetings } from './model/meetings';
import { pageHandler } from './pageHandler';
import { visibleRuns } from '../actions/readRuns';

export const handler = pageHandler({ name: 'MeetingsPage', nav: 'meetings' }, async ({ actor }) => {
  const rows = upcomingMeetings(await visibleRuns(actor), now());
  return { view: 'meetings', context: { title: 'Upcoming meetings', rows } };
});
