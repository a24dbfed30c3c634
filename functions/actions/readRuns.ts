/** Reading runs as the caller may (API.md "Who may act"): one run, or a page of the runs they may see. */
import { assertCanRead, hasPublicDecisions, mayReadAll, isNamedOn, NO_STAND_INS, peopleNamedOn, runNotFound, type StandIns } from '../domain/access';
import type { Actor } from '../domain/actor';
import { LIST_LIMIT_MAX, runListFilter, type RunListQuery } from '../domain/runListing';
import type { RunSnapshot, RunStatus } from '../domain/runModel';
import { withRunId } from '../platform/logger';
import { listedRuns, queryRunList, upcomingStages, type RunPage, type StagePage } from '../store/runList';
import { listRunIds, loadRun } from '../store/runStore';
import { standingInFor } from './people';

/** The run, if the caller may read it: 404 unknown, 403 not theirs (nor of someone away they stand in for). */
export async function readRun(runId: string, actor: Actor): Promise<RunSnapshot> {
  return (await readRunAs(runId, actor)).snapshot;
}

/**
 * The run and the people named on it whom the caller stands in for today (their acting deputy while they are
 * away): read from the directory only for a caller who may not read the run otherwise.
 */
export async function readRunAs(runId: string, actor: Actor): Promise<{ snapshot: RunSnapshot; standIns: StandIns }> {
  withRunId(runId);
  const snapshot = await loadRun(runId);
  if (!snapshot) throw runNotFound(runId);
  const standIns = mayReadAll(actor) || isNamedOn(actor, snapshot) ? NO_STAND_INS : await standingInFor(actor, peopleNamedOn(snapshot));
  assertCanRead(actor, snapshot, undefined, standIns);
  return { snapshot, standIns };
}

/** The run for its public decision notices, signed in or not: 404 for an unknown run and for a report that is not public. */
export async function readPublicDecisions(runId: string): Promise<RunSnapshot> {
  withRunId(runId);
  const snapshot = await loadRun(runId);
  if (!snapshot || !hasPublicDecisions(snapshot)) throw runNotFound(runId);
  return snapshot;
}

const PARALLEL_READS = 8;

export async function loadRuns(ids: string[]): Promise<RunSnapshot[]> {
  const runs: RunSnapshot[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL_READS) {
    const batch = await Promise.all(ids.slice(i, i + PARALLEL_READS).map((id) => loadRun(id)));
    for (const run of batch) if (run) runs.push(run);
  }
  return runs;
}

/**
 * One page of the runs the caller may see, from the byStatus index (store/runList.ts): the query's status, or
 * `statuses` (every status by default); authors and officers see only the runs they are named on.
 */
export async function runsPage(actor: Actor, query: RunListQuery, statuses?: readonly RunStatus[]): Promise<RunPage> {
  const filter = { ...runListFilter(query), ...(mayReadAll(actor) ? {} : { namedOn: actor.email.trim().toLowerCase() }) };
  return queryRunList({ statuses: query.status ? [query.status] : statuses, filter, limit: query.limit, cursor: query.cursor });
}

/**
 * Every run of the list that matches the query, page after page of the index (an export), stopping at `max` runs
 * so one request stays bounded; `truncated` says when there were more.
 */
export async function allRunsMatching(actor: Actor, query: Omit<RunListQuery, 'limit' | 'cursor'>, max: number): Promise<{ runs: RunSnapshot[]; truncated: boolean }> {
  const runs: RunSnapshot[] = [];
  let cursor: string | undefined;
  do {
    const page = await runsPage(actor, { ...query, limit: LIST_LIMIT_MAX, cursor });
    runs.push(...page.runs);
    cursor = page.next ?? undefined;
  } while (cursor && runs.length < max);
  return { runs: runs.slice(0, max), truncated: Boolean(cursor) || runs.length > max };
}

/** The runs with these ids as the list knows them (their META items only), those the caller may see. */
export async function listedRunsOf(actor: Actor, runIds: string[]): Promise<RunSnapshot[]> {
  const runs = await listedRuns(runIds);
  return mayReadAll(actor) ? runs : runs.filter((run) => isNamedOn(actor, run));
}

/** A page of stages by meeting date from `from` on, with their runs as the list knows them (the caller's only). */
export async function upcomingStagesPage(actor: Actor, from: string, limit: number, cursor?: string): Promise<StagePage & { runs: Map<string, RunSnapshot> }> {
  const page = await upcomingStages(from, limit, cursor);
  const runs = await listedRunsOf(actor, page.stages.map((s) => s.runId));
  return { ...page, runs: new Map(runs.map((run) => [run.meta.runId, run])) };
}

/**
 * Every run the caller may see (with that status), soonest next deadline first. Reads every run whole: its cost
 * grows with the runs stored; lists and pages use `runsPage` instead.
 */
export async function visibleRuns(actor: Actor, status?: RunStatus): Promise<RunSnapshot[]> {
  const runs = (await loadRuns([...new Set(await listRunIds(status))])).filter((run) => !status || run.meta.status === status);
  return mayReadAll(actor) ? runs : runs.filter((run) => isNamedOn(actor, run));
}
