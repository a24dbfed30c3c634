import { startStepFunctionsEngine } from '../../../../../infra/local/sfn';
import { INVOKE, ROLE, outputOf, startTestEngine, type TestEngine } from '../support/engine';

const DAY = 86_400_000;

describe('timers and the clock', () => {
  let sfn: TestEngine;
  const seen: Array<{ who: unknown; at: string }> = [];
  beforeAll(async () => {
    sfn = await startTestEngine({
      note: async (event) => {
        seen.push({ who: event, at: sfn.clock.now().toISOString() });
        return null;
      },
    });
  });
  afterAll(() => sfn.close());
  beforeEach(() => {
    seen.length = 0;
  });

  it('waits 300 days of virtual time without sleeping', async () => {
    const arn = await sfn.machine({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 300 * 86_400, End: true } } });
    const start = sfn.clock.now().getTime();
    const running = await sfn.run(arn, { plan: 'CSP' });
    await sfn.advanceTo(new Date(start + 300 * DAY - 1000));
    expect((await sfn.describe(running.executionArn)).status).toBe('RUNNING');
    await sfn.advanceTo(new Date(start + 300 * DAY));
    const out = await sfn.describe(running.executionArn);
    expect(out.status).toBe('SUCCEEDED');
    expect(out.stopDate).toEqual(new Date(start + 300 * DAY));
    expect(outputOf(out)).toEqual({ plan: 'CSP' });
  });

  it('fires each timer with the clock set to its due instant, in time order, and ends at the target instant', async () => {
    const arn = await sfn.machine({
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', SecondsPath: '$.after', Next: 'Note' },
        Note: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'note', 'Payload.$': '$.who' }, End: true },
      },
    });
    const start = sfn.clock.now().getTime();
    await sfn.client.startExecution({ stateMachineArn: arn, input: JSON.stringify({ who: 'late', after: 7200 }) });
    await sfn.client.startExecution({ stateMachineArn: arn, input: JSON.stringify({ who: 'early', after: 3600 }) });
    const target = new Date(start + 3 * 3_600_000);
    await sfn.advanceTo(target);
    expect(seen).toEqual([
      { who: 'early', at: new Date(start + 3_600_000).toISOString() },
      { who: 'late', at: new Date(start + 7_200_000).toISOString() },
    ]);
    expect(sfn.clock.now()).toEqual(target);
  });

  it('fires timers that fall due at the same instant in the order they were created', async () => {
    const arn = await sfn.machine({
      StartAt: 'Wait',
      States: {
        Wait: { Type: 'Wait', TimestampPath: '$.until', Next: 'Note' },
        Note: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'note', 'Payload.$': '$.who' }, End: true },
      },
    });
    const until = new Date(sfn.clock.now().getTime() + DAY).toISOString();
    for (const who of ['first', 'second', 'third']) {
      await sfn.client.startExecution({ stateMachineArn: arn, input: JSON.stringify({ who, until }) });
    }
    await sfn.advanceTo(new Date(until));
    expect(seen.map((s) => s.who)).toEqual(['first', 'second', 'third']);
  });

  it('runs a Wait whose time has already passed at once', async () => {
    const arn = await sfn.machine({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Timestamp: '2020-01-01T00:00:00Z', End: true } } });
    expect((await sfn.run(arn)).status).toBe('SUCCEEDED');
  });

  it('times an execution out at the definition TimeoutSeconds', async () => {
    const arn = await sfn.machine({ TimeoutSeconds: 60, StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 3600, End: true } } });
    const start = sfn.clock.now().getTime();
    const running = await sfn.run(arn);
    await sfn.advanceTo(new Date(start + 120_000));
    expect(await sfn.describe(running.executionArn)).toMatchObject({ status: 'TIMED_OUT', error: 'States.Timeout' });
    const types = (await sfn.history(running.executionArn)).map((e) => e.type);
    expect(types[types.length - 1]).toBe('ExecutionTimedOut');
  });

  it('refuses advanceTo with a real clock', async () => {
    const real = await startStepFunctionsEngine({ resolveLambda: () => undefined });
    try {
      await expect(real.advanceTo(new Date())).rejects.toThrow('virtual clock');
    } finally {
      await real.close();
    }
  });

  it('fires short waits on the real clock by itself', async () => {
    const real = await startStepFunctionsEngine({ resolveLambda: () => undefined });
    try {
      const { stateMachineArn } = await real.client.createStateMachine({
        name: 'short-wait',
        roleArn: ROLE,
        definition: JSON.stringify({ StartAt: 'Wait', States: { Wait: { Type: 'Wait', Seconds: 1, End: true } } }),
      });
      const { executionArn } = await real.client.startExecution({ stateMachineArn });
      await new Promise((resolve) => setTimeout(resolve, 1300));
      await real.waitForIdle();
      expect((await real.client.describeExecution({ executionArn })).status).toBe('SUCCEEDED');
    } finally {
      await real.close();
    }
  });
});
