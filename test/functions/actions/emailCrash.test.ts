/**
 * E-mails across crashes (DESIGN.md "E-mails"), against the real local DynamoDB and SES servers. A crash is a
 * process that stops at one point and never goes on: the call made there never answers (a promise that never
 * settles), and what it wrote before stays written. Then "the next process" (the execution's retried Reconcile,
 * or a later one once the lease has run out in real time) must send every e-mail whose attempt never reached SES,
 * once (at least once), and never send again one whose attempt may have reached SES (at most once): that one is
 * `unknown`, in the audit trail and on the run's page for a person to check.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { sesClient } from '../../../functions/platform/aws';
import { letRealTimePass, resetRealTime } from '../../../functions/platform/clock';
import { EMAIL_LEASE_MS, MAX_EMAIL_INTERRUPTIONS } from '../../../functions/domain/emailGuards';
import { buildRun, newRunInputSchema } from '../../../functions/domain/newRun';
import { runView } from '../../../functions/domain/runView';
import { runPageModel } from '../../../functions/pages/model/runPage';
import { dynamo, tableName } from '../../../functions/store/dynamo';
import { loadRun, putWithdrawal } from '../../../functions/store/runStore';
import { reconcileRun } from '../../../functions/actions/reconcileRun';
import { recordFailure } from '../../../functions/actions/recordWorkflowFailure';
import { type LocalSes } from '../../../infra/local/ses';
import { clerk, terry, tunbridgeWellsInput } from '../domain/runSimulator';
import { startTestTableAndSes, storeStartedRun, type TestTable } from '../store/localTable';

let table: TestTable;
let ses: LocalSes;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ table, ses, close } = await startTestTableAndSes({ RATIFY_LINK_SECRET: 'test-link-secret-0123456789abcdef', RATIFY_PUBLIC_URL: 'https://ratify.example' }));
});

afterEach(() => {
  jest.restoreAllMocks();
  resetRealTime();
});

afterAll(async () => {
  await close();
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
  await storeStartedRun(buildRun({ ...input, signoffs, stages: input.stages! }, runId, clerk, table.clock.now()), clerk, table.clock.now());
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

type CrashPoint =
  | 'before the guard is written'
  | 'guard written'
  | 'sending mark written'
  | 'SES called'
  | 'SES took it'
  | 'sent mark written';

const isClaim = (command: any) => command.constructor.name === 'PutCommand' && String(command.input?.Item?.sk).startsWith('EMAIL#');
const isTakeOver = (command: any) => command.constructor.name === 'UpdateCommand' && command.input?.ExpressionAttributeValues?.[':claimed'] === 'claimed' && ':was' in command.input.ExpressionAttributeValues;
const isSendingMark = (command: any) => command.constructor.name === 'UpdateCommand' && command.input?.ExpressionAttributeValues?.[':sending'] === 'sending';
const isSentMark = (command: any) => command.constructor.name === 'UpdateCommand' && command.input?.ExpressionAttributeValues?.[':sent'] === 'sent';

/**
 * Makes the process stop at `point` of the `nth` e-mail (1-based): that call never answers and nothing after it
 * runs ('before the guard is written': the write never reaches the table; the others: it did, and the process
 * died before it heard so). `takeOvers` also stops at the nth take-over of a guard. Answers a promise settled once
 * the crash happened.
 */
function crashAt(point: CrashPoint | 'claim or take-over written', nth: number): Promise<void> {
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
  const db = dynamo();
  const realDb = db.send.bind(db) as (c: any) => Promise<any>;
  let seen = 0;
  jest.spyOn(db, 'send').mockImplementation(async (command: any) => {
    const hit =
      point === 'before the guard is written' || point === 'guard written'
        ? isClaim(command)
        : point === 'claim or take-over written'
          ? isClaim(command) || isTakeOver(command)
          : point === 'sending mark written'
            ? isSendingMark(command)
            : point === 'sent mark written' && isSentMark(command);
    if (hit && ++seen === nth && point === 'before the guard is written') return crashed(), never();
    const out = await realDb(command);
    if (hit && seen === nth) return crashed(), never();
    return out;
  });
  return happened;
}

/** The process that crashed is gone: its calls never answer, and the next one has the real clients again. */
function afterCrash() {
  jest.restoreAllMocks();
}


interface Edge {
  /** How many e-mails had gone when the process died. */
  sentAtCrash: number;
  /** What the cut-off e-mail's guard is once the crash is behind: sent (once), or unknown (never sent again). */
  end: 'sent' | 'unknown';
  /** How many times officer 82 (the 83rd) is e-mailed in the end. */
  times: number;
  /** The guard left in the way while its lease runs (the retried Reconcile waits for it), if any. */
  inDoubt?: 'claimed' | 'sending';
}

