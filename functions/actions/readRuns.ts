/** Reading runs as the caller may (API.md "Who may act"): one run, or every run they may see. */
import { assertCanRead, mayReadAll, isNamedOn, runNotFound } from '../domain/access';
import type { Actor } from '../domain/actor';
import type { RunSnapshot, RunStatus } from '../domain/runModel';
import { withRunId } from '../platform/logger';
import { listRunIds, loadRun } from '../store/runStore';

/** The run, if the caller may read it: 404 unknown, 403 not theirs. */
export async function readRun(runId: string, actor: Actor): Promise<RunSnapshot> {
  withRunId(runId);
  const snapshot = await loadRun(runId);
  if (!snapshot) throw runNotFound(runId);
  assertCanRead(actor, snapshot);
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

/** Every run the caller may see (with that status), soonest next deadline first. */
export async function visibleRuns(actor: Actor, status?: RunStatus): Promise<RunSnapshot[]> {
  const runs = (await loadRuns([...new Set(await listRunIds(status))])).filter((run) => !status || run.meta.status === status);
  return mayReadAll(actor) ? runs : runs.filter((run) => isNamedOn(actor, run));
}
