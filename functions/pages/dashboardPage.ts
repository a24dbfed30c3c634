/**
 * `GET /` the portfolio dashboard: a page of the plans in flight the caller may see, by urgency, and a page of
 * finished runs, both from the runs list's index (`runsPage`): filtered by body, author, officer and words of
 * the title, and paged with the list's cursors (`cursor`, `finished`). The counts and the on track / at risk /
 * late filter (`status`) are of the page read: RAG depends on the clock, so no index holds it.
 */
import { now } from '../platform/clock';
import { dashboardModel, parseFilter, type DashboardFilter } from './model/dashboard';
import { riskTag } from './model/format';
import { pageHandler } from './pageHandler';
import { hasAnyRole } from '../domain/actor';
import { runsPage } from '../actions/readRuns';
import { runListQuerySchema } from '../domain/runListing';

const filterLabels: Record<DashboardFilter, string> = { all: 'All', late: 'Late', 'at-risk': 'At risk', 'on-track': 'On track' };
const FINISHED_LIMIT = 20;
const searchFields = ['q', 'body', 'author', 'officer'] as const;

export const handler = pageHandler({ name: 'DashboardPage', nav: 'dashboard' }, async ({ actor, query }) => {
  const filter = parseFilter(query.status);
  // A value the list would refuse (a mistyped cursor, an overlong word list) is dropped rather than refused.
  const parsed = runListQuerySchema.safeParse({ ...Object.fromEntries(searchFields.map((f) => [f, query[f]])), cursor: query.cursor, limit: query.limit });
  const fieldAlone = (f: (typeof searchFields)[number]) => runListQuerySchema.safeParse({ [f]: query[f] }).success;
  const search = parsed.success ? parsed.data : runListQuerySchema.parse(Object.fromEntries(searchFields.filter(fieldAlone).map((f) => [f, query[f]])));
  const safely = async (run: () => ReturnType<typeof runsPage>, again: () => ReturnType<typeof runsPage>) => {
    try {
      return await run();
    } catch {
      return again();
    }
  };
  const inFlight = await safely(
    () => runsPage(actor, { ...search, status: 'running' }),
    () => runsPage(actor, { ...search, status: 'running', cursor: undefined }),
  );
  const finished = await safely(
    () => runsPage(actor, { ...search, status: undefined, cursor: query.finished || undefined, limit: FINISHED_LIMIT }, ['adopted', 'noted', 'rejected', 'withdrawn']),
    () => runsPage(actor, { ...search, status: undefined, cursor: undefined, limit: FINISHED_LIMIT }, ['adopted', 'noted', 'rejected', 'withdrawn']),
  );
  const model = dashboardModel([...inFlight.runs, ...finished.runs], now(), filter);
  const { counts } = model;
  const kept = Object.fromEntries(searchFields.filter((f) => search[f]).map((f) => [f, search[f]!]));
  const href = (extra: Record<string, string | undefined>) => {
    const params = new URLSearchParams({ ...kept, ...(filter === 'all' ? {} : { status: filter }), ...(query.limit && parsed.success ? { limit: String(search.limit) } : {}) });
    for (const [k, v] of Object.entries(extra)) if (v) params.set(k, v);
    const qs = params.toString();
    return qs ? `/?${qs}` : '/';
  };
  const paged = !!(inFlight.next || search.cursor);
  return {
    view: 'dashboard',
    context: {
      title: 'Plans in flight',
      ...model,
      search: kept,
      // The whole list as the filters give it (not only this page), for those who may read every run.
      csvHref: hasAnyRole(actor, ['manager', 'clerk']) ? `/runs.csv${Object.keys(kept).length ? `?${new URLSearchParams(kept)}` : ''}` : null,
      counts: [
        { label: 'in flight', count: counts.inFlight, href: '/' },
        { label: riskTag.late.text.toLowerCase(), count: counts.late, href: '/?status=late' },
        { label: riskTag['at-risk'].text.toLowerCase(), count: counts['at-risk'], href: '/?status=at-risk' },
        { label: riskTag['on-track'].text.toLowerCase(), count: counts['on-track'], href: '/?status=on-track' },
      ],
      countsNote: paged ? 'Counts are of the plans on this page.' : null,
      // Non-breaking spaces: inline radios otherwise wrap two-word labels.
      filterItems: (['all', 'late', 'at-risk', 'on-track'] as const).map((value) => ({ value, text: filterLabels[value].replace(' ', '\u00a0'), checked: value === filter })),
      caption: filter === 'all' ? 'Plans in flight, most urgent first' : `Plans in flight that are ${filterLabels[filter].toLowerCase()}`,
      emptyText: filter === 'all' ? 'No plans are in flight.' : `No plans in flight are ${filterLabels[filter].toLowerCase()}.`,
      inFlightPages: {
        next: inFlight.next ? href({ cursor: inFlight.next, finished: query.finished }) : null,
        first: search.cursor ? href({ finished: query.finished }) : null,
      },
      finishedPages: {
        next: finished.next ? href({ cursor: search.cursor, finished: finished.next }) : null,
        first: query.finished ? href({ cursor: search.cursor }) : null,
      },
    },
  };
});
