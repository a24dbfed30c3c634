/**
 * The run's Step Functions execution: started under the run's id (so a retried start is harmless), woken with
 * the stored task token when something changes (actions/wakeRun.ts).
 */
import { SendTaskSuccessCommand, StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient, stateMachineArn } from './aws';

const GONE_TOKEN = new Set(['TaskDoesNotExist', 'TaskTimedOut', 'InvalidToken']);

export function executionArnOf(name: string): string {
  const [prefix, machine] = stateMachineArn().split(':stateMachine:');
  return `${prefix}:execution:${machine}:${name}`;
}

/** Starts the run's execution named `name` (the run's id, or a handover's next name); a retried start finds it. */
export async function startRunExecution(runId: string, name = runId): Promise<string> {
  try {
    const out = await sfnClient().send(
      new StartExecutionCommand({ stateMachineArn: stateMachineArn(), name, input: JSON.stringify({ runId }) }),
    );
    return out.executionArn ?? executionArnOf(name);
  } catch (err) {
    if ((err as Error).name === 'ExecutionAlreadyExists') return executionArnOf(name);
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
