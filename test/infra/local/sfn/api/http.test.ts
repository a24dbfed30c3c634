import {
  CreateStateMachineCommand,
  DeleteStateMachineCommand,
  DescribeExecutionCommand,
  DescribeStateMachineCommand,
  DescribeStateMachineForExecutionCommand,
  ExecutionAlreadyExists,
  ExecutionDoesNotExist,
  GetExecutionHistoryCommand,
  InvalidArn,
  InvalidDefinition,
  InvalidExecutionInput,
  InvalidName,
  InvalidOutput,
  InvalidToken,
  ListExecutionsCommand,
  ListStateMachinesCommand,
  MissingRequiredParameter,
  SendTaskFailureCommand,
  SendTaskHeartbeatCommand,
  SendTaskSuccessCommand,
  SFNClient,
  StartExecutionCommand,
  StateMachineAlreadyExists,
  StateMachineDoesNotExist,
  StopExecutionCommand,
  TaskDoesNotExist,
  TaskTimedOut,
  UpdateStateMachineCommand,
} from '@aws-sdk/client-sfn';
import { INVOKE_CALLBACK, ROLE, startTestEngine, type TestEngine } from '../support/engine';

const PASS = JSON.stringify({ StartAt: 'P', States: { P: { Type: 'Pass', End: true } } });
const AWAIT = JSON.stringify({
  StartAt: 'Await',
  States: {
    Await: { Type: 'Task', Resource: INVOKE_CALLBACK, Parameters: { FunctionName: 'remember', Payload: { 'token.$': '$$.Task.Token' } }, End: true },
  },
});
const SELF_ANSWER = JSON.stringify({
  StartAt: 'Await',
  States: {
    Await: { Type: 'Task', Resource: INVOKE_CALLBACK, Parameters: { FunctionName: 'answerOverHttp', Payload: { 'token.$': '$$.Task.Token' } }, End: true },
  },
});

