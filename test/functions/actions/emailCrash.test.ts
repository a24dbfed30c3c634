/**
 * E-mails across crashes (DESIGN.md "E-mails"), against the real local DynamoDB and SES servers. A crash is a
 * process that stops at one point and never goes on: the call made there never answers (a promise that never
 * settles), and what it wrote before stays written. Then "the next process" (the execution's retried Reconcile,
 * or a later one once the lease has run out in real time) must send every e-mail owed exactly once, except the one
 * named window: SES took the e-mail and the process died before marking it sent.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { resetClients, sesClient } from '../../../functions/platform/aws';
import { letRealTimePass, resetRealTime } from '../../../functions/platform/clock';
import { EMAIL_LEASE_MS, MAX_EMAIL_INTERRUPTIONS } from '../../../functions/domain/emailGuards';
import { buildRun, newRunInputSchema } from '../../../functions/domain/newRun';
import { runView } from '../../../functions/domain/runView';
import { runPageModel } from '../../../functions/pages/model/runPage';
import { dynamo, tableName } from '../../../functions/store/dynamo';
import { loadRun, putNewRun, putWithdrawal } from '../../../functions/store/runStore';
import { reconcileRun } from '../../../functions/actions/reconcileRun';
import { recordFailure } from '../../../functions/actions/recordWorkflowFailure';
import { startLocalSes, type LocalSes } from '../../../infra/local/ses';
import { clerk, terry, tunbridgeWellsInput } from '../domain/runSimulator';
import { startTestTable, type TestTable } from '../store/localTable';

let table: TestTable;
let ses: LocalSes;
let sesDir: string;

beforeAll(async () => {
  table = await startTestTable();
  sesDir = await mkdtemp(join(tmpdir(), 'ratify-ses-'));
  ses = await startLocalSes({ dir: sesDir, clock: table.clock });
  Object.assign(process.env, { AWS_ENDPOINT_URL_SES: ses.url, RATIFY_LINK_SECRET: 'test-link-secret-0123456789abcdef', RATIFY_PUBLIC_URL: 'https://ratify.example' });
  resetClients();
});

afterEach(() => {
  jest.restoreAllMocks();
  resetRealTime();
});

afterAll(async () => {
  await ses.close();
  await table.close();
  await rm(sesDir, { recursive: true, force: true });
});

const officer = (i: number) => ({ name: `Officer ${i}`, email: `officer${i}@tunbridgewells.example.gov.uk` });

/** A run owed `n` sign-off requests at once (the burst), plus none other (no stage is due yet). */
async function runOwing(runId: string, n: number) {
  const input = tunbridgeWellsInput({ signoffs: [] });
  const signoffs = [];
  for (let from = 0; from < n; from += 100) {
    const part = Array.from({ length: Math.min(100, n - from) }, (_, i) => ({ area: `Area ${from + i}`, officer: officer(from + i) }));
    signoffs.push(...newRunInputSchema.parse({ ...input, signoffs: part }).signoffs);
  }
  table.clock.set('2017-01-09T09:00:00Z');
  await putNewRun(buildRun({ ...input, signoffs, stages: input.stages! }, runId, clerk, table.clock.now()), {
    who: clerk,
    what: 'Started',
    when: table.clock.now().toISOString(),
    stateBefore: null,
    stateAfter: null,
  }, null);
}

async function emailsOf(runId: string) {
  return (await ses.emails()).filter((e) => e.tags?.runId === runId);
}

