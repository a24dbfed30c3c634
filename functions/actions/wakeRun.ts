/**
 * Wakes the run's execution after an action: the waiting task's stored token is completed. A failure here must not
 * undo the action (it is stored); the execution wakes at its next timer at the latest, so it is logged, not thrown.
 */
import { sendTaskSuccess } from '../platform/executions';
import { logger } from '../platform/logger';
import { getWaitToken } from '../store/waitToken';

export async function wakeExecution(runId: string): Promise<void> {
  try {
    const wait = await getWaitToken(runId);
    if (wait) await sendTaskSuccess(runId, wait.token);
  } catch (err) {
    logger.error('could not wake the execution', { runId, error: err as Error });
  }
}
