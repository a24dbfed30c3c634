/**
 * Runs on the calendar, through the HTTP API on the real local stack: runs started on meetings, a moved meeting
 * carrying two runs (dates recomputed, each person e-mailed once), a cancelled meeting leaving a stage needing a
 * meeting (the next one that fits proposed to the clerk, then picked), and a move out of the run's order.
 */
import type { LocalEmail, TestStack } from '../support/localStack';
import { settle } from './support/api';
import { mentionsDate, recipientsOf, wordsOf } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const clerk = as(person('Cleo Clerk', 'cleo.clerk@example.gov.uk'), 'clerk');
const clerk2 = as(person('Carl Clerk', 'carl.clerk@example.gov.uk'), 'clerk');
const authorA = person('Terry Hughes', 'terry.hughes@example.gov.uk');
const authorB = person('Alice Author', 'alice.author@example.gov.uk');
const keith = person('Keith Trowell', 'k.trowell@example.gov.uk');
const tina = person('Tina Brooks', 'tina.brooks@example.gov.uk');
const sarah = person('Sarah Lavallie', 'sarah.lavallie@example.gov.uk');
const reader = as(person('Mo Manager', 'mo.manager@example.gov.uk'), 'manager');

const titleA = 'Community Safety Partnership Plan 2017/18';
const titleB = 'Car Parking Strategy 2017-2020';

const about = (emails: LocalEmail[], title: string, words: string) => emails.filter((e) => e.subject.includes(words) && wordsOf(e).includes(title));
const sorted = (list: string[]) => [...list].sort();

