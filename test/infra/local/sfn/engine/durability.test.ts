import type { LocalLambda } from '../../../../../infra/local/sfn';
import { INVOKE, INVOKE_CALLBACK, outputOf, startTestEngine, tempDir, virtualClock, type TestEngine } from '../support/engine';

const DAY = 86_400_000;

describe('durability across restarts', () => {
  let dir: ReturnType<typeof tempDir>;
  let clock: ReturnType<typeof virtualClock>;
  const open: TestEngine[] = [];
  const tokens: string[] = [];
  const lambdas: Record<string, LocalLambda> = {
    remember: async (event) => {
      tokens.push((event as { token: string }).token);
      return null;
    },
    echo: async (event) => event,
  };
  const start = async (extra: Record<string, LocalLambda> = {}) => {
    const engine = await startTestEngine({ ...lambdas, ...extra }, { dataDir: dir.path, clock });
    open.push(engine);
    return engine;
  };

  beforeEach(() => {
    dir = tempDir();
    clock = virtualClock();
    tokens.length = 0;
  });
  afterEach(async () => {
    for (const engine of open.splice(0)) await engine.close();
    dir.remove();
  });

  it('goes on from a pending callback after a restart, with the same token and one continuous history', async () => {
    const first = await start();
    const arn = await first.machine({
      StartAt: 'Prepare',
      States: {
        Prepare: { Type: 'Pass', Result: 'prepared', ResultPath: '$.step', Next: 'Await' },
        Await: {
          Type: 'Task',
          Resource: INVOKE_CALLBACK,
          Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } },
          ResultPath: '$.answer',
          Next: 'After',
        },
        After: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'echo', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true },
      },
    }, 'approval');
    const running = await first.run(arn, { runId: 'r1' });
    expect(running.status).toBe('RUNNING');
    await first.close();

    const second = await start();
    expect((await second.describe(running.executionArn)).status).toBe('RUNNING');
    await second.client.sendTaskSuccess({ taskToken: tokens[0], output: '{"signed":true}' });
    await second.waitForIdle();
    const done = await second.describe(running.executionArn);
    expect(outputOf(done)).toEqual({ runId: 'r1', step: 'prepared', answer: { signed: true } });
    expect(tokens).toHaveLength(1);
    const events = await second.history(running.executionArn);
    expect(events.map((e) => e.id)).toEqual(events.map((_, i) => i + 1));
    expect(events.filter((e) => e.type === 'TaskScheduled')).toHaveLength(2);
  });

  it('goes on with a long Wait after a restart, firing at the stored instant', async () => {
    const t0 = clock.now().getTime();
    const first = await start();
    const arn = await first.machine({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 300 * 86_400, Next: 'Done' }, Done: { Type: 'Succeed' } } });
    const running = await first.run(arn, { long: true });
    await first.advanceTo(new Date(t0 + 100 * DAY));
    await first.close();

    const second = await start();
    await second.advanceTo(new Date(t0 + 299 * DAY));
    expect((await second.describe(running.executionArn)).status).toBe('RUNNING');
    await second.advanceTo(new Date(t0 + 301 * DAY));
    const out = await second.describe(running.executionArn);
    expect(out.status).toBe('SUCCEEDED');
    expect(out.stopDate).toEqual(new Date(t0 + 300 * DAY));
  });

  it('calls a Lambda again when the process stopped while it was running', async () => {
    let release: (() => void) | undefined;
    const first = await start({ slow: () => new Promise((resolve) => (release = () => resolve('first'))) });
    const arn = await first.machine({
      StartAt: 'Slow',
      States: { Slow: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'slow' }, OutputPath: '$.Payload', End: true } },
    });
    const { executionArn } = await first.client.startExecution({ stateMachineArn: arn });
    while (!release) await new Promise((resolve) => setImmediate(resolve));
    await first.close();
    release();

    const second = await start({ slow: async () => 'second' });
    await second.waitForIdle();
    expect(outputOf(await second.describe(executionArn))).toBe('second');
  });

  it('keeps a pending retry and its interval across a restart', async () => {
    let attempts = 0;
    const failing: LocalLambda = async () => {
      attempts++;
      const error = new Error('busy');
      error.name = 'Busy';
      throw error;
    };
    const t0 = clock.now().getTime();
    const first = await start({ flaky: failing });
    const arn = await first.machine({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'flaky' },
          Retry: [{ ErrorEquals: ['Busy'], IntervalSeconds: 3600, MaxAttempts: 1 }],
          End: true,
        },
      },
    });
    const running = await first.run(arn);
    expect(attempts).toBe(1);
    await first.close();

    const second = await start({ flaky: async () => 'ok' });
    await second.advanceTo(new Date(t0 + 3_599_000));
    expect((await second.describe(running.executionArn)).status).toBe('RUNNING');
    await second.advanceTo(new Date(t0 + 3_600_000));
    expect((await second.describe(running.executionArn)).status).toBe('SUCCEEDED');
  });

  it('keeps Map iterations waiting on callbacks across a restart', async () => {
    const first = await start();
    const arn = await first.machine({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemProcessor: {
            StartAt: 'Await',
            States: {
              Await: {
                Type: 'Task',
                Resource: INVOKE_CALLBACK,
                Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } },
                End: true,
              },
            },
          },
          End: true,
        },
      },
    });
    const running = await first.run(arn, ['legal', 'finance']);
    expect(tokens).toHaveLength(2);
    await first.close();

    const second = await start();
    await second.client.sendTaskSuccess({ taskToken: tokens[1], output: '"finance signed"' });
    await second.waitForIdle();
    await second.close();

    const third = await start();
    await third.client.sendTaskSuccess({ taskToken: tokens[0], output: '"legal signed"' });
    await third.waitForIdle();
    expect(outputOf(await third.describe(running.executionArn))).toEqual(['legal signed', 'finance signed']);
  });

  it('refuses a second engine on a data directory in use, and lets one start once the first is closed', async () => {
    const first = await start();
    await expect(start()).rejects.toThrow('in use by another engine');
    await first.close();
    await expect(start()).resolves.toBeDefined();
  });

  it('keeps state machines, finished executions and closed tokens', async () => {
    const first = await start();
    const arn = await first.machine({
      StartAt: 'Await',
      States: { Await: { Type: 'Task', Resource: INVOKE_CALLBACK, Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } }, End: true } },
    }, 'kept');
    const running = await first.run(arn);
    await first.client.sendTaskSuccess({ taskToken: tokens[0], output: '{}' });
    await first.close();

    const second = await start();
    expect((await second.client.describeStateMachine({ stateMachineArn: arn })).name).toBe('kept');
    expect((await second.describe(running.executionArn)).status).toBe('SUCCEEDED');
    await expect(second.client.sendTaskSuccess({ taskToken: tokens[0], output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    const listed = await second.client.listExecutions({ stateMachineArn: arn });
    expect(listed.executions.map((e) => e.executionArn)).toEqual([running.executionArn]);
  });
});
