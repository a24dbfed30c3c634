/**
 * The run's Step Functions execution: started under the run's id (so a retried start is harmless), woken with
 * the stored task token when something changes, stopped on withdrawal.
 */
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient, stateMachineArn } from '../commons/aws';
import { logger } from '../commons/logger';
import { getWaitToken } from '../store/waitToken';

const GONE_TOKEN = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

export function executionArnOf(runId: string): string {
  const [prefix, name] = stateMachineArn().split(':stateMachine:');
  return `${prefix}:execution:${name}:${runId}`;
}

export async function startRunExecution(runId: string): Promise<string> {
  try {
    const out = await sfnClient().send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn(), name: runId, input: JSON.stringify({ runId }) }),
    );
    return out.executionArn ?? executionArnOf(runId);
  } catch (err) {
    if ((err as Error).name === 'ExecutionAlreadyExists') return executionArnOf(runId);
    throw err;
  }
}

/** Completes the wait the execution is in, if any; a token that is no longer current is ignored. */
export async function sendTaskSuccess(runId: string, taskToken: string): Promise<boolean> {
  try {
    await sfnClient().send(new SendTaskSuccessCommand({ taskToken, output: JSON.stringify({ woken: true }) }));
    return true;
  } catch (err) {
    if (GONE_TOKEN.has((err as Error).name)) return false;
    throw err;
  }
}

/**
 * Wakes the execution after an API action. A failure here must not undo the action (it is stored); the
 * execution wakes at its next timer at the latest, so it is logged and not thrown.
 */
export async function wakeExecution(runId: string): Promise<void> {
  try {
    const wait = await getWaitToken(runId);
    if (wait) await sendTaskSuccess(runId, wait.token);
  } catch (err) {
    logger.error('could not wake the execution', { runId, error: err as Error });
  }
}
