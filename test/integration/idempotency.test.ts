/**
 * Idempotency-Key, through the HTTP API only: a retried request with the same key and body gets the first
 * answer and does nothing twice; the same key with another body is a conflict; keys belong to their caller and
 * survive a restart of the stack.
 */
import type { TestStack } from '../support/localStack';
import { expectRefused, settle } from './support/api';
import { as, person } from './support/people';
import { clearedEmails } from './support/publication';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Alison Finch', 'alison.finch@tmbc.example.gov.uk');
const legal = person('Adrian Stanfield', 'adrian.stanfield@tmbc.example.gov.uk');
const clerk = as(person('Rebecca Bradd', 'rebecca.bradd@tmbc.example.gov.uk'), 'clerk');
const otherClerk = as(person('Linda Hunt', 'linda.hunt@tmbc.example.gov.uk'), 'clerk');
const KEY = 'tmbc-csp-plan-2017-18';
const CONFLICT = { status: 409, code: 'conflict' };

const body = {
  plan: { title: 'Tonbridge and Malling Community Safety Partnership Plan 2017-18', author },
  stages: [
    { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
    { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-15' },
  ],
  signoffs: [{ area: 'Legal', officer: legal }],
};

describe('Idempotency-Key', () => {
  let t: TestStack;
  let runId: string;
  let first: any;
  const start = (b: unknown, caller = clerk, key = KEY) => t.api.post('/api/runs', b, { as: caller, headers: { 'Idempotency-Key': key } });
  const runIds = async () => (await t.api.get('/api/runs', { as: clerk })).body.runs.map((r: any) => r.runId).sort();

  beforeAll(async () => {
    t = await startStackAt('2017-01-16');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('answers a retried start with the first answer, and starts no second run', async () => {
    const res = await start(body);
    expect(res.status).toBe(201);
    first = res.body;
    runId = first.runId;
    await settle(t);
    const emails = await t.emails();
    expect(emails.filter((e) => e.to.includes(legal.email))).toHaveLength(1);

    const again = await start(body);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first);
    await settle(t);
    expect(await runIds()).toEqual([runId]);
    expect(await t.emails()).toEqual(emails);
  });

  it('refuses the same key with a different body, and starts nothing', async () => {
    const other = structuredClone(body);
    other.stages[1].meetingDate = '2017-03-16';
    await expectRefused(t, clerk, [runId], () => start(other), CONFLICT);
  });

  it('keeps keys per caller: another clerk’s request with the same key starts their own run', async () => {
    const res = await start(body, otherClerk);
    expect(res.status).toBe(201);
    expect(res.body.runId).not.toBe(runId);
    expect(await runIds()).toEqual([runId, res.body.runId].sort());
  });

  it('keeps keys, and the e-mails sent, across a restart of the stack', async () => {
    const before = await runIds();
    const emails = await t.emails();
    t = await t.restart();
    expect(await t.emails()).toEqual(emails);
    const again = await start(body);
    expect(again.status).toBe(201);
    expect(again.body.runId).toBe(runId);
    expect(again.body).toEqual(first);
    expect(await runIds()).toEqual(before);
  });

  it('keeps a key for 24 hours', async () => {
    // The first request was at 09:00 on 16 January 2017.
    await t.advanceClock('2017-01-17T08:59:00.000Z');
    const again = await start(body);
    expect([again.status, again.body.runId]).toEqual([201, runId]);
    expect(await runIds()).toHaveLength(2);
  });

  it('refuses the key of one request on another request', async () => {
    await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/withdraw`, { reason: 'Mistake.' }, { as: clerk, headers: { 'Idempotency-Key': KEY } }), CONFLICT);
  });

  it('answers a retried sign-off with the first answer rather than as a second sign-off', async () => {
    await t.advanceClock(london('2017-01-20', '10:00'));
    const legalId = first.signoffs[0].id;
    const sign = (key?: string) =>
      t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: as(legal, 'officer'), ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
    const signed = await sign('legal-signoff');
    expect(signed.status).toBe(200);
    const retried = await sign('legal-signoff');
    expect([retried.status, retried.body]).toEqual([200, signed.body]);
    // The last sign-off is in: both reports are cleared for publication, each said once despite the retry.
    await settle(t);
    const cleared = clearedEmails(await t.emails()).filter((e) => e.subject.includes(body.plan.title));
    expect(cleared.map((e) => e.subject.split(' – ')[1]).sort()).toEqual(['Cabinet, Wednesday 15 March 2017', 'Community Safety Partnership, Thursday 9 February 2017']);
    await expectRefused(t, clerk, [runId], () => sign(), CONFLICT);
  });

  it('answers a retried withdrawal with the first answer, and refuses the key with another reason', async () => {
    const otherRun = (await runIds()).find((id: string) => id !== runId);
    const withdraw = (reason: string, key?: string) =>
      t.api.post(`/api/runs/${otherRun}/withdraw`, { reason }, { as: otherClerk, ...(key ? { headers: { 'Idempotency-Key': key } } : {}) });
    const withdrawn = await withdraw('Started twice by mistake.', 'withdraw-duplicate');
    expect([withdrawn.status, withdrawn.body.status]).toEqual([200, 'withdrawn']);
    const retried = await withdraw('Started twice by mistake.', 'withdraw-duplicate');
    expect([retried.status, retried.body]).toEqual([200, withdrawn.body]);
    await expectRefused(t, clerk, [otherRun], () => withdraw('Another reason.', 'withdraw-duplicate'), CONFLICT);
    await expectRefused(t, clerk, [otherRun], () => withdraw('Started twice by mistake.'), CONFLICT);
  });

  it('starts one run when the same request with the same key arrives twice at once', async () => {
    const before = await runIds();
    const twice = structuredClone(body);
    twice.plan.title = 'Tonbridge and Malling Community Safety Strategic Assessment 2017';
    const answers = await Promise.all([start(twice, clerk, 'sent-twice'), start(twice, clerk, 'sent-twice')]);
    expect(answers.some((a) => a.status === 201)).toBe(true);
    for (const a of answers) expect([201, 409]).toContain(a.status);
    await settle(t);
    expect(await runIds()).toHaveLength(before.length + 1);
  });
});
