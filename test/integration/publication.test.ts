/**
 * Publication is recorded, not assumed, through the HTTP API only: the clerk records each agenda's despatch
 * (`POST .../stages/{stageId}/publication`); a report cleared by then is published for its meeting, one that is not
 * is a late item until the chair's agreement is recorded (`POST .../late-item`). What is missed or late comes from
 * facts only: a meeting held without its decision recorded makes that decision late, not the stages after it.
 * A meeting whose publication deadline has gone is refused at the start and on a move unless it is a late item,
 * and a sign-off asked again after a revision is never due in the past.
 */
import type { TestStack } from '../support/localStack';
import { eventsBy, expectRefused, settle } from './support/api';
import { duplicateEmails, emailsAbout, emailsTo, mentionsDate, wordsOf } from './support/emails';
import { pageClient, sectionOf, textOf } from './support/pageClient';
import { as, person } from './support/people';
import { agreeLateItem, clearedEmails, missedEmails, publishOnDeadline, recordPublication, stageOf } from './support/publication';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Anna Marsh', 'anna.marsh@maidstone.example.gov.uk');
const legal = person('Russell Fitzpatrick', 'russell.fitzpatrick@maidstone.example.gov.uk');
const clerk = as(person('Caroline Matthews', 'caroline.matthews@maidstone.example.gov.uk'), 'clerk');
const manager = as(person('Angela Woodhouse', 'angela.woodhouse@maidstone.example.gov.uk'), 'manager');
const asLegal = as(legal, 'officer');
const asAuthor = as(author, 'author');
const chair = { name: 'Cllr Paul Harper', role: 'Chairman of the Communities, Housing and Environment Committee' };

/** A run of Maidstone's Community Safety Plan: the partnership, the committee, Council; Legal signs before the committee. */
function plan(title: string, stages: Array<[id: string, body: string, kind: string, meetingDate: string]>, signoffs = [{ area: 'Legal', officer: legal, requiredBefore: 'committee' }]) {
  return {
    plan: { title, author },
    stages: stages.map(([id, body, kind, meetingDate]) => ({ id, body, kind, meetingDate })),
    signoffs,
  };
}

const PARTNERSHIP = ['csp', 'Community Safety Partnership', 'partnership'] as const;
const COMMITTEE = ['committee', 'Communities, Housing and Environment Committee', 'committee'] as const;
const COUNCIL = ['council', 'Full Council', 'council'] as const;

async function startRun(t: TestStack, body: unknown): Promise<string> {
  const res = await t.api.post('/api/runs', body, { as: clerk });
  if (res.status !== 201) throw new Error(`The run was not started: ${res.status} ${JSON.stringify(res.body)}`);
  await settle(t);
  return res.body.runId;
}

const getRun = async (t: TestStack, runId: string) => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
/** The run as the runs list shows it (with `rag`). */
const listed = async (t: TestStack, runId: string) => (await t.api.get('/api/runs', { as: manager })).body.runs.find((r: any) => r.runId === runId);

