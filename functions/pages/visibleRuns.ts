/**
 * The runs a caller may see, as the API decides it (functions/api/runAccess.ts): managers and clerks every run,
 * authors and officers the runs they are named on. Reads every run: a council has tens of plans in flight.
 */
import { hasAnyRole, type Actor } from '../edge/auth';
import type { RunSnapshot } from '../domain/runModel';
import { isNamedOn } from '../api/runAccess';
import { listRunIds, loadRun } from '../store/runStore';

const PARALLEL_READS = 8;

export async function loadRuns(ids: string[]): Promise<RunSnapshot[]> {
  const runs: RunSnapshot[] = [];
  for (let i = 0; i < ids.length; i += PARALLEL_READS) {
    const batch = await Promise.all(ids.slice(i, i + PARALLEL_READS).map((id) => loadRun(id)));
    for (const run of batch) if (run) runs.push(run);
  }
  return runs;
}

export async function visibleRuns(actor: Actor): Promise<RunSnapshot[]> {
  const runs = await loadRuns([...new Set(await listRunIds())]);
  return hasAnyRole(actor, ['manager', 'clerk']) ? runs : runs.filter((run) => isNamedOn(actor, run));
}
