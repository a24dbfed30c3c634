import {
  CreateStateMachineCommand,
  DescribeExecutionCommand,
  ListExecutionsCommand,
  SFNClient,
  StartExecutionCommand,
} from '@aws-sdk/client-sfn';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startCallbackPump } from './callbackPump';
import { CRASH_MACHINE_NAME, crashDefinition, crashInput } from './crashMachine';
import { startEngineProcess, type EngineProcess } from './engineProcess';
import { TOKENS_FILE_ENV } from './lambdas';
import { uninterruptedRun, type ExecutionResult } from './uninterruptedRun';

const KILLS = 20;
const FIRST_EXECUTIONS = 6;
const ROLE_ARN = 'arn:aws:iam::123456789012:role/ratify-crash-test';
const LAMBDAS_MODULE = path.join(__dirname, 'lambdas.ts');
const FINISH_WITHIN_MS = 30_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const randomBetween = (min: number, max: number) => min + Math.random() * (max - min);

function clientFor(engine: EngineProcess): SFNClient {
  return new SFNClient({
    endpoint: engine.url,
    region: 'eu-west-2',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
    maxAttempts: 1,
  });
}

describe('the engine process, killed and restarted while executions run', () => {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ratify-crash-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  test(`every execution ends as an uninterrupted run does, through ${KILLS} SIGKILLs at random points`, async () => {
    const names = Array.from({ length: FIRST_EXECUTIONS + KILLS }, (_, i) => `crash-${String(i).padStart(2, '0')}`);
    const expected = await uninterruptedRun(names, ROLE_ARN);
    expect(expected.size).toBe(names.length);

    const spawnEngine = () =>
      startEngineProcess({
        dataDir,
        lambdasModule: LAMBDAS_MODULE,
        env: { [TOKENS_FILE_ENV]: path.join(dataDir, 'tokens.jsonl') },
      });
    let engine = await spawnEngine();
    let client = clientFor(engine);
    const pump = startCallbackPump(path.join(dataDir, 'tokens.jsonl'), () => client);
    const executionArns = new Map<string, string>();
    const start = async (index: number) => {
      const { executionArn } = await client.send(
        new StartExecutionCommand({ stateMachineArn, name: names[index], input: JSON.stringify(crashInput(index)) }),
      );
      executionArns.set(names[index], executionArn!);
    };

    const { stateMachineArn } = await client.send(
      new CreateStateMachineCommand({ name: CRASH_MACHINE_NAME, definition: JSON.stringify(crashDefinition), roleArn: ROLE_ARN }),
    );
    try {
      for (let index = 0; index < FIRST_EXECUTIONS; index++) await start(index);
      // Each round: let the executions run a random while, kill the process, restart it, start one more.
      const runningAtKill: number[] = [];
      for (let kill = 0; kill < KILLS; kill++) {
        await sleep(randomBetween(100, 900));
        const running = await client.send(new ListExecutionsCommand({ stateMachineArn, statusFilter: 'RUNNING' }));
        runningAtKill.push(running.executions!.length);
        await engine.kill();
        engine = await spawnEngine();
        client = clientFor(engine);
        await start(FIRST_EXECUTIONS + kill);
      }

      // Every kill interrupted work in progress (an execution takes seconds; kills come sooner).
      expect(runningAtKill.filter((count) => count === 0)).toEqual([]);

      const results = new Map<string, ExecutionResult>();
      const deadline = Date.now() + FINISH_WITHIN_MS;
      while (results.size < names.length && Date.now() < deadline) {
        for (const [name, executionArn] of executionArns) {
          if (results.has(name)) continue;
          const described = await client.send(new DescribeExecutionCommand({ executionArn }));
          if (described.status !== 'RUNNING') {
            results.set(name, { status: described.status!, output: described.output === undefined ? undefined : JSON.parse(described.output) });
          }
        }
        await sleep(100);
      }
      expect(Object.fromEntries([...results].sort())).toEqual(Object.fromEntries([...expected].sort()));
    } finally {
      await pump.stop();
      await engine.stop();
    }
  }, 120_000);
});
