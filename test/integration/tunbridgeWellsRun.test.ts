/**
 * The Tunbridge Wells Community Safety Partnership Plan 2017/18 timetable, driven through the HTTP API only on
 * the real embedded stack with a virtual clock: six meetings from 9 February to 26 April 2017, the nine
 * sign-offs of the report's implications table given on their dates, to adoption by Full Council.
 */
import { startTestStack, type Caller, type LocalEmail, type TestStack } from '../support/localStack';
import { clearedEmails, recordPublication } from './support/publication';

const clerk: Caller = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] };
const manager: Caller = { email: 'mo.manager@example.gov.uk', name: 'Mo Manager', roles: ['manager'] };
const terry: Caller = { email: 'terry.hughes@example.gov.uk', name: 'Terry Hughes', roles: ['author', 'officer'] };
const keith: Caller = { email: 'k.trowell@example.gov.uk', name: 'Keith Trowell', roles: ['officer'] };
const sarah: Caller = { email: 'sarah.lavallie@example.gov.uk', name: 'Sarah Lavallie', roles: ['officer'] };
const stranger: Caller = { email: 'someone.else@example.gov.uk', name: 'Someone Else', roles: ['officer'] };

const person = (c: Caller) => ({ name: c.name!, email: c.email });
const TERRY_AREAS = [
  'Finance and other resources',
  'Staffing establishment',
  'Risk management',
  'Environment and sustainability',
  'Community safety',
  'Health and Safety',
  'Health and wellbeing',
];

