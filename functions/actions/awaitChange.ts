/**
 * Every wait of the state machine (a `waitForTaskToken` task): store the task token in `WAIT#current`, then
 * look whether the run changed since Reconcile read it. If it did, an API action may have missed the token, so
 * complete the wait at once; otherwise the wait lasts until an action wakes it or its timeout fires.
 */
import { now } from '../platform/clock';
import { logger, withRunId } from '../platform/logger';
import { readVersion } from '../store/runStore';
import { putWaitToken } from '../store/waitToken';
import { sendTaskSuccess } from '../platform/executions';
import type { AwaitEvent } from '../domain/workflowEvents';

export type { AwaitEvent } from '../domain/workflowEvents';

export async function awaitChange(event: AwaitEvent): Promise<{ stored: boolean; wokeAtOnce: boolean }> {
  const { runId, taskToken, phase, version } = event;
  withRunId(runId);
  const stored = await putWaitToken(runId, { token: taskToken, phase, version, storedAt: now().getTime() });
  const current = await readVersion(runId);
  const changed = current === undefined || current !== version;
  if (changed) {
    logger.info('the run changed since it was reconciled: waking at once', { phase, version, current });
    await sendTaskSuccess(runId, taskToken);
  }
  return { stored, wokeAtOnce: changed };
}