/** How many e-mails each address got from the run. */
async function timesEmailed(runId: string): Promise<Map<string, number>> {
  const counts = new Map<string, number>();
  for (const e of await emailsOf(runId)) for (const to of e.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

const never = () => new Promise<never>(() => {});

type CrashPoint = 'guard written' | 'SES called' | 'SES took it' | 'sent mark written';

/**
 * Makes the process stop at `point` of the `nth` e-mail (1-based): that call never answers and nothing after it
 * runs. Answers a promise settled once the crash happened.
 */
function crashAt(point: CrashPoint, nth: number): Promise<void> {
  let crashed!: () => void;
  const happened = new Promise<void>((resolve) => (crashed = resolve));
  const ses = sesClient();
  const realSes = ses.send.bind(ses);
  let sesCalls = 0;
  jest.spyOn(ses, 'send').mockImplementation(async (command: any) => {
    sesCalls += 1;
    if (sesCalls === nth && point === 'SES called') return crashed(), never();
    const out = await realSes(command);
    if (sesCalls === nth && point === 'SES took it') return crashed(), never();
    return out;
  });
  if (point === 'guard written' || point === 'sent mark written') {
    const db = dynamo();
    const realDb = db.send.bind(db) as (c: any) => Promise<any>;
    let guards = 0;
    let marks = 0;
    jest.spyOn(db, 'send').mockImplementation(async (command: any) => {
      const input = command.input ?? {};
      const out = await realDb(command);
      const isClaim = command.constructor.name === 'PutCommand' && String(input.Item?.sk).startsWith('EMAIL#');
      const isMark = command.constructor.name === 'UpdateCommand' && input.ExpressionAttributeValues?.[':sent'] === 'sent';
      // The write reached the table; the process died before it heard so.
      if (point === 'guard written' && isClaim && ++guards === nth) return crashed(), never();
      if (point === 'sent mark written' && isMark && ++marks === nth) return crashed(), never();
      return out;
    });
  }
  return happened;
}

/** The process that crashed is gone: its calls never answer, and the next one has the real clients again. */
function afterCrash() {
  jest.restoreAllMocks();
}

describe('e-mails across a crash', () => {
  it.each<[CrashPoint, number]>([
    ['guard written', 0],
    ['SES called', 0],
    ['SES took it', 1],
    ['sent mark written', 0],
  ])('a burst of 150 sign-off requests cut off at the 83rd (%s): every officer is e-mailed once, %d twice', async (point, duplicates) => {
    const runId = `run-burst-${point.replace(/\W+/g, '-')}`;
    await runOwing(runId, 150);
    const crashed = crashAt(point, 83);
    void reconcileRun({ runId });
    await crashed;
    afterCrash();
    const sentBefore = (await emailsOf(runId)).length;
    expect(sentBefore).toBe(point === 'guard written' || point === 'SES called' ? 82 : 83);

    // The execution retries Reconcile at once: the rest go, the cut-off attempt is within its lease (it might be alive).
    const retried = await reconcileRun({ runId });
    const cutOffTaken = point === 'SES took it' || point === 'sent mark written';
    expect((await emailsOf(runId)).length).toBe(cutOffTaken ? 150 : 149);
    if (point !== 'sent mark written') {
      expect(retried.timeoutSeconds).toBeLessThanOrEqual(EMAIL_LEASE_MS / 1000 + 1);
      expect(runView((await loadRun(runId))!, table.clock.now()).emailsInDoubt).toEqual([
        expect.objectContaining({ state: 'sending', to: [officer(82).email] }),
      ]);
    }

    // Moving the stack's clock does not end the lease: only real time does.
    table.clock.set('2017-01-10T09:00:00Z');
    await reconcileRun({ runId });
    expect((await emailsOf(runId)).length).toBe(cutOffTaken ? 150 : 149);

    letRealTimePass(EMAIL_LEASE_MS);
    const swept = await reconcileRun({ runId });
    expect(swept.timeoutSeconds).toBeGreaterThan(EMAIL_LEASE_MS / 1000 + 1);
    const counts = await timesEmailed(runId);
    expect(counts.size).toBe(150);
    for (let i = 0; i < 150; i++) expect([officer(i).email, counts.get(officer(i).email)]).toEqual([officer(i).email, i === 82 ? 1 + duplicates : 1]);

    // Every e-mail sent is in the audit trail once; an attempt sent again says it may have arrived twice.
    const run = (await loadRun(runId))!;
    const emailed = run.events.filter((e) => e.what.startsWith('E-mailed'));
    expect(emailed).toHaveLength(150);
    expect(new Set(emailed.map((e) => e.details?.reason)).size).toBe(150);
    const interrupted = run.events.filter((e) => e.details?.outcome === 'interrupted');
    expect(interrupted.map((e) => e.what)).toEqual(
      point === 'guard written' || point === 'SES called' || point === 'SES took it'
        ? [expect.stringMatching(new RegExp(`^An attempt to e-mail ${officer(82).email} .* was cut off .*may arrive twice$`))]
        : [],
    );
    expect(runView(run, table.clock.now()).emailsInDoubt).toEqual([]);

    // Nothing marked sent is ever sent again, however much time passes.
    letRealTimePass(24 * 60 * 60 * 1000);
    await reconcileRun({ runId });
    await reconcileRun({ runId });
    expect((await emailsOf(runId)).length).toBe(150 + duplicates);
  });

  it('never takes over an attempt still within its lease: a slow sender is not doubled', async () => {
    await runOwing('run-slow', 2);
    const crashed = crashAt('SES called', 1);
    void reconcileRun({ runId: 'run-slow' });
    await crashed;
    afterCrash();
    letRealTimePass(EMAIL_LEASE_MS - 5_000);
    const within = await reconcileRun({ runId: 'run-slow' });
    expect((await emailsOf('run-slow')).map((e) => e.to)).toEqual([[officer(1).email]]);
    expect(within.timeoutSeconds).toBeLessThanOrEqual(6);
    letRealTimePass(5_000);
    await reconcileRun({ runId: 'run-slow' });
    expect((await emailsOf('run-slow')).map((e) => e.to).sort()).toEqual([[officer(0).email], [officer(1).email]]);
  });

  it(`gives up on an e-mail cut off ${MAX_EMAIL_INTERRUPTIONS + 1} times, and says so in the audit trail and on the run's page`, async () => {
    await runOwing('run-poison', 1);
    for (let attempt = 0; attempt <= MAX_EMAIL_INTERRUPTIONS; attempt++) {
      const crashed = crashAt('SES called', 1);
      void reconcileRun({ runId: 'run-poison' });
      await crashed;
      afterCrash();
      letRealTimePass(EMAIL_LEASE_MS);
    }
    await reconcileRun({ runId: 'run-poison' });
    await reconcileRun({ runId: 'run-poison' });
    expect(await emailsOf('run-poison')).toEqual([]);
    const run = (await loadRun('run-poison'))!;
    expect(run.events.filter((e) => e.details?.outcome === 'interrupted')).toHaveLength(MAX_EMAIL_INTERRUPTIONS);
    expect(run.events.filter((e) => e.details?.outcome === 'unknown').map((e) => e.what)).toEqual([
      expect.stringMatching(new RegExp(`^Ratify may not have e-mailed ${officer(0).email} .*cut off 4 times. Please check they have it$`)),
    ]);
    expect(runView(run, table.clock.now()).emailsInDoubt).toEqual([expect.objectContaining({ state: 'unknown', to: [officer(0).email] })]);
    expect(runPageModel(run, table.clock.now(), { ...clerk, roles: ['clerk'] }).emailsInDoubt).toEqual([
      expect.objectContaining({ to: officer(0).email, unknown: true }),
    ]);
  });

  it('names for a person an e-mail a guard of an older release left "sending" (nothing kept to send again)', async () => {
    await runOwing('run-old', 0);
    await dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: 'RUN#run-old', sk: 'EMAIL#signoff-reminder#legal#1#2017-01-30#1', type: 'email', reason: 'signoff-reminder#legal#1#2017-01-30#1', state: 'sending', to: [terry.email], cc: [], subject: 'Reminder', at: '2017-01-09T09:00:00.000Z' },
      }),
    );
    await reconcileRun({ runId: 'run-old' });
    const run = (await loadRun('run-old'))!;
    expect(run.events.filter((e) => e.details?.outcome === 'unknown').map((e) => e.what)).toEqual([`Ratify may not have e-mailed ${terry.email} (Reminder): its attempt was cut off. Please check they have it`]);
    expect(runView(run, table.clock.now()).emailsInDoubt).toEqual([expect.objectContaining({ state: 'unknown', subject: 'Reminder' })]);
  });

  it('waits for the closing e-mail of a finished run cut off mid-send, then sends it once', async () => {
    await runOwing('run-closed', 1);
    await reconcileRun({ runId: 'run-closed' });
    await putWithdrawal('run-closed', { reason: 'No longer needed', by: clerk, at: table.clock.now().toISOString() });
    const crashed = crashAt('SES called', 1);
    void reconcileRun({ runId: 'run-closed' });
    await crashed;
    afterCrash();
    // The retried Reconcile would end the execution with the attempt unresolved: it goes to RecordFailure instead,
    // which waits for the lease rather than failing the execution.
    await expect(reconcileRun({ runId: 'run-closed' })).rejects.toMatchObject({ name: 'Email.InFlight' });
    const waited = await recordFailure({ runId: 'run-closed', failure: { Error: 'Email.InFlight', Cause: '' } });
    expect(waited.retryInSeconds).toBeLessThanOrEqual(EMAIL_LEASE_MS / 1000 + 1);
    letRealTimePass(EMAIL_LEASE_MS);
    expect(await reconcileRun({ runId: 'run-closed' })).toMatchObject({ phase: 'Finished' });
    const closing = (await emailsOf('run-closed')).filter((e) => e.tags?.kind === 'run-finished');
    expect(closing).toHaveLength(1);
    await expect(recordFailure({ runId: 'run-closed', failure: { Error: 'Error', Cause: '' } })).rejects.toThrow(/withdrawn/);
  });
});
