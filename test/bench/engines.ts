import '../infra/local/sfn/conformance/support/promiseWithResolvers';
import { StateMachine } from 'aws-local-stepfunctions';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startStepFunctionsEngine } from '../../infra/local/sfn';
import { echo } from './machines';

/** Runs `count` executions of a definition at once and resolves with their outputs when all have ended. */
export interface BenchEngine {
  label: string;
  runAll(definition: object, inputs: unknown[]): Promise<unknown[]>;
}

const ROLE_ARN = 'arn:aws:iam::123456789012:role/ratify-bench';

/** Our engine in-process (no HTTP), in memory or on SQLite in a fresh directory, on the real clock. */
export function ourEngine(durable: boolean): BenchEngine {
  let run = 0;
  return {
    label: durable ? 'ours, SQLite' : 'ours, in memory',
    async runAll(definition, inputs) {
      const dataDir = durable ? mkdtempSync(path.join(tmpdir(), 'ratify-bench-')) : undefined;
      const engine = await startStepFunctionsEngine({
        dataDir,
        resolveLambda: (name) => (name === 'echo' || name.endsWith(':echo') ? echo : undefined),
      });
      try {
        const { stateMachineArn } = await engine.client.createStateMachine({
          name: `bench-${++run}`,
          definition: JSON.stringify(definition),
          roleArn: ROLE_ARN,
        });
        const arns = await Promise.all(
          inputs.map(async (input, i) => {
            const started = await engine.client.startExecution({ stateMachineArn, name: `e-${i}`, input: JSON.stringify(input) });
            return started.executionArn!;
          }),
        );
        await engine.waitForIdle();
        return await Promise.all(
          arns.map(async (executionArn) => {
            const described = await engine.client.describeExecution({ executionArn });
            if (described.status !== 'SUCCEEDED') throw new Error(`${executionArn} ended ${described.status}: ${described.error}`);
            return JSON.parse(described.output!);
          }),
        );
      } finally {
        await engine.close();
        if (dataDir) rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** aws-local-stepfunctions, in memory; its lambda:invoke override answers as AWS's Invoke API does. */
export const referenceEngine: BenchEngine = {
  label: 'aws-local-stepfunctions',
  async runAll(definition, inputs) {
    const machine = new StateMachine(definition as never, { validationOptions: { checkPaths: false } });
    const taskResourceLocalHandlers = {
      Call: async (parameters: { Payload: unknown }) => ({ Payload: await echo(parameters.Payload), StatusCode: 200 }),
    };
    return Promise.all(
      inputs.map((input) => machine.run(input as never, { overrides: { taskResourceLocalHandlers } as never }).result),
    );
  },
};
