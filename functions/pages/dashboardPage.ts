/** `GET /` the portfolio dashboard: every plan in flight the caller may see, by urgency; finished runs apart. */
import { now } from '../platform/clock';
import { dashboardModel, parseFilter, type DashboardFilter } from './model/dashboard';
import { riskTag } from './model/format';
import { pageHandler } from './pageHandler';
import { visibleRuns } from '../actions/readRuns';

const filterLabels: Record<DashboardFilter, string> = { all: 'All', late: 'Late', 'at-risk': 'At risk', 'on-track': 'On track' };

export const handler = pageHandler({ name: 'DashboardPage', nav: 'dashboard' }, async ({ actor, query }) => {
  const filter = parseFilter(query.status);
  const model = dashboardModel(await visibleRuns(actor), now(), filter);
  const { counts } = model;
  return {
    view: 'dashboard',
    context: {
      title: 'Plans in flight',
      ...model,
      counts: [
        { label: 'in flight', count: counts.inFlight, href: '/' },
        { label: riskTag.late.text.toLowerCase(), count: counts.late, href: '/?status=late' },
        { label: riskTag['at-risk'].text.toLowerCase(), count: counts['at-risk'], href: '/?status=at-risk' },
        { label: riskTag['on-track'].text.toLowerCase(), count: counts['on-track'], href: '/?status=on-track' },
      ],
      // Non-breaking spaces: inline radios otherwise wrap two-word labels.
      filterItems: (['all', 'late', 'at-risk', 'on-track'] as const).map((value) => ({ value, text: filterLabels[value].replace(' ', '\u00a0'), checked: value === filter })),
      caption: filter === 'all' ? 'Plans in flight, most urgent first' : `Plans in flight that are ${filterLabels[filter].toLowerCase()}`,
      emptyText: filter === 'all' ? 'No plans are in flight.' : `No plans in flight are ${filterLabels[filter].toLowerCase()}.`,
    },
  };
});
