/**
 * A malformed event through the real local engine and the approval state machine: Reconcile refuses it once
 * (no Retry names InvalidWorkflowEvent), the Catch takes it to RecordFailure, which refuses it too, and the
 * execution fails with that error, as any RecordFailure error does.
 */
import { startTestStack, type TestStack } from '../../support/localStack';

let t: TestStack;

beforeAll(async () => {
  t = await startTestStack();
});

afterAll(async () => {
  await t?.stop();
});

describe('a malformed workflow event in the state machine', () => {
  it('is not retried: it goes to RecordFailure at once, and the execution fails as InvalidWorkflowEvent naming the field', async () => {
    const { engine, stateMachineArn } = t.stack;
    const { executionArn } = await engine.client.startExecution({ stateMachineArn, name: 'malformed-run-id', input: JSON.stringify({ runId: 42 }) });
    await engine.waitForIdle();

    const execution = await engine.client.describeExecution({ executionArn });
    expect(execution).toMatchObject({ status: 'FAILED', error: 'InvalidWorkflowEvent' });
    expect(execution.cause).toMatch(/RecordFailure refused its event: runId: /);

    const { events } = await engine.client.getExecutionHistory({ executionArn, maxResults: 1000 });
    // One try each: the first failure is not retried.
    const failed = events.filter((e) => e.type === 'TaskFailed').map((e) => e.taskFailedEventDetails);
    expect(failed.map((d) => d?.error)).toEqual(['InvalidWorkflowEvent', 'InvalidWorkflowEvent']);
    expect(failed[0]?.cause).toMatch(/ReconcileRun refused its event: runId: /);
    const entered = events.filter((e) => e.type === 'TaskStateEntered').map((e) => e.stateEnteredEventDetails?.name);
    expect(entered).toEqual(['Reconcile', 'RecordFailure']);
  });
});
