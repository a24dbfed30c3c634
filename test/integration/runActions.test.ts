/**
 * Every other action of the runs API on the real embedded stack (virtual clock): validation, roles, deferral,
 * referral back with a revision, delegation, rejection, withdrawal, rescheduling and e-mailed sign-off links.
 */
import { startTestStack, type Caller, type TestStack } from '../support/localStack';

const clerk: Caller = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] };
const author: Caller = { email: 'terry.hughes@example.gov.uk', name: 'Terry Hughes', roles: ['author'] };
const legal: Caller = { email: 'k.trowell@example.gov.uk', name: 'Keith Trowell', roles: ['officer'] };
const finance: Caller = { email: 'fiona.finance@example.gov.uk', name: 'Fiona Finance', roles: ['officer'] };
const delegate = { name: 'Paul Taylor', email: 'paul.taylor@example.gov.uk' };
const person = (c: Caller) => ({ name: c.name!, email: c.email });

let t: TestStack;
let day = 0;

/** A three-stage run whose meetings start a fortnight after the clock; sign-offs before the second stage. */
function runBody(overrides: Record<string, unknown> = {}) {
  return {
    plan: { title: `Community Safety Plan ${++day}`, author: person(author) },
    stages: [
      { id: 'board', body: 'Management Board', kind: 'board', meetingDate: '2017-02-09' },
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-09' },
      { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-03-29' },
    ],
    signoffs: [
      { area: 'Legal', officer: person(legal), requiredBefore: 'cabinet' },
      { area: 'Finance', officer: person(finance), requiredBefore: 'cabinet' },
    ],
    ...overrides,
  };
}

async function startRun(overrides: Record<string, unknown> = {}) {
  const res = await t.api.post('/api/runs', runBody(overrides), { as: clerk });
  expect(res.status).toBe(201);
  return res.body.runId as string;
}

const get = async (runId: string) => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
const decide = (runId: string, stageId: string, body: Record<string, unknown>, as: Caller = clerk) =>
  t.api.post(`/api/runs/${runId}/stages/${stageId}/decision`, body, { as });

beforeAll(async () => {
  t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
});

afterAll(async () => {
  await t?.stop();
});

describe('starting a run', () => {
  it('answers 400 naming every bad field, the later item for dates out of order, and stores nothing', async () => {
    const before = (await t.api.get('/api/runs', { as: clerk })).body.runs.length;
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: 'x'.repeat(301), author: { name: 'Terry' } },
        stages: [
          { id: 'board', body: 'Board', kind: 'board', meetingDate: '2017-03-09' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-02-09' },
          { id: 'old', body: 'Old', kind: 'nonsense', meetingDate: '2016-12-01' },
        ],
      },
      { as: clerk },
    );
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid-input');
    expect(Object.keys(res.body.error.fields)).toEqual(expect.arrayContaining(['plan.title', 'plan.author.email', 'stages.2.kind']));

    const order = await t.api.post(
      '/api/runs',
      runBody({
        stages: [
          { id: 'board', body: 'Board', kind: 'board', meetingDate: '2017-03-09' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-02-09' },
          { id: 'past', body: 'Past', kind: 'other', meetingDate: '2017-01-06' },
        ],
        signoffs: [{ area: 'Legal', officer: person(legal), requiredBefore: 'nowhere' }],
      }),
      { as: clerk },
    );
    expect(order.status).toBe(400);
    expect(order.body.error.fields).toEqual({
      'stages.1.meetingDate': expect.stringContaining('before the meeting of the previous stage'),
      'stages.2.meetingDate': expect.stringContaining('in the past'),
      'signoffs.0.requiredBefore': expect.stringContaining('not a stage'),
    });
    expect((await t.api.get('/api/runs', { as: clerk })).body.runs).toHaveLength(before);
  });

  it('lets only clerks start runs, and needs a token', async () => {
    expect((await t.api.post('/api/runs', runBody(), { as: author })).status).toBe(403);
    expect((await t.api.post('/api/runs', runBody())).status).toBe(401);
  });

  it('applies the defaults: clear days, key decision, classification, no sign-offs, requiredBefore the first stage', async () => {
    const res = await t.api.post(
      '/api/runs',
      { plan: { title: 'Defaults', author: person(author) }, stages: runBody().stages, signoffs: [{ area: 'Legal', officer: person(legal) }] },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    expect(res.body.clearDays).toEqual({ count: 5, excludeNonWorkingDays: true });
    expect(res.body.plan).toMatchObject({ keyDecision: false, classification: 'public' });
    expect(res.body.signoffs[0]).toMatchObject({ requiredBefore: 'board', dueBy: '2017-01-25' });
  });

  it('returns the first answer to a retried POST with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'start-once-1' };
    const body = runBody();
    const first = await t.api.post('/api/runs', body, { as: clerk, headers });
    const second = await t.api.post('/api/runs', body, { as: clerk, headers });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(second.body.runId).toBe(first.body.runId);
    const other = await t.api.post('/api/runs', runBody(), { as: clerk, headers });
    expect(other.status).toBe(409);
  });
});