const runBody = {
  plan: { title: 'Community Safety Partnership Plan 2017/18', author: person(terry), keyDecision: false, classification: 'public' },
  clearDays: { count: 5, excludeNonWorkingDays: true },
  stages: [
    { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
    { id: 'mb', body: 'Management Board', kind: 'board', meetingDate: '2017-03-01' },
    { id: 'cab', body: 'Communities Cabinet Advisory Board', kind: 'advisory', meetingDate: '2017-03-22' },
    { id: 'os', body: 'Overview and Scrutiny Committee', kind: 'scrutiny', meetingDate: '2017-04-10' },
    { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
    { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
  ],
  signoffs: [
    { area: 'Legal including Human Rights Act', officer: person(keith), requiredBefore: 'cab' },
    ...TERRY_AREAS.map((area) => ({ area, officer: person(terry), requiredBefore: 'cab' })),
    { area: 'Equalities', officer: person(sarah), requiredBefore: 'cab' },
  ],
};

let t: TestStack;
let runId: string;
let signoffIdOf: Record<string, string>;

const run = async () => (await t.api.get(`/api/runs/${runId}`, { as: manager })).body;
const emailsSince = async (count: number): Promise<LocalEmail[]> => (await t.emails()).slice(count);

async function decide(stageId: string, outcome = 'approved') {
  const res = await t.api.post(`/api/runs/${runId}/stages/${stageId}/decision`, { outcome, resolution: `That the plan be ${outcome}.` }, { as: clerk });
  expect(res.status).toBe(200);
  return res.body;
}

async function sign(area: string, as: Caller) {
  const res = await t.api.post(`/api/runs/${runId}/signoffs/${signoffIdOf[area]}`, { result: 'signed' }, { as });
  expect(res.status).toBe(200);
  return res.body;
}

beforeAll(async () => {
  t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
});

afterAll(async () => {
  await t?.stop();
});

describe('the Tunbridge Wells timetable through the API', () => {
  it('starts the run: 201 with each stage publishBy and each sign-off dueBy', async () => {
    const res = await t.api.post('/api/runs', runBody, { as: clerk });
    expect(res.status).toBe(201);
    runId = res.body.runId;
    expect(res.body.status).toBe('running');
    expect(res.body.currentStage).toBe('csp');
    expect(res.body.stages.map((s: { id: string; publishBy: string }) => [s.id, s.publishBy])).toEqual([
      ['csp', '2017-02-01'],
      ['mb', '2017-02-21'],
      ['cab', '2017-03-14'],
      ['os', '2017-03-31'],
      ['cabinet', '2017-04-05'],
      ['council', '2017-04-18'],
    ]);
    expect(res.body.signoffs).toHaveLength(9);
    expect(res.body.signoffs.every((s: { dueBy: string; status: string }) => s.dueBy === '2017-03-07' && s.status === 'requested')).toBe(true);
    signoffIdOf = Object.fromEntries(res.body.signoffs.map((s: { area: string; id: string }) => [s.area, s.id]));
  });

  it('e-mails every sign-off request at the start, each with a sign-off link, and clears the reports no sign-off gates', async () => {
    await t.advanceClock('2017-01-09T09:00:00Z');
    const emails = await t.emails();
    // 9 sign-off requests; the partnership's and the board's reports wait for none: cleared at once, nothing published.
    expect(emails).toHaveLength(11);
    const requests = emails.filter((e) => e.subject.startsWith('Sign-off requested'));
    expect(requests).toHaveLength(9);
    expect(requests.filter((e) => e.to[0] === terry.email)).toHaveLength(7);
    const legal = requests.find((e) => e.to[0] === keith.email)!;
    expect(legal.subject).toContain('Legal including Human Rights Act');
    expect(legal.text).toContain('Tuesday 7 March 2017');
    expect(legal.text).toContain('Communities Cabinet Advisory Board');
    expect(legal.text).toMatch(/\/signoff\/v1\./);
    expect(clearedEmails(emails).map((e) => [e.to.join(','), e.subject.split(' – ')[1]]).sort()).toEqual([
      [`${terry.email},${clerk.email}`, 'Community Safety Partnership, Thursday 9 February 2017'],
      [`${terry.email},${clerk.email}`, 'Management Board, Wednesday 1 March 2017'],
    ]);
    expect((await run()).stages.map((s: any) => s.publication.status)).toEqual(['cleared', 'cleared', 'waiting', 'waiting', 'waiting', 'waiting']);
  });

  it('lets only managers, clerks and the people named on the run read it', async () => {
    expect((await t.api.get(`/api/runs/${runId}`, { as: keith })).status).toBe(200);
    expect((await t.api.get(`/api/runs/${runId}`, { as: stranger })).status).toBe(403);
    expect((await t.api.get(`/api/runs/${runId}`)).status).toBe(401);
    expect((await t.api.get('/api/runs/no-such-run', { as: clerk })).status).toBe(404);
  });

  it('publishes the partnership report when the clerk records its despatch on 1 February, and takes its decision on 9 February', async () => {
    const before = (await t.emails()).length;
    await t.advanceClock('2017-02-01T08:00:00Z');
    // The deadline day: nothing is assumed published, and nobody is told anything new.
    expect(await emailsSince(before)).toEqual([]);
    expect((await run()).stages[0]).toMatchObject({ status: 'awaiting-publication', publishedAt: null, publication: { status: 'cleared', publishedOn: null, agendaUrl: null } });
    await t.advanceClock('2017-02-01T09:00:00Z');
    const agendaUrl = 'https://democracy.tunbridgewells.example.gov.uk/csp-9-february-2017';
    const recorded = await recordPublication(t, clerk, runId, 'csp', { publishedOn: '2017-02-01', agendaUrl });
    expect(recorded.body.stages[0]).toMatchObject({ status: 'published', publishedAt: '2017-02-01T09:00:00.000Z', publication: { status: 'published', publishedOn: '2017-02-01', agendaUrl } });
    // Recorded twice for the same meeting: refused.
    expect((await t.api.post(`/api/runs/${runId}/stages/csp/publication`, { publishedOn: '2017-02-01' }, { as: clerk })).status).toBe(409);

    // Not before the meeting has started.
    const early = await t.api.post(`/api/runs/${runId}/stages/csp/decision`, { outcome: 'approved' }, { as: clerk });
    expect(early.status).toBe(409);
    await t.advanceClock('2017-02-09T15:00:00Z');
    const answer = await decide('csp');
    expect(answer.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'approved' })]);
    await t.advanceClock('2017-02-09T15:00:00Z');
    expect((await run()).currentStage).toBe('mb');
  });

  it('takes the sign-offs on the dates of the implications table, reminding and escalating on the way', async () => {
    await t.advanceClock('2017-02-21T09:00:00Z');
    await recordPublication(t, clerk, runId, 'mb');
    await t.advanceClock('2017-02-24T10:00:00Z');
    for (const area of TERRY_AREAS) await sign(area, terry);
    await t.advanceClock('2017-03-01T10:00:00Z');
    await decide('mb');
    await t.advanceClock('2017-03-01T10:00:00Z');
    const before = (await t.emails()).length;
    await t.advanceClock('2017-03-03T10:00:00Z');
    await sign('Legal including Human Rights Act', keith);
    await t.advanceClock('2017-03-08T10:00:00Z');
    const sent = await emailsSince(before);
    expect(sent.map((e) => [e.to.join(','), e.subject.split(':')[0], e.sentAt])).toEqual([
      [keith.email, 'Reminder 1 of 2', '2017-03-03T00:00:00.000Z'],
      [sarah.email, 'Reminder 1 of 2', '2017-03-03T00:00:00.000Z'],
      [sarah.email, 'Reminder 2 of 2', '2017-03-07T00:00:00.000Z'],
      [`${terry.email},${clerk.email}`, 'Overdue sign-off', '2017-03-08T00:00:00.000Z'],
    ]);
    expect(sent[3].text).toContain('Equalities');
    await sign('Equalities', sarah);
    const second = await t.api.post(`/api/runs/${runId}/signoffs/${signoffIdOf.Equalities}`, { result: 'signed' }, { as: sarah });
    expect(second.status).toBe(409);
  });

  it('publishes the CAB report on 14 March and goes on to adoption by Full Council on 26 April', async () => {
    // The last sign-off (Equalities, 8 March) cleared the four reports still waiting.
    expect((await run()).stages.map((s: any) => s.publication.status)).toEqual(['published', 'published', 'cleared', 'cleared', 'cleared', 'cleared']);
    await t.advanceClock('2017-03-14T09:00:00Z');
    expect((await run()).stages[2].publishedAt).toBeNull();
    await recordPublication(t, clerk, runId, 'cab');
    expect((await run()).stages[2]).toMatchObject({ publishedAt: '2017-03-14T09:00:00.000Z', publication: { status: 'published', publishedOn: '2017-03-14' } });
    // Each agenda goes on its own deadline day (Cabinet's before Scrutiny has met), each decision at its meeting.
    for (const [step, stageId, day] of [
      ['decide', 'cab', '2017-03-22T17:00:00Z'],
      ['publish', 'os', '2017-03-31T09:00:00Z'],
      ['publish', 'cabinet', '2017-04-05T09:00:00Z'],
      ['decide', 'os', '2017-04-10T17:00:00Z'],
      ['decide', 'cabinet', '2017-04-13T17:00:00Z'],
      ['publish', 'council', '2017-04-18T09:00:00Z'],
      ['decide', 'council', '2017-04-26T17:00:00Z'],
    ]) {
      await t.advanceClock(day);
      if (step === 'publish') await recordPublication(t, clerk, runId, stageId);
      else await decide(stageId);
    }
    await t.advanceClock('2017-04-26T17:00:00Z');
    const final = await run();
    expect(final.status).toBe('adopted');
    expect(final.stages.map((s: any) => [s.publishedAt, s.publication.publishedOn])).toEqual([
      ['2017-02-01T09:00:00.000Z', '2017-02-01'],
      ['2017-02-21T09:00:00.000Z', '2017-02-21'],
      ['2017-03-14T09:00:00.000Z', '2017-03-14'],
      ['2017-03-31T09:00:00.000Z', '2017-03-31'],
      ['2017-04-05T09:00:00.000Z', '2017-04-05'],
      ['2017-04-18T09:00:00.000Z', '2017-04-18'],
    ]);
    expect(final.events.length).toBeGreaterThan(20);
    expect(final.events[0]).toMatchObject({ who: { email: clerk.email }, stateBefore: null });

    const emails = await t.emails();
    const kinds = (prefix: string) => emails.filter((e) => e.subject.startsWith(prefix)).length;
    expect(kinds('Sign-off requested')).toBe(9);
    expect(kinds('Report cleared for publication')).toBe(6);
    expect(kinds('Publication deadline missed')).toBe(0);
    expect(kinds('Decision:')).toBe(6);
    expect(kinds('Run finished (adopted)')).toBe(1);
    const both = `${terry.email},${clerk.email}`;
    const after = emails
      .filter((e) => !e.subject.startsWith('Sign-off requested'))
      .map((e) => [e.sentAt, e.to.join(','), e.subject.replace(/ – Community Safety Partnership Plan 2017\/18.*$|: Community Safety Partnership Plan 2017\/18( – )?/, '|')]);
    // Cleared when nothing more gates a report: the first two from the start, the other four with the last sign-off.
    const cleared = (at: string, meeting: string) => [at, both, `Report cleared for publication|${meeting}`];
    expect(after).toEqual([
      cleared('2017-01-09T09:00:00.000Z', 'Community Safety Partnership, Thursday 9 February 2017'),
      cleared('2017-01-09T09:00:00.000Z', 'Management Board, Wednesday 1 March 2017'),
      ['2017-02-09T15:00:00.000Z', terry.email, 'Decision: Community Safety Partnership approved|'],
      ['2017-03-01T10:00:00.000Z', terry.email, 'Decision: Management Board approved|'],
      ['2017-03-03T00:00:00.000Z', keith.email, 'Reminder 1 of 2: sign-off due Tuesday 7 March 2017: Legal including Human Rights Act|'],
      ['2017-03-03T00:00:00.000Z', sarah.email, 'Reminder 1 of 2: sign-off due Tuesday 7 March 2017: Equalities|'],
      ['2017-03-07T00:00:00.000Z', sarah.email, 'Reminder 2 of 2: sign-off due today: Equalities|'],
      ['2017-03-08T00:00:00.000Z', both, 'Overdue sign-off: Equalities (Sarah Lavallie)|'],
      cleared('2017-03-08T10:00:00.000Z', 'Communities Cabinet Advisory Board, Wednesday 22 March 2017'),
      cleared('2017-03-08T10:00:00.000Z', 'Overview and Scrutiny Committee, Monday 10 April 2017'),
      cleared('2017-03-08T10:00:00.000Z', 'Cabinet, Thursday 13 April 2017'),
      cleared('2017-03-08T10:00:00.000Z', 'Full Council, Wednesday 26 April 2017'),
      ['2017-03-22T17:00:00.000Z', terry.email, 'Decision: Communities Cabinet Advisory Board approved|'],
      ['2017-04-10T17:00:00.000Z', terry.email, 'Decision: Overview and Scrutiny Committee approved|'],
      ['2017-04-13T17:00:00.000Z', terry.email, 'Decision: Cabinet approved|'],
      ['2017-04-26T17:00:00.000Z', terry.email, 'Decision: Full Council approved|'],
      ['2017-04-26T17:00:00.000Z', both, 'Run finished (adopted)|'],
    ]);
    const keys = emails.map((e) => JSON.stringify([e.to, e.cc, e.subject, e.text]));
    expect(new Set(keys).size).toBe(keys.length);

    const adopted = await t.api.get('/api/runs?status=adopted', { as: manager });
    expect(adopted.body.runs.map((r: { runId: string }) => r.runId)).toContain(runId);
  });
});
