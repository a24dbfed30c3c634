import { applyChange } from '../../../functions/domain/applyChange';
import { checkDecision } from '../../../functions/domain/decisionRules';
import { planRun } from '../../../functions/domain/planRun';
import type { RunSnapshot } from '../../../functions/domain/runModel';
import { claimEmail, markEmailSending, markEmailToRetry, readEmailGuard, readEmailGuards, takeOverEmail } from '../../../functions/store/emailLog';
import { applyStoredChange } from '../../../functions/store/applyChanges';
import { loadRun, putDecision, putRevision, putSignoffAnswer, putStagePublication, putWithdrawal, readVersion, touchRun } from '../../../functions/store/runStore';
import { getWaitToken, putWaitToken } from '../../../functions/store/waitToken';
import { buildRun } from '../../../functions/domain/newRun';
import { clerk, tunbridgeWellsInput } from '../domain/runSimulator';
import { startTestTable, storeStartedRun, type TestTable } from './localTable';

let table: TestTable;
let n = 0;

beforeAll(async () => {
  table = await startTestTable();
});
afterAll(async () => {
  await table.close();
});

async function storedRun(): Promise<RunSnapshot> {
  const runId = `run-${++n}`;
  const input = tunbridgeWellsInput();
  const items = buildRun({ ...input, stages: input.stages! }, runId, clerk, table.clock.now());
  await storeStartedRun(items, { name: clerk.name, email: clerk.email }, table.clock.now());
  return (await loadRun(runId))!;
}

/** The parts of a snapshot the planner reads, comparable between the store and the pure model. */
const essentials = (s: RunSnapshot) => ({ meta: { ...s.meta, version: 0 }, stages: s.stages, signoffs: s.signoffs, decisions: s.decisions, revisions: s.revisions });

/** Plans and applies changes both to the stored run and in memory, until settled; they must agree throughout. */
async function settleBoth(stored: RunSnapshot, pure: RunSnapshot, at: Date): Promise<[RunSnapshot, RunSnapshot]> {
  for (let i = 0; i < 30; i++) {
    const plan = planRun(stored, at);
    if (!plan.changes.length) return [stored, pure];
    for (const change of plan.changes) {
      expect(await applyStoredChange(stored.meta.runId, change)).toBe(true);
      // A second application is refused or harmless, never a double effect.
      await applyStoredChange(stored.meta.runId, change);
      pure = applyChange(pure, change);
    }
    stored = (await loadRun(stored.meta.runId))!;
    expect(essentials(stored)).toEqual(essentials(pure));
  }
  throw new Error('did not settle');
}