describe('sign-offs', () => {
  it('are answered by their officer or a clerk on their behalf, anyone else 403, unknown 404', async () => {
    const runId = await startRun();
    const { signoffs } = await get(runId);
    const [legalId, financeId] = signoffs.map((s: { id: string }) => s.id);
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: finance })).status).toBe(403);
    expect((await t.api.post(`/api/runs/${runId}/signoffs/nope`, { result: 'signed' }, { as: clerk })).status).toBe(404);
    const signed = await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed', comment: 'Fine' }, { as: legal });
    expect(signed.status).toBe(200);
    expect(signed.body.signoffs[0]).toMatchObject({ status: 'signed', comment: 'Fine', signedAt: '2017-01-09T09:00:00.000Z' });
    const onBehalf = await t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'changes-requested', comment: 'Costs?' }, { as: clerk });
    expect(onBehalf.body.signoffs[1]).toMatchObject({ status: 'changes-requested', comment: 'Costs?' });
    // The execution, woken by the first answer, may add its own events meanwhile: find the action's, not the last.
    expect(onBehalf.body.events).toContainEqual(
      expect.objectContaining({ who: expect.objectContaining({ email: clerk.email }), what: expect.stringContaining('on behalf of Fiona Finance') }),
    );
    await t.advanceClock(await t.now());
    const changes = (await t.emails()).filter((e) => e.subject.startsWith('Changes requested') && e.text?.includes('Costs?'));
    expect(changes).toHaveLength(1);
    expect(changes[0].to).toEqual([author.email]);
  });

  it('can be signed once through the e-mailed link: GET shows, POST signs, then 410; a tampered link 404', async () => {
    const runId = await startRun();
    await t.advanceClock(await t.now());
    const email = (await t.emails()).find((e) => e.to[0] === legal.email && e.text?.includes(`Community Safety Plan ${day}`))!;
    const url = /(http\S+\/signoff\/\S+)/.exec(email.text!)![1];
    const path = new URL(url).pathname;

    const page = await t.api.get(path);
    expect(page.status).toBe(200);
    expect(page.body).toContain('Sign off the Legal implications');
    expect((await get(runId)).signoffs[0].status).toBe('requested');

    const tampered = await t.api.get(path.slice(0, -3) + 'AAA');
    expect(tampered.status).toBe(404);
    expect((await t.api.get(`${path}${'A'.repeat(2001)}`)).status).toBe(404);

    const post = await t.api.request('POST', path, { body: 'result=signed&comment=OK', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.status).toBe(200);
    expect(post.body).toContain('Signed off');
    expect((await get(runId)).signoffs[0]).toMatchObject({ status: 'signed', comment: 'OK' });
    const again = await t.api.request('POST', path, { body: 'result=signed', headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(again.status).toBe(410);
    expect((await t.api.get(path)).status).toBe(410);
  });
});

describe('rescheduling and withdrawal', () => {
  it('reschedules a meeting: publishBy and the sign-offs due dates follow; a date in the past is 400', async () => {
    const runId = await startRun();
    const past = await t.api.patch(`/api/runs/${runId}/stages/cabinet`, { meetingDate: '2017-01-02' }, { as: clerk });
    expect(past.status).toBe(400);
    expect(past.body.error.fields).toHaveProperty('meetingDate');
    const res = await t.api.patch(`/api/runs/${runId}/stages/cabinet`, { meetingDate: '2017-03-16' }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.stages[1]).toMatchObject({ meetingDate: '2017-03-16', publishBy: '2017-03-08' });
    expect(res.body.signoffs.map((s: { dueBy: string }) => s.dueBy)).toEqual(['2017-03-01', '2017-03-01']);
  });

  it('withdraws: status withdrawn with the reason when the action answers, people told', async () => {
    const runId = await startRun();
    const res = await t.api.post(`/api/runs/${runId}/withdraw`, { reason: 'Superseded by the county plan' }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'withdrawn', withdrawal: { reason: 'Superseded by the county plan' } });
    expect(res.body.events.find((e: { what: string }) => e.what.startsWith('Withdrew'))).toMatchObject({ stateBefore: expect.objectContaining({ status: 'running' }), stateAfter: expect.objectContaining({ status: 'withdrawn' }) });
    await t.advanceClock(await t.now());
    const told = (await t.emails()).filter((e) => e.subject.startsWith('Run finished (withdrawn)') && e.text?.includes('Superseded'));
    expect(told).toHaveLength(1);
    const listed = await t.api.get('/api/runs?status=withdrawn', { as: clerk });
    expect(listed.body.runs.map((r: { runId: string }) => r.runId)).toContain(runId);
  });
});