describe('publication recorded by the clerk', () => {
  let t: TestStack;
  afterEach(async () => {
    expect(duplicateEmails(await t.emails())).toEqual([]);
  });
  afterAll(async () => {
    await stopStack(t);
  });

  describe('a cleared report', () => {
    const title = 'Maidstone Community Safety Plan 2017-18';
    let runId: string;

    beforeAll(async () => {
      t = await startStackAt('2017-01-09');
      // Committee Tue 21 Mar 2017: publish by Mon 13 Mar; Legal due Mon 6 Mar.
      runId = await startRun(t, plan(title, [[...COMMITTEE, '2017-03-21'], [...COUNCIL, '2017-04-26']]));
    });

    it('is waiting while its sign-off is out, and cleared (author and clerk told, once) when it is in', async () => {
      expect((await stageOf(t, clerk, runId, 'committee')).publication).toEqual({ status: 'waiting', publishedOn: null, agendaUrl: null });
      expect(clearedEmails(await t.emails())).toEqual([]);
      await t.advanceClock(london('2017-03-01', '11:00'));
      const legalId = (await getRun(t, runId)).signoffs[0].id;
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: asLegal })).status).toBe(200);
      await settle(t);
      const cleared = clearedEmails(await t.emails());
      expect(cleared.map((e) => [[...e.to].sort(), e.sentAt])).toEqual([
        [[author.email, clerk.email].sort(), london('2017-03-01', '11:00')],
        [[author.email, clerk.email].sort(), london('2017-03-01', '11:00')],
      ]);
      expect(cleared.filter((e) => e.subject.includes('Communities, Housing and Environment Committee, Tuesday 21 March 2017'))).toHaveLength(1);
      expect(mentionsDate(wordsOf(cleared.find((e) => e.subject.includes('Committee'))!), '2017-03-13')).toBe(true);
      const run = await getRun(t, runId);
      expect(run.stages.map((s: any) => [s.id, s.status, s.publishedAt, s.publication.status])).toEqual([
        ['committee', 'awaiting-publication', null, 'cleared'],
        ['council', 'pending', null, 'cleared'],
      ]);
    });

    it('is not published on its deadline day until the clerk records the despatch', async () => {
      await t.advanceClock(london('2017-03-13', '08:00'));
      expect(await stageOf(t, clerk, runId, 'committee')).toMatchObject({ publishedAt: null, publication: { status: 'cleared', publishedOn: null } });
    });

    it('refuses a despatch in the future, by anyone but a clerk, or for a stage not stored, and stores nothing', async () => {
      const publication = (body: unknown, caller = clerk, stageId = 'committee') => () => t.api.post(`/api/runs/${runId}/stages/${stageId}/publication`, body, { as: caller });
      await expectRefused(t, clerk, [runId], publication({ publishedOn: '2017-03-14' }), { status: 400, code: 'invalid-input', fields: ['publishedOn'] });
      await expectRefused(t, clerk, [runId], publication({ publishedOn: '2017-03-13', agendaUrl: 'javascript:alert(1)' }), { status: 400, code: 'invalid-input', fields: ['agendaUrl'] });
      await expectRefused(t, clerk, [runId], publication({ publishedOn: '2017-03-13' }, asAuthor), { status: 403, code: 'forbidden' });
      await expectRefused(t, clerk, [runId], publication({ publishedOn: '2017-03-13' }, clerk, 'cabinet'), { status: 404, code: 'not-found' });
    });

    it('is published for its meeting once recorded: the day, the agenda and who recorded it', async () => {
      await t.advanceClock(london('2017-03-13', '10:30'));
      const agendaUrl = 'https://meetings.maidstone.example.gov.uk/ieListDocuments.aspx?CId=563&MId=2817';
      const res = await recordPublication(t, clerk, runId, 'committee', { publishedOn: '2017-03-13', agendaUrl });
      const stage = res.body.stages.find((s: any) => s.id === 'committee');
      expect(stage).toMatchObject({
        status: 'published',
        publishedAt: london('2017-03-13', '10:30'),
        publication: { status: 'published', publishedOn: '2017-03-13', agendaUrl },
        lateItem: null,
      });
      expect(eventsBy(res.body, clerk.email).map((e) => e.what)).toContainEqual(
        expect.stringMatching(/^Recorded the publication of the report with the agenda for the Communities, Housing and Environment Committee on Tuesday 21 March 2017/),
      );
      // Once per meeting: the same despatch again is a conflict.
      await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/stages/committee/publication`, { publishedOn: '2017-03-13' }, { as: clerk }), {
        status: 409,
        code: 'conflict',
      });
      await settle(t);
      expect(await listed(t, runId)).toMatchObject({ rag: { status: 'green', reasons: [] } });
      // The cleared e-mail is not sent again, and no deadline was missed.
      expect(clearedEmails(await t.emails())).toHaveLength(2);
      expect(missedEmails(await t.emails())).toEqual([]);
    });

    it('shows on the meetings page as published', async () => {
      const rows = textOf(sectionOf((await pageClient(t).get('/meetings', manager)).html, 'meetings'));
      expect(rows).toContain(`Tuesday 21 March 2017 Communities, Housing and Environment Committee ${title} Monday 13 March 2017 Published`);
      expect(rows).toContain(`Wednesday 26 April 2017 Full Council ${title} Tuesday 18 April 2017 Not yet published`);
    });
  });

  describe('an agenda despatched before the sign-offs are in', () => {
    const title = 'Maidstone Community Safety Strategic Assessment 2017';
    let runId: string;
    const meetingsRow = async () =>
      (await pageClient(t).get('/meetings', manager)).html
        .split('<tr')
        .map((r) => textOf(`<tr${r}`))
        .find((r) => r.startsWith('Tuesday 21 March 2017'));

    beforeAll(async () => {
      await stopStack(t);
      t = await startStackAt('2017-01-09');
      runId = await startRun(t, plan(title, [[...COMMITTEE, '2017-03-21'], [...COUNCIL, '2017-04-26']]));
    });

    it('leaves the report a late item, not published, and the run late until the chair agrees', async () => {
      await t.advanceClock(london('2017-03-13', '10:00'));
      const res = await recordPublication(t, clerk, runId, 'committee', { publishedOn: '2017-03-13' });
      const stage = res.body.stages.find((s: any) => s.id === 'committee');
      expect(stage).toMatchObject({ publishedAt: null, publication: { status: 'late-item', publishedOn: '2017-03-13' }, lateItem: null });
      expect(eventsBy(res.body, clerk.email).map((e) => e.what)).toContainEqual(
        expect.stringMatching(/^Recorded the despatch of the agenda for the Communities, Housing and Environment Committee on Tuesday 21 March 2017 without this report: it is a late item/),
      );
      await settle(t);
      expect((await listed(t, runId)).rag).toEqual({
        status: 'red',
        reasons: expect.arrayContaining([
          "The agenda for the Communities, Housing and Environment Committee went without the report: record the chair's agreement to take it as a late item, or move it",
        ]),
      });
      // Its deadline has gone by design: no "publication deadline missed" for it, and the meetings page says late item.
      await t.advanceClock(london('2017-03-15', '09:00'));
      expect(missedEmails(await t.emails())).toEqual([]);
      expect(await meetingsRow()).toBe(`Tuesday 21 March 2017 Communities, Housing and Environment Committee ${title} Monday 13 March 2017 Late item`);
    });

    it("records the chair's agreement once the sign-off is in: the audit trail says who agreed and why", async () => {
      const legalId = (await getRun(t, runId)).signoffs[0].id;
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: asLegal })).status).toBe(200);
      const reason = 'The plan must be agreed before the partnership’s funding bid closes on 31 March';
      const bad = await t.api.post(`/api/runs/${runId}/stages/committee/late-item`, { reason }, { as: clerk });
      expect([bad.status, Object.keys(bad.body.error.fields)]).toEqual([400, ['agreedBy']]);
      const res = await agreeLateItem(t, clerk, runId, 'committee', reason, chair);
      const stage = res.body.stages.find((s: any) => s.id === 'committee');
      // Going to its meeting as an agreed late item: never called published.
      expect(stage).toMatchObject({ status: 'late-item-agreed', publishedAt: null, publication: { status: 'late-item' }, lateItem: { reason, agreedBy: chair, meetingDate: '2017-03-21' } });
      expect(eventsBy(res.body, clerk.email).map((e) => e.what)).toContainEqual(
        `Recorded that ${chair.name} (${chair.role}) agreed to take the report to the Communities, Housing and Environment Committee on Tuesday 21 March 2017 as a late item: ${reason}`,
      );
      await settle(t);
      const rag = (await listed(t, runId)).rag;
      expect(rag.status).not.toBe('red');
      expect(rag.reasons.join('\n')).not.toMatch(/late item|went without the report/);
      expect(await meetingsRow()).toBe(`Tuesday 21 March 2017 Communities, Housing and Environment Committee ${title} Monday 13 March 2017 Agreed late item`);
      // The meeting takes it: the decision is recorded as any other.
      await t.advanceClock(london('2017-03-21', '20:00'));
      expect((await t.api.post(`/api/runs/${runId}/stages/committee/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
      await settle(t);
      expect((await getRun(t, runId)).currentStage).toBe('council');
    });
  });

  describe('a run stuck after its first meeting (held, no decision recorded, weeks pass)', () => {
    const title = 'Maidstone Safer Streets Plan 2017';
    let runId: string;

    beforeAll(async () => {
      await stopStack(t);
      t = await startStackAt('2017-01-09');
      // Partnership Thu 9 Feb (publish by Wed 1 Feb); committee Tue 21 Mar (by Mon 13 Mar); Council Wed 26 Apr.
      runId = await startRun(t, plan(title, [[...PARTNERSHIP, '2017-02-09'], [...COMMITTEE, '2017-03-21'], [...COUNCIL, '2017-04-26']]));
      await publishOnDeadline(t, clerk, runId, 'csp');
      const legalId = (await getRun(t, runId)).signoffs[0].id;
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: asLegal })).status).toBe(200);
      // The partnership meets on 9 February; nobody records what it decided. Five weeks on, past the committee's deadline:
      await t.advanceClock(london('2017-03-20', '09:00'));
    });

    it('shows nothing published that was not recorded', async () => {
      const run = await getRun(t, runId);
      expect(run.stages.map((s: any) => [s.id, s.status, s.publishedAt === null, s.publication.status])).toEqual([
        ['csp', 'awaiting-decision', false, 'published'],
        ['committee', 'pending', true, 'cleared'],
        ['council', 'pending', true, 'cleared'],
      ]);
      // The run page: the partnership's report published on the day recorded, the others not started.
      const pages = pageClient(t);
      const timetable = textOf(sectionOf((await pages.get(`/runs/${runId}`, manager)).html, 'timetable'));
      expect(timetable.match(/Published/g)).toEqual(['Published']);
      expect(timetable).toContain('Thursday 9 February 2017 Wednesday 1 February 2017 Published Wednesday 1 February 2017 Awaiting decision');
      expect(timetable).toContain('Tuesday 21 March 2017 Monday 13 March 2017 Not started');
      // The meetings page: the committee's deadline is not "missed" while the run cannot reach it.
      const meetings = textOf(sectionOf((await pages.get('/meetings', manager)).html, 'meetings'));
      expect(meetings).toContain(`Tuesday 21 March 2017 Communities, Housing and Environment Committee ${title} Monday 13 March 2017 Not yet published`);
      expect(meetings).not.toMatch(/Deadline missed|Published/);
    });

    it('sends no "publication deadline missed" for the stages it cannot reach, but asks for the decision', async () => {
      const emails = emailsAbout(await t.emails(), title);
      expect(missedEmails(emails)).toEqual([]);
      const asked = emailsTo(emails, clerk.email).filter((e) => e.subject.startsWith('Record the decision'));
      expect(asked.map((e) => [e.subject, e.sentAt])).toEqual([[`Record the decision: Community Safety Partnership, Thursday 9 February 2017 – ${title}`, london('2017-02-10')]]);
    });

    it('is late because the decision is not recorded, and for nothing the run cannot reach yet', async () => {
      const run = await listed(t, runId);
      expect(run.rag).toEqual({ status: 'red', reasons: ['The decision of the Community Safety Partnership on Thursday 9 February 2017 is not recorded'] });
      expect(run.nextDeadline).toBeNull();
    });
  });

  describe('a deferral of a report that went out on time', () => {
    const title = 'Maidstone Community Safety Partnership Plan 2017-18';
    let runId: string;

    beforeAll(async () => {
      await stopStack(t);
      t = await startStackAt('2017-01-09');
      runId = await startRun(t, plan(title, [[...COMMITTEE, '2017-03-21'], [...COUNCIL, '2017-04-26']], []));
      // Nothing gates it: cleared from the start, despatched on its deadline, Monday 13 March.
      expect(await publishOnDeadline(t, clerk, runId, 'committee')).toMatchObject({ publication: { status: 'published', publishedOn: '2017-03-13' } });
    });

    it('is not flagged "published after its deadline" when the meeting defers it', async () => {
      await t.advanceClock(london('2017-03-21', '20:00'));
      // Tue 4 April: publish by Mon 27 March.
      const res = await t.api.post(`/api/runs/${runId}/stages/committee/decision`, { outcome: 'deferred', deferTo: '2017-04-04' }, { as: clerk });
      expect(res.status).toBe(200);
      const stage = res.body.stages.find((s: any) => s.id === 'committee');
      // What went out was for 21 March: for 4 April the report is cleared, to go with that agenda.
      expect(stage).toMatchObject({ meetingDate: '2017-04-04', publishBy: '2017-03-27', publication: { status: 'cleared', publishedOn: null, agendaUrl: null } });
      await settle(t);
      const rag = (await listed(t, runId)).rag;
      expect(rag.reasons.join('\n')).not.toMatch(/after its deadline/);
      expect(rag.status).toBe('green');
    });

    it('is published for the new meeting when that despatch is recorded, still not flagged', async () => {
      expect(await publishOnDeadline(t, clerk, runId, 'committee')).toMatchObject({ publication: { status: 'published', publishedOn: '2017-03-27' } });
      await settle(t);
      expect((await listed(t, runId)).rag).toEqual({ status: 'green', reasons: [] });
      expect(missedEmails(await t.emails())).toEqual([]);
      // Cleared once for each meeting date.
      expect(clearedEmails(emailsAbout(await t.emails(), title)).map((e) => e.subject.split(' – ')[1]).sort()).toEqual([
        'Communities, Housing and Environment Committee, Tuesday 21 March 2017',
        'Communities, Housing and Environment Committee, Tuesday 4 April 2017',
        'Full Council, Wednesday 26 April 2017',
      ]);
    });
  });

  describe('a meeting whose publication deadline has already passed', () => {
    const title = 'Maidstone Domestic Abuse Action Plan 2017';
    let runId: string;

    beforeAll(async () => {
      await stopStack(t);
      // Monday 9 January 2017: a meeting on Thursday 12 January had to be published by Wednesday 4 January; with 5
      // clear working days the earliest that fits is Tuesday 17 January.
      t = await startStackAt('2017-01-09');
    });

    it('is refused when a run starts, on stages.0.meetingDate, naming the deadline and the earliest date', async () => {
      const body = plan(title, [[...COMMITTEE, '2017-01-12'], [...COUNCIL, '2017-02-22']], []);
      const res = await expectRefused(t, clerk, [], () => t.api.post('/api/runs', body, { as: clerk }), {
        status: 400,
        code: 'invalid-input',
        fields: ['stages.0.meetingDate'],
      });
      const message = res.body.error.fields['stages.0.meetingDate'];
      expect(message).toContain('2017-01-04');
      expect(message).toContain('2017-01-17');
      expect(message).toMatch(/late item/);
      // The earliest date it names is taken.
      const earliest = structuredClone(body);
      earliest.stages[0].meetingDate = '2017-01-17';
      const ok = await t.api.post('/api/runs', { ...earliest, plan: { ...earliest.plan, title: `${title} (earliest)` } }, { as: clerk });
      expect([ok.status, ok.body.stages[0].publishBy]).toEqual([201, '2017-01-09']);
    });

    it('starts (201) when the stage is marked a late item, waiting for the chair’s agreement', async () => {
      const body: any = plan(title, [[...COMMITTEE, '2017-01-12'], [...COUNCIL, '2017-02-22']], []);
      const reason = 'The committee must consider the plan before the Home Office deadline';
      body.stages[0].lateItem = { reason };
      const res = await t.api.post('/api/runs', body, { as: clerk });
      expect(res.status).toBe(201);
      runId = res.body.runId;
      expect(res.body.stages[0]).toMatchObject({ meetingDate: '2017-01-12', publishBy: '2017-01-04', publication: { status: 'late-item' }, lateItem: { reason, agreedBy: null } });
      await settle(t);
      expect((await listed(t, runId)).rag.reasons).toContain("The report for the Communities, Housing and Environment Committee is marked a late item: record the chair's agreement");
      expect(missedEmails(emailsAbout(await t.emails(), title))).toEqual([]);
      const agreed = await agreeLateItem(t, clerk, runId, 'committee', reason, chair);
      expect(agreed.body.stages[0].lateItem).toMatchObject({ reason, agreedBy: chair });
      await settle(t);
      expect((await listed(t, runId)).rag.status).not.toBe('red');
    });

    it('is refused on a PATCH to such a date, on meetingDate, and taken with a late item', async () => {
      const other = await startRun(t, plan(`${title} (moved)`, [[...COMMITTEE, '2017-03-21'], [...COUNCIL, '2017-04-26']], []));
      const res = await expectRefused(t, clerk, [other], () => t.api.patch(`/api/runs/${other}/stages/committee`, { meetingDate: '2017-01-12' }, { as: clerk }), {
        status: 400,
        code: 'invalid-input',
        fields: ['meetingDate'],
      });
      expect(res.body.error.fields.meetingDate).toContain('2017-01-04');
      expect(res.body.error.fields.meetingDate).toContain('2017-01-17');
      const reason = 'Brought forward at the chair’s request';
      const moved = await t.api.patch(`/api/runs/${other}/stages/committee`, { meetingDate: '2017-01-12', lateItem: { reason } }, { as: clerk });
      expect(moved.status).toBe(200);
      expect(moved.body.stages[0]).toMatchObject({ meetingDate: '2017-01-12', publishBy: '2017-01-04', publication: { status: 'late-item' }, lateItem: { reason, agreedBy: null } });
    });
  });

  describe('a sign-off asked again after a revision', () => {
    const title = 'Maidstone Community Safety Plan 2017-18 (revised)';
    let runId: string;

    beforeAll(async () => {
      await stopStack(t);
      t = await startStackAt('2017-01-09');
      runId = await startRun(t, plan(title, [[...COMMITTEE, '2017-03-21'], [...COUNCIL, '2017-04-26']]));
    });

    it('is due no earlier than the day it is asked, never in the past', async () => {
      await t.advanceClock(london('2017-03-01', '10:00'));
      const legalId = (await getRun(t, runId)).signoffs[0].id;
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: asLegal })).status).toBe(200);
      // Thursday 9 March: the report changes. Five working days before the committee's deadline (13 March) was 6 March.
      await t.advanceClock(london('2017-03-09', '14:00'));
      expect((await t.api.post(`/api/runs/${runId}/revisions`, { summary: 'New section on knife crime', invalidates: [legalId] }, { as: asAuthor })).status).toBe(200);
      await settle(t);
      const run = await getRun(t, runId);
      expect(run.signoffs[0]).toMatchObject({ status: 'requested', dueBy: '2017-03-09' });
      for (const so of run.signoffs.filter((s: any) => s.status === 'requested')) expect(so.dueBy >= '2017-03-09').toBe(true);
      const again = emailsTo(await t.emails(), legal.email).filter((e) => e.subject.startsWith('Sign-off requested again'));
      expect(again).toHaveLength(1);
      expect(mentionsDate(wordsOf(again[0]), '2017-03-09')).toBe(true);
      // Asked again, the report is waiting for it; signed in time, it is cleared and published as usual.
      expect(run.stages[0].publication.status).toBe('waiting');
      await t.advanceClock(london('2017-03-10', '09:00'));
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: asLegal })).status).toBe(200);
      expect(await publishOnDeadline(t, clerk, runId, 'committee')).toMatchObject({ publication: { status: 'published', publishedOn: '2017-03-13' } });
    });
  });
});