describe('Step Functions API over HTTP with @aws-sdk/client-sfn', () => {
  let sfn: TestEngine;
  let client: SFNClient;
  const tokens: string[] = [];
  let counter = 0;
  const unique = (prefix: string) => `${prefix}-${++counter}`;
  const create = async (definition = PASS, name = unique('sm')) =>
    (await client.send(new CreateStateMachineCommand({ name, definition, roleArn: ROLE }))).stateMachineArn!;

  beforeAll(async () => {
    sfn = await startTestEngine(
      {
        remember: async (event) => {
          tokens.push((event as { token: string }).token);
          return null;
        },
        answerOverHttp: async (event) => {
          // As Ratify's handlers do: their own SDK client, pointed at the engine by AWS_ENDPOINT_URL_SFN.
          const own = new SFNClient({ region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
          await own.send(new SendTaskSuccessCommand({ taskToken: (event as { token: string }).token, output: '{"via":"http"}' }));
          own.destroy();
          return 'answered';
        },
      },
      { port: 0 },
    );
    process.env.AWS_ENDPOINT_URL_SFN = sfn.url;
    client = new SFNClient({ endpoint: sfn.url, region: 'eu-west-2', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  });
  afterAll(async () => {
    delete process.env.AWS_ENDPOINT_URL_SFN;
    client.destroy();
    await sfn.close();
  });

  describe('state machines', () => {
    it('creates, describes, lists, updates and deletes a state machine', async () => {
      const name = unique('approval');
      const created = await client.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE }));
      expect(created.stateMachineArn).toBe(`arn:aws:states:eu-west-2:000000000000:stateMachine:${name}`);
      expect(created.creationDate).toEqual(sfn.clock.now());

      const described = await client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
      expect(described).toMatchObject({ name, definition: PASS, roleArn: ROLE, type: 'STANDARD', status: 'ACTIVE' });

      const listed = await client.send(new ListStateMachinesCommand({}));
      expect(listed.stateMachines!.map((m) => m.name)).toContain(name);

      const changed = JSON.stringify({ StartAt: 'Q', States: { Q: { Type: 'Pass', Result: 2, End: true } } });
      const updated = await client.send(new UpdateStateMachineCommand({ stateMachineArn: created.stateMachineArn, definition: changed }));
      expect(updated.updateDate).toBeInstanceOf(Date);
      expect((await client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }))).definition).toBe(changed);

      await client.send(new DeleteStateMachineCommand({ stateMachineArn: created.stateMachineArn }));
      await expect(client.send(new DescribeStateMachineCommand({ stateMachineArn: created.stateMachineArn }))).rejects.toBeInstanceOf(
        StateMachineDoesNotExist,
      );
    });

    it('pages through state machines', async () => {
      for (let i = 0; i < 3; i++) await create();
      const first = await client.send(new ListStateMachinesCommand({ maxResults: 2 }));
      expect(first.stateMachines).toHaveLength(2);
      const second = await client.send(new ListStateMachinesCommand({ maxResults: 2, nextToken: first.nextToken }));
      expect(second.stateMachines!.length).toBeGreaterThan(0);
      expect(second.stateMachines![0].name).not.toBe(first.stateMachines![0].name);
    });

    it('treats a repeated identical create as the same machine and a different one as StateMachineAlreadyExists', async () => {
      const name = unique('same');
      const a = await client.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE }));
      const b = await client.send(new CreateStateMachineCommand({ name, definition: PASS, roleArn: ROLE }));
      expect(b.stateMachineArn).toBe(a.stateMachineArn);
      await expect(client.send(new CreateStateMachineCommand({ name, definition: AWAIT, roleArn: ROLE }))).rejects.toBeInstanceOf(
        StateMachineAlreadyExists,
      );
    });

    it("rejects an invalid definition with the validator's message", async () => {
      const definition = JSON.stringify({ StartAt: 'Missing', States: { P: { Type: 'Pass', End: true } } });
      const error = await client.send(new CreateStateMachineCommand({ name: unique('bad'), definition, roleArn: ROLE })).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidDefinition);
      expect((error as Error).message).toMatch(/^Invalid State Machine Definition: '.*MISSING_TRANSITION_TARGET/);
    });

    it('rejects bad names and ARNs', async () => {
      await expect(client.send(new CreateStateMachineCommand({ name: 'has space', definition: PASS, roleArn: ROLE }))).rejects.toBeInstanceOf(InvalidName);
      await expect(client.send(new CreateStateMachineCommand({ name: unique('x'), definition: PASS, roleArn: 'not-a-role' }))).rejects.toBeInstanceOf(
        InvalidArn,
      );
      await expect(client.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:nonsense' }))).rejects.toBeInstanceOf(InvalidArn);
      await expect(
        client.send(new DescribeStateMachineCommand({ stateMachineArn: 'arn:aws:states:eu-west-2:000000000000:stateMachine:nobody' })),
      ).rejects.toBeInstanceOf(StateMachineDoesNotExist);
    });

    it('asks for something to change in UpdateStateMachine', async () => {
      const arn = await create();
      await expect(client.send(new UpdateStateMachineCommand({ stateMachineArn: arn }))).rejects.toBeInstanceOf(MissingRequiredParameter);
      await expect(client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: '{}' }))).rejects.toBeInstanceOf(InvalidDefinition);
    });

    it('lets running executions finish on the definition they started with', async () => {
      const arn = await create(AWAIT);
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
      await sfn.waitForIdle();
      await client.send(new UpdateStateMachineCommand({ stateMachineArn: arn, definition: PASS }));
      const forExecution = await client.send(new DescribeStateMachineForExecutionCommand({ executionArn }));
      expect(forExecution.definition).toBe(AWAIT);
      await client.send(new SendTaskSuccessCommand({ taskToken: tokens[tokens.length - 1], output: '"done"' }));
      await sfn.waitForIdle();
      expect((await client.send(new DescribeExecutionCommand({ executionArn }))).output).toBe('"done"');
    });

    it('keeps a deleted machine DELETING until its running executions end, then removes it with its executions', async () => {
      const arn = await create(AWAIT);
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
      await sfn.waitForIdle();
      await client.send(new DeleteStateMachineCommand({ stateMachineArn: arn }));
      expect((await client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).status).toBe('DELETING');
      await client.send(new StopExecutionCommand({ executionArn }));
      await sfn.waitForIdle();
      await expect(client.send(new DescribeStateMachineCommand({ stateMachineArn: arn }))).rejects.toBeInstanceOf(StateMachineDoesNotExist);
      await expect(client.send(new DescribeExecutionCommand({ executionArn }))).rejects.toBeInstanceOf(ExecutionDoesNotExist);
    });
  });

  describe('executions', () => {
    it('starts, describes and lists executions with dates from the engine clock', async () => {
      const arn = await create();
      const started = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'run-1', input: '{"runId":"r1"}' }));
      expect(started.executionArn).toBe(`${arn.replace(':stateMachine:', ':execution:')}:run-1`);
      expect(started.startDate).toEqual(sfn.clock.now());
      await sfn.waitForIdle();
      const described = await client.send(new DescribeExecutionCommand({ executionArn: started.executionArn }));
      expect(described).toMatchObject({
        executionArn: started.executionArn,
        stateMachineArn: arn,
        name: 'run-1',
        status: 'SUCCEEDED',
        input: '{"runId":"r1"}',
        output: '{"runId":"r1"}',
        startDate: sfn.clock.now(),
        stopDate: sfn.clock.now(),
      });
    });

    it('returns the same execution for the same name and input while it runs, and ExecutionAlreadyExists otherwise', async () => {
      const arn = await create(AWAIT);
      const a = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input: '{"a":1}' }));
      const b = await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input: '{"a":1}' }));
      expect(b.executionArn).toBe(a.executionArn);
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input: '{"a":2}' }))).rejects.toBeInstanceOf(
        ExecutionAlreadyExists,
      );
      await client.send(new StopExecutionCommand({ executionArn: a.executionArn }));
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'once', input: '{"a":1}' }))).rejects.toBeInstanceOf(
        ExecutionAlreadyExists,
      );
    });

    it('rejects input that is not JSON, too large, or missing required members', async () => {
      const arn = await create();
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{oops' }))).rejects.toBeInstanceOf(InvalidExecutionInput);
      const big = JSON.stringify({ text: 'x'.repeat(262_144) });
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: arn, input: big }))).rejects.toMatchObject({ name: 'ValidationException' });
      await expect(client.send(new StartExecutionCommand({} as never))).rejects.toMatchObject({
        name: 'ValidationException',
        message: expect.stringContaining("'stateMachineArn'"),
      });
      await expect(client.send(new StartExecutionCommand({ stateMachineArn: arn, name: 'a/b' }))).rejects.toBeInstanceOf(InvalidName);
    });

    it('answers ExecutionDoesNotExist and InvalidArn for unknown and malformed execution ARNs', async () => {
      await expect(
        client.send(new DescribeExecutionCommand({ executionArn: 'arn:aws:states:eu-west-2:000000000000:execution:none:none' })),
      ).rejects.toBeInstanceOf(ExecutionDoesNotExist);
      await expect(client.send(new DescribeExecutionCommand({ executionArn: 'nope' }))).rejects.toBeInstanceOf(InvalidArn);
      await expect(client.send(new GetExecutionHistoryCommand({ executionArn: 'nope' }))).rejects.toBeInstanceOf(InvalidArn);
    });

    it('lists executions newest first, filtered by status, page by page', async () => {
      const arn = await create(AWAIT);
      const arns: string[] = [];
      for (let i = 0; i < 5; i++) arns.push((await client.send(new StartExecutionCommand({ stateMachineArn: arn, name: `e${i}` }))).executionArn!);
      await sfn.waitForIdle();
      await client.send(new StopExecutionCommand({ executionArn: arns[1] }));
      const page1 = await client.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 3 }));
      expect(page1.executions!.map((e) => e.name)).toEqual(['e4', 'e3', 'e2']);
      const page2 = await client.send(new ListExecutionsCommand({ stateMachineArn: arn, maxResults: 3, nextToken: page1.nextToken }));
      expect(page2.executions!.map((e) => e.name)).toEqual(['e1', 'e0']);
      expect(page2.nextToken).toBeUndefined();
      const aborted = await client.send(new ListExecutionsCommand({ stateMachineArn: arn, statusFilter: 'ABORTED' }));
      expect(aborted.executions!.map((e) => [e.name, e.status])).toEqual([['e1', 'ABORTED']]);
      await expect(client.send(new ListExecutionsCommand({ stateMachineArn: arn, nextToken: 'garbage' }))).rejects.toBeInstanceOf(InvalidToken);
    });

    it('pages through the history forwards and backwards, with or without data', async () => {
      const arn = await create(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'B' }, B: { Type: 'Pass', End: true } } }));
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn, input: '{"k":1}' }));
      await sfn.waitForIdle();
      const first = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4 }));
      expect(first.events!.map((e) => e.id)).toEqual([1, 2, 3, 4]);
      const rest = await client.send(new GetExecutionHistoryCommand({ executionArn, maxResults: 4, nextToken: first.nextToken }));
      expect(rest.events!.map((e) => e.id)).toEqual([5, 6]);
      expect(rest.events![1]).toMatchObject({ type: 'ExecutionSucceeded', previousEventId: 5, timestamp: sfn.clock.now() });
      const backwards = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2 }));
      expect(backwards.events!.map((e) => e.type)).toEqual(['ExecutionSucceeded', 'PassStateExited']);
      const older = await client.send(new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 2, nextToken: backwards.nextToken }));
      expect(older.events!.map((e) => e.id)).toEqual([4, 3]);
      const noData = await client.send(new GetExecutionHistoryCommand({ executionArn, includeExecutionData: false }));
      expect(noData.events![0].executionStartedEventDetails).toEqual({ inputDetails: { truncated: false }, roleArn: ROLE });
    });

    it('stops a running execution', async () => {
      const arn = await create(AWAIT);
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
      await sfn.waitForIdle();
      const stopped = await client.send(new StopExecutionCommand({ executionArn, error: 'Run.Withdrawn', cause: 'withdrawn' }));
      expect(stopped.stopDate).toEqual(sfn.clock.now());
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(described).toMatchObject({ status: 'ABORTED', error: 'Run.Withdrawn', cause: 'withdrawn' });
      const events = (await client.send(new GetExecutionHistoryCommand({ executionArn }))).events!;
      expect(events[events.length - 1]).toMatchObject({ type: 'ExecutionAborted', executionAbortedEventDetails: { error: 'Run.Withdrawn', cause: 'withdrawn' } });
    });
  });

  describe('callbacks', () => {
    it('completes, fails and heartbeats tasks, with typed errors for bad, unknown and closed tokens', async () => {
      const arn = await create(AWAIT);
      const ok = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
      await sfn.waitForIdle();
      const okToken = tokens[tokens.length - 1];
      await client.send(new SendTaskHeartbeatCommand({ taskToken: okToken }));
      await expect(client.send(new SendTaskSuccessCommand({ taskToken: okToken, output: 'nope' }))).rejects.toBeInstanceOf(InvalidOutput);
      await client.send(new SendTaskSuccessCommand({ taskToken: okToken, output: '{"fine":true}' }));
      await expect(client.send(new SendTaskSuccessCommand({ taskToken: okToken, output: '{}' }))).rejects.toBeInstanceOf(TaskTimedOut);

      const bad = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
      await sfn.waitForIdle();
      await client.send(new SendTaskFailureCommand({ taskToken: tokens[tokens.length - 1], error: 'Nope', cause: 'because' }));
      await sfn.waitForIdle();
      expect((await client.send(new DescribeExecutionCommand({ executionArn: ok.executionArn }))).output).toBe('{"fine":true}');
      expect(await client.send(new DescribeExecutionCommand({ executionArn: bad.executionArn }))).toMatchObject({ status: 'FAILED', error: 'Nope', cause: 'because' });

      await expect(client.send(new SendTaskHeartbeatCommand({ taskToken: 'x'.repeat(43) }))).rejects.toBeInstanceOf(TaskDoesNotExist);
      await expect(client.send(new SendTaskHeartbeatCommand({ taskToken: 'short' }))).rejects.toBeInstanceOf(InvalidToken);
    });

    it('accepts SendTaskSuccess sent over HTTP by the Lambda holding the token, before it returns', async () => {
      const arn = await create(SELF_ANSWER);
      const { executionArn } = await client.send(new StartExecutionCommand({ stateMachineArn: arn }));
      await sfn.waitForIdle();
      const described = await client.send(new DescribeExecutionCommand({ executionArn }));
      expect(described).toMatchObject({ status: 'SUCCEEDED', output: '{"via":"http"}' });
    });
  });

  describe('the wire protocol', () => {
    const post = (target: string | undefined, body: string) =>
      fetch(sfn.url!, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.0', ...(target ? { 'x-amz-target': target } : {}) },
        body,
      });

    it('answers JSON 1.0 with epoch-second dates', async () => {
      const arn = await create();
      const response = await post('AWSStepFunctions.DescribeStateMachine', JSON.stringify({ stateMachineArn: arn }));
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/x-amz-json-1.0');
      const body = (await response.json()) as { creationDate: number };
      expect(body.creationDate).toBe(sfn.clock.now().getTime() / 1000);
    });

    it('answers a request body over 2 MB with 413 and keeps serving', async () => {
      const response = await post('AWSStepFunctions.ListStateMachines', JSON.stringify({ padding: 'x'.repeat(3 * 1024 * 1024) }));
      expect(response.status).toBe(413);
      expect(await response.json()).toMatchObject({ __type: expect.stringMatching(/#RequestEntityTooLargeException$/) });
      expect((await post('AWSStepFunctions.ListStateMachines', '{}')).status).toBe(200);
    });

    it('answers an unknown action, a malformed body and an invalid request with 400 and an error type', async () => {
      const unknown = await post('AWSStepFunctions.FlyToTheMoon', '{}');
      expect(unknown.status).toBe(400);
      expect(await unknown.json()).toMatchObject({ __type: expect.stringMatching(/#UnknownOperationException$/) });
      const malformed = await post('AWSStepFunctions.ListStateMachines', '{not json');
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toMatchObject({ __type: expect.stringMatching(/#SerializationException$/) });
      const invalid = await post('AWSStepFunctions.ListStateMachines', JSON.stringify({ maxResults: 'lots' }));
      expect(invalid.status).toBe(400);
      expect(await invalid.json()).toMatchObject({ __type: expect.stringMatching(/#ValidationException$/), message: expect.stringContaining('maxResults') });
    });
  });
});