describe('runs on the calendar', () => {
  let t: TestStack;
  const m: Record<string, string> = {};
  let runA: string;
  let runB: string;

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
    await t.api.request('PUT', '/api/bodies/csp', { as: clerk, body: { name: 'Community Safety Partnership', kind: 'partnership' } });
    await t.api.request('PUT', '/api/bodies/cabinet', { as: clerk, body: { name: 'Cabinet', kind: 'executive' } });
    for (const [key, body, date] of [
      ['csp1', 'csp', '2017-02-09'],
      ['csp2', 'csp', '2017-02-23'],
      ['cab1', 'cabinet', '2017-03-09'],
      ['cab2', 'cabinet', '2017-04-13'],
    ]) {
      const res = await t.api.post('/api/meetings', { body, date, time: '10:00' }, { as: clerk });
      expect(res.status).toBe(201);
      m[key] = res.body.meetingId;
    }
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('starts runs on meetings: body, kind and date from the meeting and its body', async () => {
    const a = await t.api.post(
      '/api/runs',
      {
        plan: { title: titleA, author: authorA },
        stages: [
          { id: 'csp', meetingId: m.csp1 },
          { id: 'cabinet', meetingId: m.cab1 },
        ],
        signoffs: [
          { area: 'Finance', officer: tina, requiredBefore: 'csp' },
          { area: 'Legal', officer: keith, requiredBefore: 'cabinet' },
        ],
      },
      { as: clerk },
    );
    expect(a.status).toBe(201);
    expect(a.body.stages).toMatchObject([
      { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09', publishBy: '2017-02-01', meetingId: m.csp1, meetingStatus: 'scheduled' },
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-09', publishBy: '2017-03-01', meetingId: m.cab1, meetingStatus: 'scheduled' },
    ]);
    runA = a.body.runId;

    const b = await t.api.post(
      '/api/runs',
      {
        plan: { title: titleB, author: authorB },
        stages: [{ id: 'cabinet', meetingId: m.cab1 }],
        signoffs: [{ area: 'Equalities', officer: sarah }],
      },
      { as: clerk2 },
    );
    expect(b.status).toBe(201);
    runB = b.body.runId;
    expect(b.body.signoffs[0].dueBy).toBe('2017-02-22');

    // A stage typed by date shows both fields as null.
    const typed = await t.api.post(
      '/api/runs',
      { plan: { title: 'Typed plan', author: authorB }, stages: [{ id: 'c', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' }] },
      { as: clerk },
    );
    expect(typed.body.stages[0]).toMatchObject({ meetingId: null, meetingStatus: null });
    await settle(t);

    // The runs list finds a run by the calendar body's id of a stage, as by the body's name.
    const ids = async (query: string) => ((await t.api.get(`/api/runs?${query}`, { as: clerk })).body.runs as any[]).map((r) => r.runId);
    expect(await ids('body=csp')).toEqual([runA]);
    expect(await ids(`body=${encodeURIComponent('Community Safety Partnership')}`)).toEqual([runA]);
  });

  it('refuses a stage at a meeting that is not on the calendar, or out of order, on stages.N.meetingId', async () => {
    const res = await t.api.post(
      '/api/runs',
      { plan: { title: 'Refused', author: authorB }, stages: [{ id: 'cab', meetingId: m.cab1 }, { id: 'x', meetingId: 'no-such-meeting' }, { id: 'csp', meetingId: m.csp1 }] },
      { as: clerk },
    );
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields).sort()).toEqual(['stages.1.meetingId', 'stages.2.meetingId']);
    expect(res.body.error.fields['stages.1.meetingId']).toBe('no-such-meeting is not a meeting on the calendar');
    // The date rule broken, in words, on the meeting the clerk named.
    expect(res.body.error.fields['stages.2.meetingId']).toMatch(/^the meeting on 2017-02-09 is before the meeting of the previous stage \(\w+ on 2017-03-09\)$/);
  });

  it("lists the meeting's reports from the runs at it", async () => {
    const res = await t.api.get(`/api/meetings/${m.cab1}`, { as: reader });
    expect(res.status).toBe(200);
    expect(sorted(res.body.reports.map((r: any) => `${r.title}|${r.stageId}|${r.publishBy}|${r.published}`))).toEqual(
      sorted([`${titleA}|cabinet|2017-03-01|false`, `${titleB}|cabinet|2017-03-01|false`]),
    );
  });

  it('moves both runs with the meeting: dates recomputed, each person e-mailed the new dates once', async () => {
    const before = await t.emails();
    const res = await t.api.patch(`/api/meetings/${m.cab1}`, { date: '2017-03-16' }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ date: '2017-03-16', time: '10:00', publishBy: '2017-03-08' });
    await settle(t);

    const a = (await t.api.get(`/api/runs/${runA}`, { as: reader })).body;
    expect(a.stages[1]).toMatchObject({ meetingDate: '2017-03-16', publishBy: '2017-03-08', meetingStatus: 'scheduled' });
    expect(a.signoffs.map((s: any) => [s.area, s.dueBy])).toEqual([
      ['Finance', '2017-01-25'],
      ['Legal', '2017-03-01'],
    ]);
    const b = (await t.api.get(`/api/runs/${runB}`, { as: reader })).body;
    expect(b.stages[0]).toMatchObject({ meetingDate: '2017-03-16', publishBy: '2017-03-08' });
    expect(b.signoffs[0].dueBy).toBe('2017-03-01');
    expect(b.events.some((e: any) => e.what.includes('moved from 2017-03-09 to 2017-03-16') && e.who.email === clerk.email)).toBe(true);

    const sent = (await t.emails()).slice(before.length);
    const movedA = about(sent, titleA, 'Meeting moved');
    const movedB = about(sent, titleB, 'Meeting moved');
    expect(movedA.map(recipientsOf).map(sorted)).toEqual([sorted([authorA.email, clerk.email, keith.email])]);
    expect(movedB.map(recipientsOf).map(sorted)).toEqual([sorted([authorB.email, clerk2.email, sarah.email])]);
    expect(mentionsDate(wordsOf(movedA[0]), '2017-03-16') && mentionsDate(wordsOf(movedA[0]), '2017-03-08') && mentionsDate(wordsOf(movedA[0]), '2017-03-01')).toBe(true);

    // The same PATCH again changes nothing and e-mails nobody.
    const again = await t.api.patch(`/api/meetings/${m.cab1}`, { date: '2017-03-16' }, { as: clerk });
    expect(again.status).toBe(200);
    await settle(t);
    expect(about((await t.emails()).slice(before.length), titleA, 'Meeting moved')).toHaveLength(1);
  });

  it('refuses a bad meeting change naming the fields', async () => {
    const both = await t.api.patch(`/api/meetings/${m.cab1}`, { date: '2017-03-17', status: 'cancelled' }, { as: clerk });
    expect(both.status).toBe(400);
    expect(Object.keys(both.body.error.fields)).toEqual(['status']);
    const past = await t.api.patch(`/api/meetings/${m.cab1}`, { date: '2016-03-17' }, { as: clerk });
    expect(past.status).toBe(400);
    expect(Object.keys(past.body.error.fields)).toEqual(['date']);
    expect((await t.api.patch(`/api/meetings/${m.cab1}`, { date: '2017-03-17' }, { as: reader })).status).toBe(403);
    expect((await t.api.patch('/api/meetings/nothing-here', { date: '2017-03-17' }, { as: clerk })).status).toBe(404);
  });

  it('a cancelled meeting leaves the stage needing one; the clerk is told the next that fits, and picks it', async () => {
    const before = await t.emails();
    const res = await t.api.patch(`/api/meetings/${m.csp1}`, { status: 'cancelled' }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('cancelled');
    await settle(t);
    const a = (await t.api.get(`/api/runs/${runA}`, { as: reader })).body;
    expect(a.stages[0]).toMatchObject({ meetingId: m.csp1, meetingStatus: 'cancelled', meetingDate: '2017-02-09' });

    const needed = about((await t.emails()).slice(before.length), titleA, 'A new meeting is needed');
    expect(needed.map(recipientsOf)).toEqual([[clerk.email]]);
    expect(mentionsDate(wordsOf(needed[0]), '2017-02-23')).toBe(true);
    expect(wordsOf(needed[0])).toContain(m.csp2);

    // A cancelled meeting cannot be picked; the proposed one can.
    const refused = await t.api.patch(`/api/runs/${runA}/stages/csp`, { meetingId: m.csp1 }, { as: clerk });
    expect(refused.status).toBe(400);
    expect(Object.keys(refused.body.error.fields)).toEqual(['meetingId']);
    const wrongBody = await t.api.patch(`/api/runs/${runA}/stages/csp`, { meetingId: m.cab2 }, { as: clerk });
    expect(Object.keys(wrongBody.body.error.fields)).toEqual(['meetingId']);

    const picked = await t.api.patch(`/api/runs/${runA}/stages/csp`, { meetingId: m.csp2 }, { as: clerk });
    expect(picked.status).toBe(200);
    expect(picked.body.stages[0]).toMatchObject({ meetingId: m.csp2, meetingStatus: 'scheduled', meetingDate: '2017-02-23', publishBy: '2017-02-15' });
    expect(picked.body.signoffs[0]).toMatchObject({ area: 'Finance', dueBy: '2017-02-08' });
    const csp2 = (await t.api.get(`/api/meetings/${m.csp2}`, { as: reader })).body;
    expect(csp2.reports.map((r: any) => r.runId)).toEqual([runA]);
    const csp1 = (await t.api.get(`/api/meetings/${m.csp1}`, { as: reader })).body;
    expect(csp1.reports).toEqual([]);
  });

  it('a move out of the run\'s order leaves the stage needing a meeting, its date unchanged', async () => {
    const before = await t.emails();
    const res = await t.api.patch(`/api/meetings/${m.csp2}`, { date: '2017-03-20' }, { as: clerk });
    expect(res.status).toBe(200);
    await settle(t);
    const a = (await t.api.get(`/api/runs/${runA}`, { as: reader })).body;
    expect(a.stages[0]).toMatchObject({ meetingId: m.csp2, meetingStatus: 'out-of-order', meetingDate: '2017-02-23' });
    const needed = about((await t.emails()).slice(before.length), titleA, 'A new meeting is needed');
    expect(needed.map(recipientsOf)).toEqual([[clerk.email]]);
    expect(wordsOf(needed[0])).toContain('no later Community Safety Partnership meeting');

    // Typed by date instead: the stage leaves the calendar meeting.
    const typed = await t.api.patch(`/api/runs/${runA}/stages/csp`, { meetingDate: '2017-03-02' }, { as: clerk });
    expect(typed.status).toBe(200);
    expect(typed.body.stages[0]).toMatchObject({ meetingId: null, meetingStatus: null, meetingDate: '2017-03-02' });
  });

  it('defers to the next meeting that fits: the stage moves to it on the calendar', async () => {
    const may = await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-05-11' }, { as: clerk });
    const run = await t.api.post('/api/runs', { plan: { title: 'Deferred plan', author: authorB }, stages: [{ id: 'cabinet', meetingId: m.cab2 }] }, { as: clerk });
    expect(run.status).toBe(201);
    await t.advanceClock(london('2017-04-13', '19:00'));
    const refusedDate = await t.api.post(`/api/runs/${run.body.runId}/stages/cabinet/decision`, { outcome: 'deferred', deferTo: 'soon' }, { as: clerk });
    expect(Object.keys(refusedDate.body.error.fields)).toEqual(['deferTo']);
    const res = await t.api.post(`/api/runs/${run.body.runId}/stages/cabinet/decision`, { outcome: 'deferred', deferTo: 'next-meeting' }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.stages[0]).toMatchObject({ meetingDate: '2017-05-11', meetingId: may.body.meetingId, meetingStatus: 'scheduled' });
    expect(res.body.stages[0].decisions[0]).toMatchObject({ outcome: 'deferred', deferTo: '2017-05-11' });
    const reports = (await t.api.get(`/api/meetings/${may.body.meetingId}`, { as: reader })).body.reports;
    expect(reports.map((r: any) => r.runId)).toEqual([run.body.runId]);
    expect((await t.api.get(`/api/meetings/${m.cab2}`, { as: reader })).body.reports.map((r: any) => r.runId)).not.toContain(run.body.runId);
  });
});
