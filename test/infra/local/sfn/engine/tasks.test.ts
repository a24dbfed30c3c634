import { startStepFunctionsEngine, type LambdaLikeContext } from '../../../../../infra/local/sfn';
import { INVOKE, lambdaArn, outputOf, startTestEngine, type TestEngine } from '../support/engine';

class NotReady extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'NotReady';
  }
}

describe('Lambda tasks', () => {
  let sfn: TestEngine;
  const calls: Array<{ name: string; event: unknown; context: LambdaLikeContext; at: string }> = [];
  let failuresLeft = 0;
  beforeAll(async () => {
    sfn = await startTestEngine({
      echo: async (event, context) => {
        calls.push({ name: 'echo', event, context, at: sfn.clock.now().toISOString() });
        return event;
      },
      nothing: async () => undefined,
      boom: async () => {
        throw new NotReady('not yet');
      },
      flaky: async (event) => {
        calls.push({ name: 'flaky', event, context: undefined as never, at: sfn.clock.now().toISOString() });
        if (failuresLeft-- > 0) throw new NotReady(`attempt failed, ${failuresLeft} left`);
        return 'finally';
      },
    });
  });
  afterAll(() => sfn.close());
  beforeEach(() => {
    calls.length = 0;
  });

  it('calls lambda:invoke with Payload and returns the Lambda answer under Payload with the SDK metadata', async () => {
    const arn = await sfn.machine({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'echo', 'Payload.$': '$.body' }, End: true } },
    });
    const out = await sfn.run(arn, { body: { runId: 'r1' } });
    const result = outputOf(out) as Record<string, unknown>;
    expect(Object.keys(result).sort()).toEqual(['ExecutedVersion', 'Payload', 'SdkHttpMetadata', 'SdkResponseMetadata', 'StatusCode']);
    expect(result).toMatchObject({
      ExecutedVersion: '$LATEST',
      Payload: { runId: 'r1' },
      StatusCode: 200,
      SdkHttpMetadata: { HttpStatusCode: 200 },
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });
    expect(calls[0].event).toEqual({ runId: 'r1' });
    expect(calls[0].context).toMatchObject({
      functionName: 'echo',
      invokedFunctionArn: lambdaArn('echo'),
      awsRequestId: (result.SdkResponseMetadata as { RequestId: string }).RequestId,
    });
    expect(calls[0].context.getRemainingTimeInMillis()).toBeGreaterThan(0);
  });

  it('resolves function names given as ARNs, and answers null for a Lambda that returns nothing', async () => {
    const arn = await sfn.machine({
      StartAt: 'Call',
      States: { Call: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: lambdaArn('nothing') }, OutputPath: '$.Payload', End: true } },
    });
    expect(outputOf(await sfn.run(arn))).toBeNull();
  });

  it('calls a plain Lambda ARN with the state input and returns its raw answer, with LambdaFunction events', async () => {
    const arn = await sfn.machine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: lambdaArn('echo'), End: true } } });
    const out = await sfn.run(arn, { a: 1 });
    expect(outputOf(out)).toEqual({ a: 1 });
    const types = (await sfn.history(out.executionArn)).map((e) => e.type);
    expect(types).toEqual([
      'ExecutionStarted',
      'TaskStateEntered',
      'LambdaFunctionScheduled',
      'LambdaFunctionStarted',
      'LambdaFunctionSucceeded',
      'TaskStateExited',
      'ExecutionSucceeded',
    ]);
  });

  it('records TaskScheduled, TaskStarted and TaskSucceeded for lambda:invoke', async () => {
    const arn = await sfn.machine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'echo', Payload: { x: 1 } }, TimeoutSeconds: 30, End: true } } });
    const out = await sfn.run(arn);
    const events = await sfn.history(out.executionArn);
    const scheduled = events.find((e) => e.type === 'TaskScheduled')!;
    expect(scheduled.taskScheduledEventDetails).toEqual({
      resourceType: 'lambda',
      resource: 'invoke',
      region: 'eu-west-2',
      parameters: '{"FunctionName":"echo","Payload":{"x":1}}',
      timeoutInSeconds: 30,
    });
    expect(events.find((e) => e.type === 'TaskStarted')!.taskStartedEventDetails).toEqual({ resourceType: 'lambda', resource: 'invoke' });
    expect(events.find((e) => e.type === 'TaskSucceeded')!.taskSucceededEventDetails).toMatchObject({ resourceType: 'lambda', resource: 'invoke' });
  });

  it("reports a thrown error by its name, with the Node.js runtime's JSON as the cause", async () => {
    const arn = await sfn.machine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'boom' }, End: true } } });
    const out = await sfn.run(arn);
    expect(out).toMatchObject({ status: 'FAILED', error: 'NotReady' });
    const cause = JSON.parse(out.cause!);
    expect(cause).toEqual({ errorType: 'NotReady', errorMessage: 'not yet', trace: expect.arrayContaining(['NotReady: not yet']) });
    expect(Object.keys(cause)).toEqual(['errorType', 'errorMessage', 'trace']);
  });

  it('fails with Lambda.ResourceNotFoundException for a function nobody provides', async () => {
    const arn = await sfn.machine({ StartAt: 'Call', States: { Call: { Type: 'Task', Resource: INVOKE, Parameters: { FunctionName: 'ghost' }, End: true } } });
    const out = await sfn.run(arn);
    expect(out).toMatchObject({ status: 'FAILED', error: 'Lambda.ResourceNotFoundException' });
    expect(out.cause).toContain(lambdaArn('ghost'));
  });

  it('retries after IntervalSeconds x BackoffRate^n of virtual time, then succeeds', async () => {
    failuresLeft = 2;
    const arn = await sfn.machine({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'flaky' },
          Retry: [{ ErrorEquals: ['NotReady'], IntervalSeconds: 60, BackoffRate: 3, MaxAttempts: 5 }],
          OutputPath: '$.Payload',
          End: true,
        },
      },
    });
    const start = sfn.clock.now().getTime();
    const { executionArn } = await sfn.client.startExecution({ stateMachineArn: arn });
    await sfn.waitForIdle();
    expect((await sfn.describe(executionArn)).status).toBe('RUNNING');
    await sfn.advanceTo(new Date(start + 10 * 60_000));
    const out = await sfn.describe(executionArn);
    expect(outputOf(out)).toBe('finally');
    expect(calls.map((c) => c.at)).toEqual([0, 60, 240].map((s) => new Date(start + s * 1000).toISOString()));
  });

  it('gives up after MaxAttempts and lets the Catch handle the last error', async () => {
    failuresLeft = 10;
    const arn = await sfn.machine({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'flaky' },
          Retry: [{ ErrorEquals: ['States.TaskFailed'], IntervalSeconds: 1, MaxAttempts: 2, MaxDelaySeconds: 1 }],
          Catch: [{ ErrorEquals: ['NotReady'], ResultPath: '$.failure', Next: 'Recover' }],
          End: true,
        },
        Recover: { Type: 'Pass', Parameters: { 'error.$': '$.failure.Error', 'retries.$': '$$.State.RetryCount' }, End: true },
      },
    });
    const { executionArn } = await sfn.client.startExecution({ stateMachineArn: arn, input: '{}' });
    await sfn.advanceTo(new Date(sfn.clock.now().getTime() + 60_000));
    expect(outputOf(await sfn.describe(executionArn))).toEqual({ error: 'NotReady', retries: 0 });
    expect(calls).toHaveLength(3);
  });

  it('exposes the retry count as $$.State.RetryCount', async () => {
    failuresLeft = 1;
    const arn = await sfn.machine({
      StartAt: 'Call',
      States: {
        Call: {
          Type: 'Task',
          Resource: INVOKE,
          Parameters: { FunctionName: 'flaky', 'Payload': { 'retry.$': '$$.State.RetryCount' } },
          Retry: [{ ErrorEquals: ['States.ALL'], IntervalSeconds: 1 }],
          End: true,
        },
      },
    });
    const { executionArn } = await sfn.client.startExecution({ stateMachineArn: arn });
    await sfn.advanceTo(new Date(sfn.clock.now().getTime() + 5_000));
    expect((await sfn.describe(executionArn)).status).toBe('SUCCEEDED');
    expect(calls.map((c) => c.event)).toEqual([{ retry: 0 }, { retry: 1 }]);
  });

  it('times a plain task out after TimeoutSeconds with States.Timeout', async () => {
    // A real clock: the Lambda never answers, so only the timeout can end the task.
    const realClockEngine = await startStepFunctionsEngine({
      resolveLambda: (name) => (name === 'hang' ? () => new Promise(() => undefined) : undefined),
    });
    try {
      const { stateMachineArn } = await realClockEngine.client.createStateMachine({
        name: 'timeout',
        roleArn: 'arn:aws:iam::000000000000:role/r',
        definition: JSON.stringify({
          StartAt: 'Call',
          States: {
            Call: {
              Type: 'Task',
              Resource: INVOKE,
              Parameters: { FunctionName: 'hang' },
              TimeoutSeconds: 1,
              Catch: [{ ErrorEquals: ['States.Timeout'], ResultPath: '$.timedOut', Next: 'Done' }],
              End: true,
            },
            Done: { Type: 'Succeed' },
          },
        }),
      });
      const { executionArn } = await realClockEngine.client.startExecution({ stateMachineArn });
      const deadline = Date.now() + 5000;
      let status = 'RUNNING';
      while (status === 'RUNNING' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        status = (await realClockEngine.client.describeExecution({ executionArn })).status;
      }
      const out = await realClockEngine.client.describeExecution({ executionArn });
      expect(out.status).toBe('SUCCEEDED');
      expect(JSON.parse(out.output!)).toEqual({ timedOut: { Error: 'States.Timeout', Cause: '' } });
    } finally {
      await realClockEngine.close();
    }
  });
});
