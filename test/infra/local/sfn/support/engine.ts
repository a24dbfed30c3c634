import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startStepFunctionsEngine, type EngineOptions, type LocalLambda, type LocalStepFunctions } from '../../../../../infra/local/sfn';

/** A virtual clock as the local stack gives the engine: `set` moves it (never back). */
export function virtualClock(start = '2026-11-26T09:00:00Z') {
  let now = new Date(start);
  return {
    now: () => now,
    set: (instant: Date) => {
      if (instant.getTime() > now.getTime()) now = new Date(instant);
    },
  };
}

export const ROLE = 'arn:aws:iam::000000000000:role/ratify-local';

export interface TestEngine extends LocalStepFunctions {
  clock: ReturnType<typeof virtualClock>;
  /** Creates a state machine (unique name unless given) and returns its ARN. */
  machine(definition: object, name?: string): Promise<string>;
  /** Starts an execution and waits until the engine is idle; returns DescribeExecution. */
  run(stateMachineArn: string, input?: unknown, name?: string): Promise<Awaited<ReturnType<LocalStepFunctions['client']['describeExecution']>>>;
  describe(executionArn: string): ReturnType<LocalStepFunctions['client']['describeExecution']>;
  history(executionArn: string): Promise<Array<Record<string, unknown> & { type: string; id: number; previousEventId: number; timestamp: Date }>>;
}

let machines = 0;

export async function startTestEngine(
  lambdas: Record<string, LocalLambda>,
  options: Partial<EngineOptions> & { clock?: ReturnType<typeof virtualClock> } = {},
): Promise<TestEngine> {
  const clock = options.clock ?? virtualClock();
  const engine = await startStepFunctionsEngine({
    ...options,
    clock,
    resolveLambda: (name) => lambdas[name] ?? lambdas[name.split(':').pop() ?? ''],
  });
  const helpers = {
    clock,
    async machine(definition: object, name = `machine-${++machines}`) {
      const out = await engine.client.createStateMachine({ name, definition: JSON.stringify(definition), roleArn: ROLE });
      return out.stateMachineArn;
    },
    async run(stateMachineArn: string, input: unknown = {}, name?: string) {
      const { executionArn } = await engine.client.startExecution({ stateMachineArn, input: JSON.stringify(input), name });
      await engine.waitForIdle();
      return engine.client.describeExecution({ executionArn });
    },
    describe(executionArn: string) {
      return engine.client.describeExecution({ executionArn });
    },
    async history(executionArn: string) {
      const out = await engine.client.getExecutionHistory({ executionArn, maxResults: 1000 });
      return out.events as unknown as Awaited<ReturnType<TestEngine['history']>>;
    },
  };
  return Object.assign(Object.create(null), engine, helpers) as TestEngine;
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'ratify-sfn-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export const INVOKE = 'arn:aws:states:::lambda:invoke';
export const INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
export const lambdaArn = (name: string) => `arn:aws:lambda:eu-west-2:000000000000:function:${name}`;

export function outputOf(described: { output?: string }): unknown {
  return described.output === undefined ? undefined : JSON.parse(described.output);
}
