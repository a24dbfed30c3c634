import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { sesClient } from '../../../functions/platform/aws';
import { SES_TRIES } from '../../../functions/platform/sendEmail';
import { dynamo, tableName } from '../../../functions/store/dynamo';
import { buildRun } from '../../../functions/domain/newRun';
import { runView } from '../../../functions/domain/runView';
import { loadRun, putWithdrawal } from '../../../functions/store/runStore';
import { RETRY_AFTER_FAILURE_SECONDS, recordFailure } from '../../../functions/actions/recordWorkflowFailure';
import { reconcileRun } from '../../../functions/actions/reconcileRun';
import { type LocalSes } from '../../../infra/local/ses';
import { clerk, tunbridgeWellsInput } from '../domain/runSimulator';
import { startTestTableAndSes, storeStartedRun, type TestTable } from '../store/localTable';

let table: TestTable;
let ses: LocalSes;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ table, ses, close } = await startTestTableAndSes({ RATIFY_LINK_SECRET: 'test-link-secret-0123456789abcdef', RATIFY_PUBLIC_URL: 'https://ratify.example' }));
});

afterAll(async () => {
  await close();
});

async function newRun(runId: string) {
  const input = tunbridgeWellsInput();
  const at = table.clock.now();
  await storeStartedRun(buildRun({ ...input, stages: input.stages! }, runId, clerk, at), clerk, at);
}

/** Makes the run unreadable for the planner: a sign-off now names a stage the run does not have. */
async function breakRun(runId: string, signoffId: string, dueFor: string) {
  await dynamo().send(
    new UpdateCommand({ TableName: tableName(), Key: { pk: `RUN#${runId}`, sk: `SIGNOFF#${signoffId}` }, UpdateExpression: 'SET dueFor = :d', ExpressionAttributeValues: { ':d': dueFor } }),
  );
}

const failure = { Error: 'Error', Cause: '{"errorMessage":"sign-off legal names an unknown stage"}' };

describe('recordFailure', () => {
  it('flags the run, records it in the audit trail and tells the clerk once, however often the workflow fails', async () => {
    table.clock.set('2017-01-09T09:00:00Z');
    await newRun('run-f1');
    await reconcileRun({ runId: 'run-f1' });
    const before = (await ses.emails()).length;
    const signoffId = (await loadRun('run-f1'))!.signoffs[0].id;
    await breakRun('run-f1', signoffId, 'no-such-stage');
    await expect(reconcileRun({ runId: 'run-f1' })).rejects.toThrow(/unknown stage/);

    table.clock.set('2017-01-10T10:00:00Z');
    const first = await recordFailure({ runId: 'run-f1', failure });
    table.clock.set('2017-01-10T13:00:00Z');
    await recordFailure({ runId: 'run-f1', failure });
    expect(first.retryInSeconds).toBe(RETRY_AFTER_FAILURE_SECONDS);

    const run = (await loadRun('run-f1'))!;
    expect(runView(run, table.clock.now()).workflowFailure).toEqual({ since: '2017-01-10T10:00:00.000Z', lastAt: '2017-01-10T13:00:00.000Z', error: 'Error' });
    expect(run.events.filter((e) => e.what.startsWith('Ratify could not bring the run up to date'))).toHaveLength(1);
    const told = (await ses.emails()).slice(before);
    expect(told.map((e) => [e.to, e.subject])).toEqual([[[clerk.email], 'Ratify has stopped following Community Safety Partnership Plan 2017/18']]);
    expect(told[0].text).toContain('https://ratify.example/runs/run-f1');
  });

  it('is cleared, with an audit event, by the first Reconcile that works again', async () => {
    const signoffId = (await loadRun('run-f1'))!.signoffs[0].id;
    await breakRun('run-f1', signoffId, 'cab');
    table.clock.set('2017-01-10T16:00:00Z');
    await reconcileRun({ runId: 'run-f1' });
    const run = (await loadRun('run-f1'))!;
    expect(run.meta.workflowFailure ?? null).toBeNull();
    expect(run.events.at(-1)!.what).toBe('Ratify brought the run up to date again: timed work goes on');
  });

  it('tells the clerk at the next failure when SES could not take the first e-mail', async () => {
    table.clock.set('2017-01-11T09:00:00Z');
    await newRun('run-f3');
    const before = (await ses.emails()).length;
    // SES answers 503 to every try of the first failure's e-mail (sendEmail tries SES_TRIES times).
    let tries = 0;
    const spy = jest.spyOn(sesClient(), 'send').mockImplementation(async () => {
      if (++tries === SES_TRIES) spy.mockRestore();
      throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
    });
    await recordFailure({ runId: 'run-f3', failure });
    expect((await ses.emails()).length).toBe(before);
    table.clock.set('2017-01-11T12:00:00Z');
    await recordFailure({ runId: 'run-f3', failure });
    table.clock.set('2017-01-11T15:00:00Z');
    await recordFailure({ runId: 'run-f3', failure });
    expect((await ses.emails()).slice(before).map((e) => e.subject)).toEqual(['Ratify has stopped following Community Safety Partnership Plan 2017/18']);
  });

  it('fails (for the operators) when the run has finished or is missing: there is nothing to try again', async () => {
    await newRun('run-f2');
    await putWithdrawal('run-f2', { reason: 'Superseded', by: clerk, at: table.clock.now().toISOString() });
    await expect(recordFailure({ runId: 'run-f2', failure })).rejects.toThrow(/withdrawn/);
    await expect(recordFailure({ runId: 'run-missing', failure })).rejects.toThrow(/missing/);
  });
});
