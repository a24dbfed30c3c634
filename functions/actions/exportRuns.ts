/** The runs list as CSV, every run that matches the list's filters (up to `RUNS_CSV_MAX`), RAG as of now. */
import type { Actor } from '../domain/actor';
import { runsCsv } from '../domain/exports/runsCsv';
import { runListItem, type RunListQuery } from '../domain/runListing';
import { now } from '../platform/clock';
import { allRunsMatching } from './readRuns';

/** One export stays one bounded request; past this many runs the answer says it was cut. */
export const RUNS_CSV_MAX = 10_000;

export async function exportRuns(actor: Actor, query: Omit<RunListQuery, 'limit' | 'cursor'>): Promise<{ csv: string; truncated: boolean }> {
  const { runs, truncated } = await allRunsMatching(actor, query, RUNS_CSV_MAX);
  const at = now();
  return { csv: runsCsv(runs.map((run) => runListItem(run, at))), truncated };
}
