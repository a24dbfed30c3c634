/**
 * The forward plan (public): every running key decision's entry, read page by page from the runs list's index
 * (running runs filtered to key decisions; META and its listing only), and its iCalendar feed. Its cost grows with
 * the key decisions in flight, not with the runs stored.
 */
import { forwardPlan, forwardPlanFeedEvents, type ForwardPlanEntry } from '../domain/forwardPlan';
import { icsFeed } from '../domain/meetings';
import { LIST_LIMIT_MAX } from '../domain/runListing';
import type { RunSnapshot } from '../domain/runModel';
import { now } from '../platform/clock';
import { queryRunList } from '../store/runList';
import { publicUrl } from './sendRunEmails';

/** At most this many key decisions in flight are read (far more than any council's forward plan holds). */
const MAX_RUNS = 2000;

async function keyDecisionRuns(): Promise<RunSnapshot[]> {
  const runs: RunSnapshot[] = [];
  let cursor: string | undefined;
  do {
    const page = await queryRunList({ statuses: ['running'], filter: { keyDecision: true }, limit: LIST_LIMIT_MAX, cursor });
    runs.push(...page.runs);
    cursor = page.next ?? undefined;
  } while (cursor && runs.length < MAX_RUNS);
  return runs;
}

/** `GET /api/forward-plan`: the entries, soonest decision first. */
export async function readForwardPlan(): Promise<ForwardPlanEntry[]> {
  return forwardPlan(await keyDecisionRuns(), now());
}

/** `GET /calendar/forward-plan.ics`: one all-day event per key decision on its date. */
export async function forwardPlanFeed(): Promise<string> {
  const entries = await readForwardPlan();
  return icsFeed(forwardPlanFeedEvents(entries, { url: `${publicUrl()}/forward-plan` }), { name: 'Forward plan of key decisions', now: now() });
}