describe('the run store', () => {
  it("records an agenda's despatch once, for the meeting date it was for only", async () => {
    const run = await storedRun();
    const despatch = { agendaFor: '2017-02-09', publishedOn: '2017-02-01', agendaUrl: 'https://democracy.example.gov.uk/csp', publishedAt: '2017-02-01T10:00:00.000Z' };
    expect(await putStagePublication(run.meta.runId, 0, { ...despatch, agendaFor: '2017-02-16' })).toBe(false);
    expect(await putStagePublication(run.meta.runId, 0, despatch)).toBe(true);
    expect(await putStagePublication(run.meta.runId, 0, despatch)).toBe(false);
    expect((await loadRun(run.meta.runId))!.stages[0]).toMatchObject({ publishedFor: '2017-02-09', publishedOn: '2017-02-01', agendaFor: '2017-02-09', agendaUrl: despatch.agendaUrl });
  });

  it('stores a new run and loads it back as it was built', async () => {
    const run = await storedRun();
    expect(run.stages.map((s) => s.id)).toEqual(['csp', 'mb', 'cab', 'os', 'cabinet', 'council']);
    expect(run.signoffs.map((s) => s.area)[0]).toBe('Legal including Human Rights Act');
    expect(run.signoffs).toHaveLength(9);
    expect(run.events).toEqual([expect.objectContaining({ what: 'Started' })]);
    expect(await loadRun('no-such-run')).toBeUndefined();
  });

  it('makes each planner change with the meaning of the pure model, through deferral and delegation', async () => {
    let stored = await storedRun();
    let pure = stored;
    const at = (s: string) => new Date(s);
    [stored, pure] = await settleBoth(stored, pure, at('2017-02-01T00:00:00Z'));
    // The planner never publishes: only a recorded despatch does (below).
    expect(stored.stages[0].publishedFor ?? null).toBeNull();

    const deferral = checkDecision(stored, 'csp', { outcome: 'deferred', deferTo: '2017-02-16' }, clerk, at('2017-02-09T10:00:00Z'));
    expect(await putDecision(stored.meta.runId, deferral)).toBe(true);
    expect(await putDecision(stored.meta.runId, deferral)).toBe(false);
    stored = (await loadRun(stored.meta.runId))!;
    pure = { ...pure, decisions: [deferral] };
    [stored, pure] = await settleBoth(stored, pure, at('2017-02-09T10:00:00Z'));
    expect(stored.stages[0]).toMatchObject({ meetingDate: '2017-02-16', publishBy: '2017-02-08' });

    const delegation = checkDecision(stored, 'csp', { outcome: 'delegated', delegateTo: clerk }, clerk, at('2017-02-16T10:00:00Z'));
    await putDecision(stored.meta.runId, delegation);
    stored = (await loadRun(stored.meta.runId))!;
    pure = { ...pure, decisions: [...pure.decisions, delegation] };
    [stored, pure] = await settleBoth(stored, pure, at('2017-02-16T10:00:00Z'));
    const delegated = stored.signoffs.find((s) => s.area === 'Delegated finalisation')!;
    expect(delegated).toMatchObject({ status: 'requested', dueBy: '2017-03-02' });

    expect(await putSignoffAnswer(stored.meta.runId, delegated.id, 1, { status: 'signed', comment: null, by: clerk, at: '2017-02-17T10:00:00Z' })).toBe(true);
    expect(await putSignoffAnswer(stored.meta.runId, delegated.id, 1, { status: 'signed', comment: null, by: clerk, at: '2017-02-17T10:00:00Z' })).toBe(false);
    stored = (await loadRun(stored.meta.runId))!;
    pure = { ...pure, signoffs: stored.signoffs };
    [stored, pure] = await settleBoth(stored, pure, at('2017-02-17T10:00:00Z'));
    expect(stored.meta.cursor.index).toBe(1);
  });

  it('asks sign-offs again after a referral back and a revision, as the pure model does', async () => {
    let stored = await storedRun();
    let pure = stored;
    const at = (x: string) => new Date(x);
    const decide = async (stageId: string, input: Parameters<typeof checkDecision>[2], when: string) => {
      const d = checkDecision(stored, stageId, input, clerk, at(when));
      await putDecision(stored.meta.runId, d);
      stored = (await loadRun(stored.meta.runId))!;
      pure = { ...pure, decisions: [...pure.decisions, d] };
      [stored, pure] = await settleBoth(stored, pure, at(when));
    };
    await decide('csp', { outcome: 'approved' }, '2017-02-09T10:00:00Z');
    await decide('mb', { outcome: 'referred-back', referBackTo: 'csp' }, '2017-03-01T10:00:00Z');
    expect(stored.meta).toMatchObject({ awaitingRevision: true, cursor: { index: 0 } });
    const revision = { n: 1, kind: 'revision' as const, summary: 'Reworked', invalidates: null, by: clerk, at: '2017-03-02T10:00:00.000Z' };
    expect(await putRevision(stored.meta.runId, revision)).toBe(true);
    expect(await putRevision(stored.meta.runId, revision)).toBe(false);
    stored = (await loadRun(stored.meta.runId))!;
    pure = { ...pure, revisions: [revision] };
    [stored, pure] = await settleBoth(stored, pure, at('2017-03-02T10:00:00Z'));
    expect(stored.meta).toMatchObject({ awaitingRevision: false, revisionsApplied: 1 });
    expect(stored.signoffs.every((so) => so.round === 2 && so.status === 'requested' && so.revision === 1)).toBe(true);
  });

  it('keeps open sign-offs in the officers index only while requested', async () => {
    const run = await storedRun();
    const { QueryCommand } = await import('@aws-sdk/lib-dynamodb');
    const { dynamo, tableName } = await import('../../../functions/store/dynamo');
    const open = async () =>
      (await dynamo().send(new QueryCommand({ TableName: tableName(), IndexName: 'byOfficer', KeyConditionExpression: 'gsi2pk = :p', ExpressionAttributeValues: { ':p': 'OFFICER#k.trowell@example.gov.uk' } }))).Items ?? [];
    const before = (await open()).filter((i) => i.runId === run.meta.runId);
    expect(before.map((i) => i.gsi2sk)).toEqual([`2017-03-07#${run.meta.runId}#legal-including-human-rights-act`]);
    await putSignoffAnswer(run.meta.runId, 'legal-including-human-rights-act', 1, { status: 'signed', comment: null, by: clerk, at: '2017-03-01T10:00:00Z' });
    expect((await open()).filter((i) => i.runId === run.meta.runId)).toEqual([]);
  });

  it('withdraws a running run once, and counts versions', async () => {
    const run = await storedRun();
    const v = (await readVersion(run.meta.runId))!;
    expect(await touchRun(run.meta.runId, null)).toBe(v + 1);
    const withdrawal = { reason: 'No longer needed', by: clerk, at: '2017-01-10T10:00:00Z' };
    expect(await putWithdrawal(run.meta.runId, withdrawal)).toBe(true);
    expect(await putWithdrawal(run.meta.runId, withdrawal)).toBe(false);
    expect((await loadRun(run.meta.runId))!.meta).toMatchObject({ status: 'withdrawn', withdrawal });
  });
});