describe('decisions', () => {
  it('refuses non-clerks (403), unknown stages (404), other stages and early decisions (409)', async () => {
    const runId = await startRun();
    expect((await decide(runId, 'board', { outcome: 'approved' }, author)).status).toBe(403);
    expect((await decide(runId, 'nope', { outcome: 'approved' })).status).toBe(404);
    expect((await decide(runId, 'cabinet', { outcome: 'approved' })).status).toBe(409);
    expect((await decide(runId, 'board', { outcome: 'approved' })).status).toBe(409);
    expect((await decide(runId, 'board', { outcome: 'maybe' })).body.error.fields).toHaveProperty('outcome');
    expect((await t.api.post('/api/runs/no-such-run/stages/board/decision', { outcome: 'approved' }, { as: clerk })).status).toBe(404);
  });

  it('defers: the new date and publishBy are visible when the action answers', async () => {
    const runId = await startRun();
    await t.advanceClock('2017-02-09T12:00:00Z');
    const bad = await decide(runId, 'board', { outcome: 'deferred', deferTo: '2017-02-01' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toHaveProperty('deferTo');
    const res = await decide(runId, 'board', { outcome: 'deferred', deferTo: '2017-02-23' });
    expect(res.status).toBe(200);
    expect(res.body.stages[0]).toMatchObject({ meetingDate: '2017-02-23', publishBy: '2017-02-15', decisions: [expect.objectContaining({ outcome: 'deferred', meetingDate: '2017-02-09' })] });
    expect(res.body.currentStage).toBe('board');
    expect((await decide(runId, 'board', { outcome: 'approved' })).status).toBe(409);
  });

  it('refers back: waits for the revision, asks the sign-offs again, needs a new date, then goes on', async () => {
    // Today is 9 February: the board meets on Monday 20 February, the first date that still leaves the clear days.
    const runId = await startRun({ stages: [{ ...runBody().stages[0], meetingDate: '2017-02-20' }, ...runBody().stages.slice(1)] });
    const { signoffs } = await get(runId);
    for (const [i, as] of [legal, finance].entries()) {
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${signoffs[i].id}`, { result: 'signed' }, { as })).status).toBe(200);
    }
    await t.advanceClock('2017-02-20T12:00:00Z');
    expect((await decide(runId, 'board', { outcome: 'approved' })).status).toBe(200);
    await t.advanceClock('2017-03-09T12:00:00Z');
    const refer = await decide(runId, 'cabinet', { outcome: 'referred-back', referBackTo: 'board', resolution: 'Consult again' });
    expect(refer.status).toBe(200);
    expect(refer.body).toMatchObject({ currentStage: 'board', phase: 'AwaitRevision' });

    expect((await t.api.post(`/api/runs/${runId}/revisions`, { summary: 'Reworked' }, { as: clerk })).status).toBe(403);
    const revised = await t.api.post(`/api/runs/${runId}/revisions`, { summary: 'Reworked section 3', invalidates: [signoffs[0].id] }, { as: author });
    expect(revised.status).toBe(200);
    expect(revised.body.signoffs.map((s: { status: string; round: number }) => [s.status, s.round])).toEqual([
      ['requested', 2],
      ['signed', 1],
    ]);
    expect(revised.body.phase).toBe('AwaitSchedule');
    // Asked again on Thursday 9 March, when 5 working days before the deadline it is for has gone: due today, not in the past.
    expect(revised.body.signoffs[0].dueBy).toBe('2017-03-09');

    const moved = await t.api.patch(`/api/runs/${runId}/stages/board`, { meetingDate: '2017-03-23' }, { as: clerk });
    expect(moved.status).toBe(200);
    expect(moved.body.stages[0]).toMatchObject({ meetingDate: '2017-03-23', publishBy: '2017-03-15' });
    await t.advanceClock('2017-03-10T12:00:00Z');
    const emails = await t.emails();
    expect(emails.filter((e) => e.subject.startsWith('Sign-off requested again (revised report): Legal'))).toHaveLength(1);
    expect(emails.filter((e) => e.subject.startsWith('New meeting date needed'))).toHaveLength(1);
  });

  it('delegates at the last stage: adopted once the delegate signs', async () => {
    const runId = await startRun({
      stages: [{ id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-03-29' }],
      signoffs: [],
    });
    await t.advanceClock('2017-03-29T12:00:00Z');
    const res = await decide(runId, 'council', { outcome: 'delegated', delegateTo: delegate });
    expect(res.status).toBe(200);
    const signoff = res.body.signoffs.find((s: { area: string }) => s.area === 'Delegated finalisation');
    expect(signoff).toMatchObject({ officer: delegate, dueBy: '2017-04-12', status: 'requested' });
    await t.advanceClock('2017-03-29T12:00:00Z');
    expect((await t.emails()).filter((e) => e.to[0] === delegate.email)).toHaveLength(1);
    const delegateCaller: Caller = { ...delegate, roles: ['officer'] };
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${signoff.id}`, { result: 'signed' }, { as: delegateCaller })).status).toBe(200);
    await t.advanceClock('2017-03-29T12:00:00Z');
    expect((await get(runId)).status).toBe('adopted');
  });

  it('rejects: the run ends and takes no more actions', async () => {
    const runId = await startRun({
      stages: [
        { id: 'board', body: 'Management Board', kind: 'board', meetingDate: '2017-04-12' },
        { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
      ],
      signoffs: [],
    });
    await t.advanceClock('2017-04-13T12:00:00Z');
    // The board's meeting has passed without a decision: it can still be recorded.
    expect((await decide(runId, 'board', { outcome: 'rejected' })).status).toBe(200);
    await t.advanceClock('2017-04-13T12:00:00Z');
    const run = await get(runId);
    expect(run.status).toBe('rejected');
    expect((await t.api.post(`/api/runs/${runId}/withdraw`, { reason: 'late' }, { as: clerk })).status).toBe(409);
  });
});

