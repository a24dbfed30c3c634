import { resetClients } from '../../../functions/platform/aws';
import { buildRun } from '../../../functions/domain/newRun';
import { getWaitToken } from '../../../functions/store/waitToken';
import { loadRun, putStagePublication, touchRun } from '../../../functions/store/runStore';
import { awaitChange } from '../../../functions/actions/awaitChange';
import { MAX_WAIT_SECONDS, reconcileRun, timeoutUntil } from '../../../functions/actions/reconcileRun';
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
  await storeStartedRun(buildRun({ ...input, stages: input.stages! }, runId, clerk, table.clock.now()), clerk, table.clock.now());
}

describe('reconcileRun', () => {
  it('sends each e-mail once however often it runs, and names the next wait and its timeout', async () => {
    await newRun('run-r1');
    table.clock.set('2017-01-09T09:00:00Z');
    const first = await reconcileRun({ runId: 'run-r1' });
    const again = await reconcileRun({ runId: 'run-r1' });
    const mine = await ses.emails();
    // Nine sign-off requests, and "cleared for publication" for the two stages nothing gates (the partnership, the board).
    expect(mine).toHaveLength(11);
    expect(mine.filter((e) => /https:\/\/ratify\.example\/signoff\/v1\.[\w-]+\.[\w-]+/.test(e.text ?? ''))).toHaveLength(9);
    // The next timed work is far off: the wait is capped at a week.
    expect(first).toMatchObject({ phase: 'AwaitPublication', timeoutSeconds: MAX_WAIT_SECONDS });
    expect(again.version).toBe(first.version);
    const run = await loadRun('run-r1');
    expect(run!.events.filter((e) => e.what.startsWith('E-mailed'))).toHaveLength(11);
  });

  it('publishes nothing by itself on the publication day, and waits for the meeting once the despatch is recorded', async () => {
    table.clock.set('2017-02-01T00:00:00Z');
    expect(await reconcileRun({ runId: 'run-r1' })).toMatchObject({ phase: 'AwaitPublication' });
    expect((await loadRun('run-r1'))!.stages[0].publishedAt).toBeNull();
    table.clock.set('2017-02-01T10:00:00Z');
    // What the clerk's POST .../publication writes.
    expect(await putStagePublication('run-r1', 0, { agendaFor: '2017-02-09', publishedOn: '2017-02-01', agendaUrl: null, publishedAt: '2017-02-01T10:00:00.000Z' })).toBe(true);
    const result = await reconcileRun({ runId: 'run-r1' });
    // The meeting is eight days away: the wait is capped at a week and simply looks again then.
    expect(result).toMatchObject({ phase: 'AwaitMeeting', timeoutSeconds: MAX_WAIT_SECONDS, wakeAt: '2017-02-09T00:00:00.000Z' });
    expect((await loadRun('run-r1'))!.stages[0]).toMatchObject({ publishedAt: '2017-02-01T10:00:00.000Z', publishedFor: '2017-02-09' });
  });
});

describe('awaitChange', () => {
  it('stores the task token and keeps waiting when the run has not changed since Reconcile', async () => {
    const { version } = await reconcileRun({ runId: 'run-r1' });
    const result = await awaitChange({ runId: 'run-r1', phase: 'AwaitMeeting', version, taskToken: 'token-1' });
    expect(result).toEqual({ stored: true, wokeAtOnce: false });
    expect(await getWaitToken('run-r1')).toMatchObject({ token: 'token-1', phase: 'AwaitMeeting', version });
  });

  it('wakes at once when the run changed between Reconcile and the wait (the token is then stale or unknown)', async () => {
    const { version } = await reconcileRun({ runId: 'run-r1' });
    await touchRun('run-r1', null);
    // No Step Functions API here: the wake-up is attempted and its failure surfaces for the state machine to retry.
    process.env.AWS_ENDPOINT_URL_SFN = 'http://127.0.0.1:9';
    resetClients();
    await expect(awaitChange({ runId: 'run-r1', phase: 'AwaitMeeting', version, taskToken: 'token-2' })).rejects.toThrow();
    expect(await getWaitToken('run-r1')).toMatchObject({ token: 'token-2' });
  });
});

describe('timeoutUntil', () => {
  it('rounds up to whole seconds, never below one, never above the cap', () => {
    const at = new Date('2017-01-01T00:00:00.000Z');
    expect(timeoutUntil(new Date('2017-01-01T00:00:01.200Z'), at)).toBe(2);
    expect(timeoutUntil(new Date('2016-12-31T00:00:00.000Z'), at)).toBe(1);
    expect(timeoutUntil(null, at)).toBe(MAX_WAIT_SECONDS);
  });
});
