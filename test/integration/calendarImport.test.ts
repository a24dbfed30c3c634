/**
 * Importing a body's meetings through the HTTP API on the real local stack: the Tunbridge Wells iCalendar file and
 * its Cabinet's Modern.Gov GetMeetings answer, end to end. The same file twice changes nothing; a moved date is a
 * move with its effects on the runs at it; a cancellation leaves their stage needing a meeting; a broken file is
 * a 400 naming what is wrong and stores nothing. A run is started on the imported meetings.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { putStageMeeting } from '../../functions/store/stageMeetings';
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { recipientsOf, wordsOf } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const clerk = as(person('Cleo Clerk', 'cleo.clerk@example.gov.uk'), 'clerk');
const officer = as(person('Olly Officer', 'olly.officer@example.gov.uk'), 'officer');
const terry = person('Terry Hughes', 'terry.hughes@example.gov.uk');
const keith = person('Keith Trowell', 'k.trowell@example.gov.uk');
const title = 'Community Safety Partnership Plan 2017/18';

const fixture = (name: string) => readFileSync(join(__dirname, '../fixtures/calendars', name), 'utf8');
const ics = fixture('tunbridge-wells-2017.ics');
const xml = fixture('tunbridge-wells-cabinet.moderngov.xml');

const BODIES = [
  ['tw-csp', 'Community Safety Partnership', 'partnership'],
  ['tw-management-board', 'Management Board', 'board'],
  ['tw-communities-cab', 'Communities Cabinet Advisory Board', 'advisory'],
  ['tw-overview-scrutiny', 'Overview and Scrutiny Committee', 'scrutiny'],
  ['tw-cabinet', 'Cabinet', 'executive'],
  ['tw-full-council', 'Full Council', 'council'],
] as const;

describe('importing meetings', () => {
  let t: TestStack;
  const importFile = (bodyId: string, text: string, type = 'text/calendar') =>
    t.api.request('POST', `/api/meetings/import?body=${bodyId}`, { as: clerk, body: text, headers: { 'content-type': type } });
  const meetings = async (query = '') => (await t.api.get(`/api/meetings${query}`, { as: officer })).body.meetings as any[];
  const meetingOn = async (bodyId: string, date: string) => (await meetings(`?body=${bodyId}&from=${date}&to=${date}`))[0];

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
    for (const [id, name, kind] of BODIES) {
      expect((await t.api.request('PUT', `/api/bodies/${id}`, { as: clerk, body: { name, kind } })).status).toBe(200);
    }
    await t.api.request('PUT', '/api/bodies/tw-cabinet-mg', { as: clerk, body: { name: 'Cabinet (Modern.Gov)', kind: 'executive' } });
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it("imports each body's meetings from the council-wide iCalendar file", async () => {
    const cabinet = await importFile('tw-cabinet', ics);
    expect(cabinet.status).toBe(200);
    expect(cabinet.body).toMatchObject({ created: 4, moved: 0, cancelled: 0, unchanged: 0, skipped: [] });
    const scrutiny = await importFile('tw-overview-scrutiny', ics);
    expect(scrutiny.body).toMatchObject({ created: 3, moved: 0, cancelled: 0, unchanged: 0 });
    expect(scrutiny.body.skipped).toEqual([{ uid: expect.any(String), reason: expect.stringContaining('nothing to cancel') }]);
    for (const [id] of BODIES.filter(([id]) => id !== 'tw-cabinet' && id !== 'tw-overview-scrutiny')) {
      expect((await importFile(id, ics)).status).toBe(200);
    }
    expect(await meetings()).toHaveLength(21);
    expect(await meetingOn('tw-cabinet', '2017-04-13')).toMatchObject({
      time: '18:30',
      location: 'Council Chamber, Town Hall, Royal Tunbridge Wells, TN1 1RS',
      status: 'scheduled',
      source: { kind: 'ics', uid: 'tw-cabinet-20170413@tunbridgewells.example' },
    });
  });

  it('changes nothing when the same file is imported again', async () => {
    const before = await meetings();
    const again = await importFile('tw-cabinet', ics);
    // The answer is exactly the contract's summary.
    expect(again.body).toEqual({ created: 0, moved: 0, cancelled: 0, unchanged: 4, skipped: [] });
    expect(await meetings()).toEqual(before);
  });

  it('stores a new venue and counts the meeting unchanged: its date, time and status are, so nothing follows', async () => {
    const event = /(UID:tw-cabinet-20170413@[\s\S]*?LOCATION:)[^\r\n]*/;
    expect(ics).toMatch(event);
    const newVenue = ics.replace(event, '$1Civic Suite\\, Town Hall');
    expect((await importFile('tw-cabinet', newVenue)).body).toEqual({ created: 0, moved: 0, cancelled: 0, unchanged: 4, skipped: [] });
    expect(await meetingOn('tw-cabinet', '2017-04-13')).toMatchObject({ location: 'Civic Suite, Town Hall', time: '18:30', status: 'scheduled' });
    expect((await importFile('tw-cabinet', ics)).body).toEqual({ created: 0, moved: 0, cancelled: 0, unchanged: 4, skipped: [] });
    expect((await meetingOn('tw-cabinet', '2017-04-13')).location).toBe('Council Chamber, Town Hall, Royal Tunbridge Wells, TN1 1RS');
  });

  it('refuses broken files, wrong types and unknown bodies with a 400 naming what is wrong, storing nothing', async () => {
    const before = await meetings();
    const broken = await importFile('tw-cabinet', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nDTSTART:2017\r\n');
    expect(broken.status).toBe(400);
    expect(Object.keys(broken.body.error.fields)).toEqual(['body']);
    expect(broken.body.error.fields.body).toMatch(/iCalendar/);
    const notXml = await importFile('tw-cabinet-mg', '<getmeetings><meetings><meeting><meetingid>1</meetingid></meetings>', 'application/xml');
    expect(notXml.status).toBe(400);
    expect(Object.keys(notXml.body.error.fields)).toEqual(['body']);
    const wrongType = await importFile('tw-cabinet', ics, 'application/json');
    expect(wrongType.status).toBe(400);
    expect(Object.keys(wrongType.body.error.fields)).toEqual(['Content-Type']);
    const unknown = await importFile('tw-planning', ics);
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['body']);
    const noBody = await t.api.request('POST', '/api/meetings/import', { as: clerk, body: ics, headers: { 'content-type': 'text/calendar' } });
    expect(Object.keys(noBody.body.error.fields)).toEqual(['body']);
    expect((await t.api.request('POST', '/api/meetings/import?body=tw-cabinet', { as: officer, body: ics, headers: { 'content-type': 'text/calendar' } })).status).toBe(403);
    expect(await meetings()).toEqual(before);
  });

  it('proposes the earliest timetable on the imported calendar, and says why', async () => {
    const author = as(terry, 'author');
    const stages = BODIES.map(([id]) => ({ id: id.replace(/^tw-/, ''), body: id }));
    const res = await t.api.post('/api/plans/propose', { stages }, { as: author });
    expect(res.status).toBe(200);
    expect(res.body.stages.map((s: any) => s.meetingDate)).toEqual(['2017-02-09', '2017-02-15', '2017-03-22', '2017-04-10', '2017-04-13', '2017-04-26']);
    expect(res.body.stages[0]).toMatchObject({ id: 'csp', body: 'tw-csp', publishBy: '2017-02-01', signoffsDueBy: '2017-01-25', meetingId: expect.any(String) });
    expect(res.body.stages[0].why).toMatch(/Community Safety Partnership on .*9 February 2017/);
    expect(res.body.keyDecisionNoticeBy).toBeNull();

    const keyDecision = await t.api.post('/api/plans/propose', { stages: [{ id: 'cabinet', body: 'tw-cabinet' }], keyDecision: true }, { as: clerk });
    // 9 February is 31 days away: it leaves the 28 clear days.
    expect(keyDecision.body.stages[0].meetingDate).toBe('2017-02-09');
    expect(keyDecision.body.keyDecisionNoticeBy).toEqual(expect.any(String));

    const none = await t.api.post('/api/plans/propose', { stages: [{ id: 'cabinet', body: 'tw-cabinet' }], readyBy: '2017-06-01' }, { as: clerk });
    expect(none.status).toBe(409);
    expect(Object.keys(none.body.error.fields)).toEqual(['stages.0.body']);
    const unknown = await t.api.post('/api/plans/propose', { stages: [{ id: 'x', body: 'tw-planning' }] }, { as: clerk });
    expect(unknown.status).toBe(400);
    expect(Object.keys(unknown.body.error.fields)).toEqual(['stages.0.body']);
    // The route's "Cabinet Advisory Board" is not a body of this calendar (it has "Communities Cabinet Advisory Board").
    const route = await t.api.post('/api/plans/propose', { route: 'district-executive' }, { as: clerk });
    expect(route.status).toBe(400);
    expect(route.body.error.fields.route).toContain('Cabinet Advisory Board');
    expect((await t.api.post('/api/plans/propose', { stages }, { as: officer })).status).toBe(403);
  });

  describe('a run on the imported meetings', () => {
    let runId: string;

    beforeAll(async () => {
      const stages = [
        ['csp', 'tw-csp', '2017-02-09'],
        ['mb', 'tw-management-board', '2017-03-01'],
        ['cab', 'tw-communities-cab', '2017-03-22'],
        ['os', 'tw-overview-scrutiny', '2017-04-10'],
        ['cabinet', 'tw-cabinet', '2017-04-13'],
        ['council', 'tw-full-council', '2017-04-26'],
      ];
      const resolved = [];
      for (const [id, bodyId, date] of stages) resolved.push({ id, meetingId: (await meetingOn(bodyId, date)).meetingId });
      const res = await t.api.post(
        '/api/runs',
        { plan: { title, author: terry }, stages: resolved, signoffs: [{ area: 'Legal including Human Rights Act', officer: keith, requiredBefore: 'cabinet' }] },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      runId = res.body.runId;
      expect(res.body.stages.map((s: any) => [s.body, s.meetingDate, s.publishBy])).toEqual([
        ['Community Safety Partnership', '2017-02-09', '2017-02-01'],
        ['Management Board', '2017-03-01', '2017-02-21'],
        ['Communities Cabinet Advisory Board', '2017-03-22', '2017-03-14'],
        ['Overview and Scrutiny Committee', '2017-04-10', '2017-03-31'],
        ['Cabinet', '2017-04-13', '2017-04-05'],
        ['Full Council', '2017-04-26', '2017-04-18'],
      ]);
      await settle(t);
    });

    it('follows a date the file moved: a move with its effects, e-mailed once', async () => {
      const before = await t.emails();
      const moved = ics.replace('DTSTART;TZID=Europe/London:20170413T183000', 'DTSTART;TZID=Europe/London:20170420T183000');
      const res = await importFile('tw-cabinet', moved);
      expect(res.body).toMatchObject({ created: 0, moved: 1, cancelled: 0, unchanged: 3 });
      await settle(t);
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect(run.stages[4]).toMatchObject({ meetingDate: '2017-04-20', publishBy: '2017-04-10', meetingStatus: 'scheduled' });
      expect(run.signoffs[0].dueBy).toBe('2017-04-03');
      const told = (await t.emails()).slice(before.length).filter((e) => e.subject.startsWith('Meeting moved'));
      expect(told.map((e) => recipientsOf(e).sort())).toEqual([[clerk.email, keith.email, terry.email].sort()]);

      // The moved file again: nothing more.
      expect((await importFile('tw-cabinet', moved)).body).toMatchObject({ moved: 0, unchanged: 4 });
    });

    it('brings in line, when the same file is imported again, a run that an earlier failure left behind', async () => {
      const moved = ics.replace('DTSTART;TZID=Europe/London:20170413T183000', 'DTSTART;TZID=Europe/London:20170420T183000');
      const meetingId = (await meetingOn('tw-cabinet', '2017-04-20')).meetingId;
      // As if the run had failed to follow the move: its stage still at the meeting's old date.
      await putStageMeeting({ runId, stageIndex: 4, stageId: 'cabinet', meetingId, meetingStatus: 'scheduled', date: { meetingDate: '2017-04-13', publishBy: '2017-04-05' } });
      expect((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.stages[4].meetingDate).toBe('2017-04-13');
      const before = await t.emails();

      expect((await importFile('tw-cabinet', moved)).body).toEqual({ created: 0, moved: 0, cancelled: 0, unchanged: 4, skipped: [] });
      await settle(t);
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect(run.stages[4]).toMatchObject({ meetingDate: '2017-04-20', publishBy: '2017-04-10', meetingStatus: 'scheduled', meetingId });
      expect(run.signoffs[0].dueBy).toBe('2017-04-03');
      // The move was e-mailed already: once is enough.
      expect((await t.emails()).slice(before.length).filter((e) => e.subject.startsWith('Meeting moved'))).toEqual([]);
    });

    it('follows a cancellation in the file: the stage needs a meeting and the clerk is told', async () => {
      const before = await t.emails();
      const cancelled = ics.replace('UID:tw-council-20170426@tunbridgewells.example', 'UID:tw-council-20170426@tunbridgewells.example\r\nSTATUS:CANCELLED');
      const res = await importFile('tw-full-council', cancelled);
      expect(res.body).toMatchObject({ created: 0, moved: 0, cancelled: 1 });
      await settle(t);
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect(run.stages[5]).toMatchObject({ meetingStatus: 'cancelled', meetingDate: '2017-04-26' });
      const told = (await t.emails()).slice(before.length).filter((e) => e.subject.startsWith('A new meeting is needed'));
      expect(told.map(recipientsOf)).toEqual([[clerk.email]]);
      expect(wordsOf(told[0])).toContain(title);
    });
  });

  it('imports a Modern.Gov GetMeetings answer, again without change, then its moves and cancellations', async () => {
    const first = await importFile('tw-cabinet-mg', xml, 'application/xml');
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ created: 6, moved: 0, cancelled: 0, unchanged: 0 });
    expect(first.body.skipped).toHaveLength(1);
    expect(await meetingOn('tw-cabinet-mg', '2017-04-13')).toMatchObject({ time: '18:30', source: { kind: 'modern-gov', uid: '3104' } });

    const before = await meetings('?body=tw-cabinet-mg');
    expect((await importFile('tw-cabinet-mg', xml, 'text/xml')).body).toMatchObject({ created: 0, moved: 0, cancelled: 0, unchanged: 6 });
    expect(await meetings('?body=tw-cabinet-mg')).toEqual(before);

    const changed = xml
      .replace('<meetingdate>13/04/2017</meetingdate>', '<meetingdate>20/04/2017</meetingdate>')
      .replace(/(<meetingid>3103<\/meetingid>[\s\S]*?<meetingstatus>)Confirmed/, '$1Cancelled');
    expect((await importFile('tw-cabinet-mg', changed, 'application/xml')).body).toMatchObject({ created: 0, moved: 1, cancelled: 1, unchanged: 4 });
    expect(await meetingOn('tw-cabinet-mg', '2017-04-20')).toMatchObject({ source: { uid: '3104' }, status: 'scheduled' });
    expect(await meetingOn('tw-cabinet-mg', '2017-03-09')).toMatchObject({ source: { uid: '3103' }, status: 'cancelled' });
  });
});
