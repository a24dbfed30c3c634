import { INVOKE_CALLBACK, outputOf, startTestEngine, type TestEngine } from '../support/engine';

/** A callback task whose Lambda stores the token, as Ratify's Await functions do with DynamoDB. */
function awaitDefinition(extra: Record<string, unknown> = {}) {
  return {
    StartAt: 'Await',
    States: {
      Await: {
        Type: 'Task',
        Resource: INVOKE_CALLBACK,
        Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token', 'runId.$': '$.runId' } },
        ResultPath: '$.answer',
        End: true,
        ...extra,
      },
    },
  };
}

describe('callback tasks (lambda:invoke.waitForTaskToken)', () => {
  let sfn: TestEngine;
  const tokens: string[] = [];
  beforeAll(async () => {
    sfn = await startTestEngine({
      remember: async (event) => {
        tokens.push((event as { token: string }).token);
        return { stored: true };
      },
      answerAtOnce: async (event) => {
        // The token works from the moment the task is scheduled, before this Lambda has returned.
        await sfn.client.sendTaskSuccess({ taskToken: (event as { token: string }).token, output: '{"signed":true}' });
        return 'sent';
      },
      brokenStore: async () => {
        throw new Error('table missing');
      },
    });
  });
  afterAll(() => sfn.close());
  beforeEach(() => {
    tokens.length = 0;
  });

  it('waits until SendTaskSuccess and continues with its output', async () => {
    const arn = await sfn.machine(awaitDefinition());
    const running = await sfn.run(arn, { runId: 'r1' });
    expect(running.status).toBe('RUNNING');
    expect(tokens).toHaveLength(1);
    await sfn.client.sendTaskSuccess({ taskToken: tokens[0], output: JSON.stringify({ decision: 'approved' }) });
    await sfn.waitForIdle();
    const done = await sfn.describe(running.executionArn);
    expect(outputOf(done)).toEqual({ runId: 'r1', answer: { decision: 'approved' } });
    const types = (await sfn.history(running.executionArn)).map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'TaskScheduled',
      'TaskStarted',
      'TaskSubmitted',
      'TaskSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('accepts SendTaskSuccess from the Lambda that received the token, before it returns', async () => {
    const arn = await sfn.machine({
      StartAt: 'Await',
      States: {
        Await: { Type: 'Task', Resource: INVOKE_CALLBACK, Parameters: { FunctionName: 'answerAtOnce', Payload: { 'token.$': '$$.Task.Token' } }, End: true },
      },
    });
    const out = await sfn.run(arn);
    expect(out.status).toBe('SUCCEEDED');
    expect(outputOf(out)).toEqual({ signed: true });
  });

  it('hands out unguessable tokens (256 random bits), a new one for each task', async () => {
    const arn = await sfn.machine(awaitDefinition());
    await Promise.all([sfn.run(arn, { runId: 'a' }), sfn.run(arn, { runId: 'b' })]);
    expect(tokens).toHaveLength(2);
    for (const token of tokens) expect(Buffer.from(token, 'base64url')).toHaveLength(32);
    expect(tokens[0]).not.toBe(tokens[1]);
  });

  it('fails the task with the error given to SendTaskFailure, which Catch can handle', async () => {
    const arn = await sfn.machine({
      StartAt: 'Await',
      States: {
        Await: {
          Type: 'Task',
          Resource: INVOKE_CALLBACK,
          Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } },
          Catch: [{ ErrorEquals: ['Signoff.Refused'], ResultPath: '$.refusal', Next: 'Refused' }],
          End: true,
        },
        Refused: { Type: 'Pass', End: true },
      },
    });
    const running = await sfn.run(arn, { runId: 'r2' });
    await sfn.client.sendTaskFailure({ taskToken: tokens[0], error: 'Signoff.Refused', cause: 'changes requested' });
    await sfn.waitForIdle();
    expect(outputOf(await sfn.describe(running.executionArn))).toEqual({
      runId: 'r2',
      refusal: { Error: 'Signoff.Refused', Cause: 'changes requested' },
    });
    const failed = (await sfn.history(running.executionArn)).find((e) => e.type === 'TaskFailed');
    expect(failed?.taskFailedEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke.waitForTaskToken',
      error: 'Signoff.Refused',
      cause: 'changes requested',
    });
  });

  it('times out at TimeoutSecondsPath with States.Timeout for Catch to handle, and refuses the late answer', async () => {
    const arn = await sfn.machine({
      StartAt: 'Await',
      States: {
        Await: {
          Type: 'Task',
          Resource: INVOKE_CALLBACK,
          Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } },
          TimeoutSecondsPath: '$.wakeInSeconds',
          Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.woke', Next: 'Remind' }],
          End: true,
        },
        Remind: { Type: 'Pass', End: true },
      },
    });
    const start = sfn.clock.now().getTime();
    const running = await sfn.run(arn, { wakeInSeconds: 86_400 });
    await sfn.advanceTo(new Date(start + 86_399_000));
    expect((await sfn.describe(running.executionArn)).status).toBe('RUNNING');
    await sfn.advanceTo(new Date(start + 86_400_000));
    const out = await sfn.describe(running.executionArn);
    expect(outputOf(out)).toEqual({ wakeInSeconds: 86_400, woke: { Error: 'States.Timeout', Cause: '' } });
    const timedOut = (await sfn.history(running.executionArn)).find((e) => e.type === 'TaskTimedOut');
    expect(timedOut?.taskTimedOutEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke.waitForTaskToken', error: 'States.Timeout' });
    await expect(sfn.client.sendTaskSuccess({ taskToken: tokens[0], output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('fails with States.Timeout, catchable as States.HeartbeatTimeout, when heartbeats stop; SendTaskHeartbeat keeps the task alive', async () => {
    const definition = {
      StartAt: 'Await',
      States: {
        Await: {
          Type: 'Task',
          Resource: INVOKE_CALLBACK,
          Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } },
          HeartbeatSeconds: 60,
          Catch: [{ ErrorEquals: ['States.HeartbeatTimeout'], ResultPath: '$.lost', Next: 'Lost' }],
          End: true,
        },
        Lost: { Type: 'Pass', End: true },
      },
    };
    const machine = await sfn.machine(definition);
    const start = sfn.clock.now().getTime();
    const running = await sfn.run(machine, {});
    await sfn.advanceTo(new Date(start + 50_000));
    await sfn.client.sendTaskHeartbeat({ taskToken: tokens[0] });
    await sfn.advanceTo(new Date(start + 100_000));
    expect((await sfn.describe(running.executionArn)).status).toBe('RUNNING');
    await sfn.advanceTo(new Date(start + 111_000));
    expect(outputOf(await sfn.describe(running.executionArn))).toEqual({ lost: { Error: 'States.Timeout', Cause: '' } });
  });

  it('fails the task when the Lambda that should store the token throws', async () => {
    const arn = await sfn.machine({
      StartAt: 'Await',
      States: { Await: { Type: 'Task', Resource: INVOKE_CALLBACK, Parameters: { FunctionName: 'brokenStore', Payload: { 'token.$': '$$.Task.Token' } }, End: true } },
    });
    expect(await sfn.run(arn)).toMatchObject({ status: 'FAILED', error: 'Error' });
  });

  it('answers TaskDoesNotExist for an unknown token and InvalidToken for a malformed one', async () => {
    const unknown = Buffer.alloc(32, 7).toString('base64url');
    await expect(sfn.client.sendTaskSuccess({ taskToken: unknown, output: '{}' })).rejects.toMatchObject({ name: 'TaskDoesNotExist' });
    await expect(sfn.client.sendTaskHeartbeat({ taskToken: 'not a token' })).rejects.toMatchObject({ name: 'InvalidToken' });
  });

  it('accepts a token only once', async () => {
    const arn = await sfn.machine(awaitDefinition());
    await sfn.run(arn, { runId: 'once' });
    await sfn.client.sendTaskSuccess({ taskToken: tokens[0], output: '{}' });
    await expect(sfn.client.sendTaskSuccess({ taskToken: tokens[0], output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
    await expect(sfn.client.sendTaskFailure({ taskToken: tokens[0] })).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('closes the tokens of a stopped execution', async () => {
    const arn = await sfn.machine(awaitDefinition());
    const running = await sfn.run(arn, { runId: 'stop' });
    const stopped = await sfn.client.stopExecution({ executionArn: running.executionArn, error: 'Withdrawn', cause: 'by the clerk' });
    expect(stopped.stopDate).toEqual(sfn.clock.now());
    expect(await sfn.describe(running.executionArn)).toMatchObject({ status: 'ABORTED', error: 'Withdrawn', cause: 'by the clerk' });
    await expect(sfn.client.sendTaskSuccess({ taskToken: tokens[0], output: '{}' })).rejects.toMatchObject({ name: 'TaskTimedOut' });
  });

  it('refuses output that is not JSON', async () => {
    const arn = await sfn.machine(awaitDefinition());
    await sfn.run(arn, { runId: 'bad-output' });
    await expect(sfn.client.sendTaskSuccess({ taskToken: tokens[0], output: 'not json' })).rejects.toMatchObject({ name: 'InvalidOutput' });
  });
});