const edges: Record<CrashPoint, Edge> = {
  // Never reached SES: sent later, once (the planner plans it again, or the sweep sends it from its guard).
  'before the guard is written': { sentAtCrash: 82, end: 'sent', times: 1 },
  'guard written': { sentAtCrash: 82, end: 'sent', times: 1, inDoubt: 'claimed' },
  // May have reached SES: never sent again, recorded unknown for a person (it did not go here, or went once).
  'sending mark written': { sentAtCrash: 82, end: 'unknown', times: 0, inDoubt: 'sending' },
  'SES called': { sentAtCrash: 82, end: 'unknown', times: 0, inDoubt: 'sending' },
  'SES took it': { sentAtCrash: 83, end: 'unknown', times: 1, inDoubt: 'sending' },
  // Marked sent: never again; the audit event the crash cut off is written at the next sweep.
  'sent mark written': { sentAtCrash: 83, end: 'sent', times: 1 },
};

describe('e-mails across a crash', () => {
  it.each(Object.entries(edges) as Array<[CrashPoint, Edge]>)('a burst of 150 sign-off requests cut off at the 83rd (%s)', async (point, edge) => {
    const runId = `run-burst-${point.replace(/\W+/g, '-')}`;
    const cutOff = officer(82).email;
    await runOwing(runId, 150);
    const crashed = crashAt(point, 83);
    void reconcileRun({ runId });
    await crashed;
    afterCrash();
    expect((await emailsOf(runId)).length).toBe(edge.sentAtCrash);

    // The execution retries Reconcile at once: the rest go; a cut-off attempt within its lease is waited for (it
    // might be alive), and one that never wrote its guard is simply planned again.
    const retried = await reconcileRun({ runId });
    const owedNow = edge.inDoubt ? 149 + (edge.sentAtCrash === 83 ? 1 : 0) : 150;
    expect((await emailsOf(runId)).length).toBe(owedNow);
    expect(runView((await loadRun(runId))!, table.clock.now()).emailsInDoubt).toEqual(edge.inDoubt ? [expect.objectContaining({ state: edge.inDoubt, to: [cutOff] })] : []);
    if (edge.inDoubt) expect(retried.timeoutSeconds).toBeLessThanOrEqual(EMAIL_LEASE_MS / 1000 + 1);

    // Moving the stack's clock does not end the lease: only real time does.
    table.clock.set('2017-01-10T09:00:00Z');
    await reconcileRun({ runId });
    expect((await emailsOf(runId)).length).toBe(owedNow);

    letRealTimePass(EMAIL_LEASE_MS);
    const swept = await reconcileRun({ runId });
    expect(swept.timeoutSeconds).toBeGreaterThan(EMAIL_LEASE_MS / 1000 + 1);
    const counts = await timesEmailed(runId);
    for (let i = 0; i < 150; i++) expect([officer(i).email, counts.get(officer(i).email) ?? 0]).toEqual([officer(i).email, i === 82 ? edge.times : 1]);

    const run = (await loadRun(runId))!;
    const guard = run.emailGuards!.find((g) => g.to[0] === cutOff)!;
    expect(guard.state).toBe(edge.end);
    // Every e-mail known to have gone is in the audit trail once; one that may have gone is named for a person.
    const emailed = run.events.filter((e) => e.what.startsWith('E-mailed'));
    expect(emailed).toHaveLength(edge.end === 'sent' ? 150 : 149);
    expect(new Set(emailed.map((e) => e.details?.reason)).size).toBe(emailed.length);
    expect(run.events.filter((e) => e.details?.outcome === 'interrupted').map((e) => e.what)).toEqual(
      point === 'guard written' ? [expect.stringMatching(new RegExp(`^An attempt to e-mail ${cutOff} .* was cut off before SES was called: sending it now$`))] : [],
    );
    expect(run.events.filter((e) => e.details?.outcome === 'unknown').map((e) => e.what)).toEqual(
      edge.end === 'unknown' ? [expect.stringMatching(new RegExp(`^Ratify may not have e-mailed ${cutOff} .*cut off while SES was being called, so it may have gone and is not sent again. Please check they have it$`))] : [],
    );
    expect(runView(run, table.clock.now()).emailsInDoubt).toEqual(edge.end === 'unknown' ? [expect.objectContaining({ state: 'unknown', to: [cutOff], note: expect.stringMatching(/may have gone/) })] : []);

    // Nothing that may have gone is ever sent again, however much time passes.
    letRealTimePass(24 * 60 * 60 * 1000);
    await reconcileRun({ runId });
    await reconcileRun({ runId });
    expect((await emailsOf(runId)).length).toBe(149 + edge.times);
  });

  it('never takes over an attempt still within its lease: a slow sender is not doubled', async () => {
    await runOwing('run-slow', 2);
    const crashed = crashAt('guard written', 1);
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

  it('a claim overtaken while its process was only slow never calls SES: its successor sends it, once', async () => {
    await runOwing('run-overtaken', 1);
    // The first process stalls right after writing its claim, past the lease, and then goes on.
    const db = dynamo();
    const realDb = db.send.bind(db) as (c: any) => Promise<any>;
    let resume!: () => void;
    const stalled = new Promise<void>((resolve) => (resume = resolve));
    let claimed!: () => void;
    const hasClaimed = new Promise<void>((resolve) => (claimed = resolve));
    jest.spyOn(db, 'send').mockImplementation(async (command: any) => {
      const out = await realDb(command);
      if (isClaim(command)) {
        claimed();
        await stalled;
      }
      return out;
    });
    const slow = reconcileRun({ runId: 'run-overtaken' });
    await hasClaimed;
    jest.restoreAllMocks();
    letRealTimePass(EMAIL_LEASE_MS);
    await reconcileRun({ runId: 'run-overtaken' });
    resume();
    await slow;
    expect((await emailsOf('run-overtaken')).map((e) => e.to)).toEqual([[officer(0).email]]);
  });

  it(`gives up on an e-mail cut off before SES ${MAX_EMAIL_INTERRUPTIONS + 1} times, and says so in the audit trail and on the run's page`, async () => {
    await runOwing('run-poison', 1);
    for (let attempt = 0; attempt <= MAX_EMAIL_INTERRUPTIONS; attempt++) {
      const crashed = crashAt('claim or take-over written', 1);
      void reconcileRun({ runId: 'run-poison' });
      await crashed;
      afterCrash();
      letRealTimePass(EMAIL_LEASE_MS);
    }
    await reconcileRun({ runId: 'run-poison' });
    await reconcileRun({ runId: 'run-poison' });
    expect(await emailsOf('run-poison')).toEqual([]);
    const run = (await loadRun('run-poison'))!;
    expect(run.events.filter((e) => e.details?.outcome === 'unknown').map((e) => e.what)).toEqual([
      expect.stringMatching(new RegExp(`^Ratify has not e-mailed ${officer(0).email} .*cut off 4 times before SES was called. Please check they have it$`)),
    ]);
    expect(runView(run, table.clock.now()).emailsInDoubt).toEqual([expect.objectContaining({ state: 'unknown', to: [officer(0).email] })]);
    expect(runPageModel(run, table.clock.now(), { ...clerk, roles: ['clerk'] }).emailsInDoubt).toEqual([expect.objectContaining({ to: officer(0).email, state: 'unknown' })]);
  });

  it('a request SES gave no answer to (a connection reset) is never sent again: unknown, and the rest waits for SES', async () => {
    await runOwing('run-reset', 2);
    const ses = sesClient();
    const realSes = ses.send.bind(ses);
    let calls = 0;
    jest.spyOn(ses, 'send').mockImplementation(async (command: any) => {
      if (++calls > 1) return realSes(command);
      await realSes(command);
      throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET', $metadata: {} });
    });
    await expect(reconcileRun({ runId: 'run-reset' })).rejects.toMatchObject({ name: 'SES.Unavailable' });
    jest.restoreAllMocks();
    await reconcileRun({ runId: 'run-reset' });
    letRealTimePass(EMAIL_LEASE_MS);
    await reconcileRun({ runId: 'run-reset' });
    const counts = await timesEmailed('run-reset');
    expect([counts.get(officer(0).email), counts.get(officer(1).email)]).toEqual([1, 1]);
    const run = (await loadRun('run-reset'))!;
    expect(runView(run, table.clock.now()).emailsInDoubt).toEqual([expect.objectContaining({ state: 'unknown', to: [officer(0).email], note: expect.stringMatching(/SES gave no answer/) })]);
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

  it.each<[CrashPoint, number]>([
    ['guard written', 1],
    ['SES took it', 1],
    ['SES called', 0],
  ])('waits for the closing e-mail of a finished run cut off (%s), then ends: sent %d time(s), never twice', async (point, times) => {
    const runId = `run-closed-${point.replace(/\W+/g, '-')}`;
    await runOwing(runId, 1);
    await reconcileRun({ runId });
    await putWithdrawal(runId, { reason: 'No longer needed', by: clerk, at: table.clock.now().toISOString() });
    const crashed = crashAt(point, 1);
    void reconcileRun({ runId });
    await crashed;
    afterCrash();
    // The retried Reconcile would end the execution with the attempt unresolved: it goes to RecordFailure instead,
    // which waits for the lease rather than failing the execution.
    await expect(reconcileRun({ runId })).rejects.toMatchObject({ name: 'Email.InFlight' });
    const waited = await recordFailure({ runId, failure: { Error: 'Email.InFlight', Cause: '' } });
    expect(waited.retryInSeconds).toBeLessThanOrEqual(EMAIL_LEASE_MS / 1000 + 1);
    letRealTimePass(EMAIL_LEASE_MS);
    expect(await reconcileRun({ runId })).toMatchObject({ phase: 'Finished' });
    expect(await reconcileRun({ runId })).toMatchObject({ phase: 'Finished' });
    const closing = (await emailsOf(runId)).filter((e) => e.tags?.kind === 'run-finished');
    expect(closing).toHaveLength(times);
    expect(runView((await loadRun(runId))!, table.clock.now()).emailsInDoubt.map((e) => e.state)).toEqual(point === 'guard written' ? [] : ['unknown']);
    await expect(recordFailure({ runId, failure: { Error: 'Error', Cause: '' } })).rejects.toThrow(/withdrawn/);
  });
});
