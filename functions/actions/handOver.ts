/**
 * A Standard execution may run for a year at most: a run that lasts longer (deferrals, referrals back, a late
 * Council) hands over to a fresh execution before then. Reconcile says when (`handoverDue`); the state
 * machine's Handover step starts the next execution, named after this one, and this one ends.
 */
import { logger, withRunId } from '../platform/logger';
import { startRunExecution } from '../platform/executions';
import type { HandOverEvent } from '../domain/workflowEvents';

/** Hand over after 300 days: the longest wait (7 days) and a run of failures' retries still end well inside a year. */
export const HANDOVER_AFTER_DAYS = 300;

export function handoverDue(executionStartedAt: string | undefined, now: Date): boolean {
  if (!executionStartedAt) return false;
  const started = Date.parse(executionStartedAt);
  return Number.isFinite(started) && now.getTime() - started >= HANDOVER_AFTER_DAYS * 86_400_000;
}

/** `<runId>` -> `<runId>_2` -> `<runId>_3`: names stay unique, and a retried start finds its own execution. */
export function nextExecutionName(runId: string, current: string): string {
  const match = /_(\d+)$/.exec(current);
  return `${runId}_${match && current.startsWith(runId) ? Number(match[1]) + 1 : 2}`;
}

export async function handOver(event: HandOverEvent): Promise<{ execution: string }> {
  withRunId(event.runId);
  const name = nextExecutionName(event.runId, event.execution);
  await startRunExecution(event.runId, name);
  logger.info('the run goes on in a new execution', { from: event.execution, to: name });
  return { execution: name };
}
