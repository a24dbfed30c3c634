import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStepFunctionsEngine, type LocalLambda } from '../../../../../infra/local/sfn';
import { virtualClock } from '../conformance/support/engineRunner';
import { CRASH_MACHINE_NAME, approvalFor, crashDefinition, crashInput } from './crashMachine';
import { TOKENS_FILE_ENV, lambdas } from './lambdas';

export interface ExecutionResult {
  status: string;
  output: unknown;
}

// Small steps, so that each callback is answered long before its task's timeout.
const STEP_MS = 1_000;
const MAX_STEPS = 120;

/** The crash test's executions run once without interruption: in memory, on a virtual clock, same Lambdas. */
export async function uninterruptedRun(executionNames: string[], roleArn: string): Promise<Map<string, ExecutionResult>> {
  const dir = mkdtempSync(path.join(tmpdir(), 'ratify-uninterrupted-'));
  const tokensFile = path.join(dir, 'tokens.jsonl');
  const previous = process.env[TOKENS_FILE_ENV];
  process.env[TOKENS_FILE_ENV] = tokensFile;
  const clock = virtualClock(new Date('2026-11-26T09:00:00Z'));
  const engine = await startStepFunctionsEngine({
    clock,
    resolveLambda: (name) => lambdas[name] as LocalLambda | undefined,
  });
  try {
    const { stateMachineArn } = await engine.client.createStateMachine({
      name: CRASH_MACHINE_NAME,
      definition: JSON.stringify(crashDefinition),
      roleArn,
    });
    const arns = new Map<string, string>();
    for (const [index, name] of executionNames.entries()) {
      const started = await engine.client.startExecution({ stateMachineArn, name, input: JSON.stringify(crashInput(index)) });
      arns.set(name, started.executionArn!);
    }
    const answered = new Set<string>();
    const results = new Map<string, ExecutionResult>();
    for (let step = 0; results.size < executionNames.length && step < MAX_STEPS; step++) {
      await engine.waitForIdle();
      const lines = existsSync(tokensFile) ? readFileSync(tokensFile, 'utf8').split('\n').filter(Boolean) : [];
      for (const { execution, token } of lines.map((line) => JSON.parse(line) as { execution: string; token: string })) {
        if (answered.has(token)) continue;
        answered.add(token);
        await engine.client.sendTaskSuccess({ taskToken: token, output: JSON.stringify(approvalFor(execution)) });
      }
      await engine.advanceTo(new Date(clock.now().getTime() + STEP_MS));
      for (const [name, executionArn] of arns) {
        const described = await engine.client.describeExecution({ executionArn });
        if (described.status !== 'RUNNING') {
          results.set(name, { status: described.status!, output: described.output === undefined ? undefined : JSON.parse(described.output) });
        }
      }
    }
    return results;
  } finally {
    await engine.close();
    if (previous === undefined) delete process.env[TOKENS_FILE_ENV];
    else process.env[TOKENS_FILE_ENV] = previous;
    rmSync(dir, { recursive: true, force: true });
  }
}