describe('the e-mail guard and the wait token', () => {
  it('lets one claim per reason through; one SES could not take is taken over once; one marked sending never', async () => {
    const email = { kind: 'signoff-request', to: ['a@example.gov.uk'], cc: [], subject: 'S', text: 'T' };
    const owner = { runId: 'run-x' };
    const claim = await claimEmail(owner, 'signoff-request#legal#1', email, '2017-01-09T09:00:00Z');
    expect(claim).toMatchObject({ interrupted: false, email });
    expect(await readEmailGuard(owner, 'signoff-request#legal#1')).toMatchObject({ state: 'claimed' });
    expect(await claimEmail(owner, 'signoff-request#legal#1', email, '2017-01-09T09:00:00Z')).toBeUndefined();
    expect(await markEmailSending(claim!)).toBe(true);
    const sending = (await readEmailGuard(owner, 'signoff-request#legal#1'))!;
    expect(await takeOverEmail(owner, sending)).toBeUndefined();
    expect(await markEmailToRetry(claim!)).toBe(true);
    const guard = (await readEmailGuard(owner, 'signoff-request#legal#1'))!;
    expect(guard).toMatchObject({ state: 'retry', ...email });
    const again = await takeOverEmail(owner, guard);
    expect(again).toMatchObject({ interrupted: false, email });
    expect(await takeOverEmail(owner, guard)).toBeUndefined();
    // The old attempt was overtaken: it may no longer mark anything, nor call SES.
    expect(await markEmailSending(claim!)).toBe(false);
    expect(await markEmailSending(again!)).toBe(true);
  });

  it('keeps an alert that names no run under the address it is about', async () => {
    const email = { kind: 'undeliverable-alert', to: ['clerk@example.gov.uk'], cc: [], subject: 'S', text: 'T' };
    const owner = { address: 'gone@example.gov.uk' };
    expect(await claimEmail(owner, 'undeliverable-alert#gone@example.gov.uk#m1', email, '2017-01-09T09:00:00Z')).toBeDefined();
    expect(await readEmailGuards(owner)).toEqual([expect.objectContaining({ state: 'claimed', reason: 'undeliverable-alert#gone@example.gov.uk#m1' })]);
  });

  it('keeps the newest wait token when an older wait stores its own late', async () => {
    expect(await putWaitToken('run-y', { token: 'new', phase: 'AwaitMeeting', version: 3, storedAt: 2000 })).toBe(true);
    expect(await putWaitToken('run-y', { token: 'old', phase: 'AwaitSignoffs', version: 2, storedAt: 1000 })).toBe(false);
    expect(await getWaitToken('run-y')).toMatchObject({ token: 'new', version: 3 });
  });
});
