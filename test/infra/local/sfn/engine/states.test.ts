import { INVOKE, outputOf, startTestEngine, type TestEngine } from '../support/engine';

describe('state types and data flow', () => {
  let sfn: TestEngine;
  beforeAll(async () => {
    sfn = await startTestEngine({ echo: async (event) => event, big: async () => ({ text: 'x'.repeat(300_000) }) });
  });
  afterAll(() => sfn.close());

  it('runs Pass, Choice and Succeed states with Parameters, Result, ResultPath and OutputPath', async () => {
    const arn = await sfn.machine({
      StartAt: 'Shape',
      States: {
        Shape: { Type: 'Pass', InputPath: '$.plan', Parameters: { 'title.$': '$.title', stages: 3 }, ResultPath: '$.shaped', Next: 'Fixed' },
        Fixed: { Type: 'Pass', Result: { ok: true }, ResultPath: '$.fixed', Next: 'Route' },
        Route: {
          Type: 'Choice',
          Choices: [{ Variable: '$.shaped.stages', NumericGreaterThan: 5, Next: 'Long' }],
          Default: 'Short',
        },
        Long: { Type: 'Fail', Error: 'TooLong' },
        Short: { Type: 'Succeed', OutputPath: '$.shaped' },
      },
    });
    const out = await sfn.run(arn, { plan: { title: 'CSP Plan' } });
    expect(out.status).toBe('SUCCEEDED');
    expect(outputOf(out)).toEqual({ title: 'CSP Plan', stages: 3 });
  });

  it('fails the execution at a Fail state with its Error and Cause (or ErrorPath and CausePath)', async () => {
    const fixed = await sfn.machine({ StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Plan.Rejected', Cause: 'Council said no' } } });
    const out = await sfn.run(fixed);
    expect(out).toMatchObject({ status: 'FAILED', error: 'Plan.Rejected', cause: 'Council said no' });
    const dynamic = await sfn.machine({
      StartAt: 'F',
      States: { F: { Type: 'Fail', ErrorPath: '$.code', CausePath: "States.Format('because {}', $.why)" } },
    });
    expect(await sfn.run(dynamic, { code: 'E1', why: 'late' })).toMatchObject({ status: 'FAILED', error: 'E1', cause: 'because late' });
  });

  it('fails with States.NoChoiceMatched when no choice matches and there is no Default', async () => {
    const arn = await sfn.machine({
      StartAt: 'C',
      States: { C: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericEquals: 1, Next: 'S' }] }, S: { Type: 'Succeed' } },
    });
    expect(await sfn.run(arn, { n: 2 })).toMatchObject({ status: 'FAILED', error: 'States.NoChoiceMatched' });
  });

  it('gives states the Context Object', async () => {
    const arn = await sfn.machine({
      StartAt: 'Ctx',
      States: {
        Ctx: {
          Type: 'Pass',
          Parameters: {
            'id.$': '$$.Execution.Id',
            'name.$': '$$.Execution.Name',
            'input.$': '$$.Execution.Input',
            'start.$': '$$.Execution.StartTime',
            'state.$': '$$.State.Name',
            'entered.$': '$$.State.EnteredTime',
            'retries.$': '$$.State.RetryCount',
            'machine.$': '$$.StateMachine.Id',
          },
          End: true,
        },
      },
    });
    const out = await sfn.run(arn, { x: 1 }, 'ctx-run');
    expect(outputOf(out)).toEqual({
      id: out.executionArn,
      name: 'ctx-run',
      input: { x: 1 },
      start: '2026-11-26T09:00:00.000Z',
      state: 'Ctx',
      entered: '2026-11-26T09:00:00.000Z',
      retries: 0,
      machine: arn,
    });
  });

  it('runs Parallel branches and collects their outputs in branch order', async () => {
    const arn = await sfn.machine({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Parameters: { 'n.$': '$.n' },
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'a.$': 'States.MathAdd($.n, 1)' }, End: true } } },
            { StartAt: 'B', States: { B: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'echo', 'Payload.$': '$' }, OutputPath: '$.Payload', End: true } } },
          ],
          ResultSelector: { 'first.$': '$[0].a', 'second.$': '$[1].n' },
          ResultPath: '$.results',
          End: true,
        },
      },
    });
    expect(outputOf(await sfn.run(arn, { n: 1 }))).toEqual({ n: 1, results: { first: 2, second: 1 } });
  });

  it('fails a Parallel state with the error of a failing branch, which its Catch can handle', async () => {
    const arn = await sfn.machine({
      StartAt: 'Par',
      States: {
        Par: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'W', States: { W: { Type: 'Wait', Seconds: 100, End: true } } },
            { StartAt: 'F', States: { F: { Type: 'Fail', Error: 'Branch.Broke', Cause: 'b' } } },
          ],
          Catch: [{ ErrorEquals: ['Branch.Broke'], ResultPath: '$.caught', Next: 'Done' }],
          End: true,
        },
        Done: { Type: 'Succeed' },
      },
    });
    const out = await sfn.run(arn, {});
    expect(out.status).toBe('SUCCEEDED');
    expect(outputOf(out)).toEqual({ caught: { Error: 'Branch.Broke', Cause: 'b' } });
    const types = (await sfn.history(out.executionArn)).map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['ParallelStateStarted', 'ParallelStateFailed', 'WaitStateAborted']));
  });

  it('maps over items with ItemsPath, ItemSelector and $$.Map.Item, keeping the results in item order', async () => {
    const arn = await sfn.machine({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          ItemsPath: '$.stages',
          MaxConcurrency: 1,
          ItemSelector: { 'index.$': '$$.Map.Item.Index', 'stage.$': '$$.Map.Item.Value', 'plan.$': '$.plan' },
          ItemProcessor: {
            ProcessorConfig: { Mode: 'INLINE' },
            StartAt: 'Label',
            States: { Label: { Type: 'Pass', Parameters: { 'label.$': "States.Format('{}: {} ({})', $.index, $.stage, $.plan)" }, End: true } },
          },
          ResultPath: '$.labels',
          End: true,
        },
      },
    });
    const out = await sfn.run(arn, { plan: 'CSP', stages: ['csp', 'cab', 'council'] });
    expect(outputOf(out)).toEqual({
      plan: 'CSP',
      stages: ['csp', 'cab', 'council'],
      labels: [{ label: '0: csp (CSP)' }, { label: '1: cab (CSP)' }, { label: '2: council (CSP)' }],
    });
    const types = (await sfn.history(out.executionArn)).map((e) => e.type);
    expect(types.filter((t) => t === 'MapIterationStarted')).toHaveLength(3);
    expect(types).toContain('MapStateSucceeded');
  });

  it('maps an empty array to an empty array and accepts the older Iterator and Parameters fields', async () => {
    const arn = await sfn.machine({
      StartAt: 'Each',
      States: {
        Each: {
          Type: 'Map',
          Parameters: { 'v.$': '$$.Map.Item.Value' },
          Iterator: { StartAt: 'P', States: { P: { Type: 'Pass', End: true } } },
          End: true,
        },
      },
    });
    expect(outputOf(await sfn.run(arn, []))).toEqual([]);
    expect(outputOf(await sfn.run(arn, [7, 8]))).toEqual([{ v: 7 }, { v: 8 }]);
  });

  it('fails with States.Runtime, which no Catch sees, when a path is missing', async () => {
    const arn = await sfn.machine({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'echo', 'Payload.$': '$.missing' },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    });
    const out = await sfn.run(arn, {});
    expect(out).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
    expect(out.cause).toContain("'$.missing'");
  });

  it('fails with States.DataLimitExceeded when a state output is over 256 KB, even with a Catch', async () => {
    const arn = await sfn.machine({
      StartAt: 'Big',
      States: {
        Big: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'big' },
          Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Succeed' },
      },
    });
    expect(await sfn.run(arn, {})).toMatchObject({ status: 'FAILED', error: 'States.DataLimitExceeded' });
  });

  it('fails with States.ResultPathMatchFailure when ResultPath cannot be applied, which Catch can handle', async () => {
    const arn = await sfn.machine({
      StartAt: 'T',
      States: {
        T: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'echo', Payload: {} },
          ResultPath: '$.text.inner',
          Catch: [{ ErrorEquals: ['States.ResultPathMatchFailure'], ResultPath: null, Next: 'Caught' }],
          End: true,
        },
        Caught: { Type: 'Pass', Result: 'caught', End: true },
      },
    });
    expect(outputOf(await sfn.run(arn, { text: 'plain' }))).toBe('caught');
  });

  it('records history events with ids, previous event ids and AWS field names', async () => {
    const arn = await sfn.machine({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
    const out = await sfn.run(arn, { a: 1 });
    const events = await sfn.history(out.executionArn);
    expect(events.map((e) => [e.id, e.previousEventId, e.type])).toEqual([
      [1, 0, 'ExecutionStarted'],
      [2, 1, 'PassStateEntered'],
      [3, 2, 'PassStateExited'],
      [4, 3, 'ExecutionSucceeded'],
    ]);
    expect(events[0].executionStartedEventDetails).toEqual({ input: '{"a":1}', inputDetails: { truncated: false }, roleArn: expect.any(String) });
    expect(events[1].stateEnteredEventDetails).toEqual({ name: 'P', input: '{"a":1}', inputDetails: { truncated: false } });
    expect(events[2].stateExitedEventDetails).toEqual({ name: 'P', output: '{"a":1}', outputDetails: { truncated: false } });
    expect(events[3].executionSucceededEventDetails).toEqual({ output: '{"a":1}', outputDetails: { truncated: false } });
    expect(events[0].timestamp).toEqual(new Date('2026-11-26T09:00:00Z'));
  });

  it('fails an execution that reaches the history limit', async () => {
    const small = await startTestEngine({}, { maxHistoryEvents: 50 });
    try {
      const arn = await small.machine({
        StartAt: 'Loop',
        States: {
          Loop: { Type: 'Pass', Next: 'Again' },
          Again: { Type: 'Choice', Choices: [{ Variable: '$.stop', IsPresent: true, Next: 'Done' }], Default: 'Loop' },
          Done: { Type: 'Succeed' },
        },
      });
      const out = await small.run(arn);
      expect(out).toMatchObject({ status: 'FAILED', error: 'States.Runtime' });
      expect(out.cause).toContain('maximum number of history events');
    } finally {
      await small.close();
    }
  });
});
