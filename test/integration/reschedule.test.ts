/**
 * Rescheduled meetings, through the HTTP API only: the clerk moves a meeting (the current stage's, then a later
 * one's) and every deadline follows: the publication deadline, the sign-offs' due dates and when an unanswered
 * sign-off is escalated. Also clear days counted on the calendar rather than in working days.
 */
import type { TestStack } from '../support/localStack';
import { eventsBy, expectRefused, settle, within } from './support/api';
import { addressProblems, duplicateEmails, emailsTo, wordsOf } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { publishOnDeadline } from './support/publication';
import { london } from './support/time';

const author = person('Sarah Wilkinson', 'sarah.wilkinson@gravesham.example.gov.uk');
const legal = person('Ben Doyle', 'ben.doyle@gravesham.example.gov.uk');
const finance = person('Tina Brooks', 'tina.brooks@gravesham.example.gov.uk');
const clerk = as(person('Kevin Rowe', 'kevin.rowe@gravesham.example.gov.uk'), 'clerk');
const title = 'Gravesham Community Safety Partnership Plan 2017-18';

describe('rescheduled meetings', () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startStackAt('2017-02-20');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  describe('with 10 clear days counted on the calendar', () => {
    it('publishes by the last working day leaving 10 clear calendar days, before and after the meeting moves', async () => {
      const res = await t.api.post(
        '/api/runs',
        {
          plan: { title: 'Gravesham Community Safety Strategic Assessment 2017', author },
          clearDays: { count: 10, excludeNonWorkingDays: false },
          stages: [{ id: 'board', body: 'Community Safety Partnership Board', kind: 'partnership', meetingDate: '2017-04-20' }],
          signoffs: [{ area: 'Legal', officer: legal }],
        },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      // Thu 20 Apr less 11 days is Sun 9 Apr: back to Fri 7 Apr; due 5 working days earlier, Fri 31 Mar.
      expect(res.body.stages[0].publishBy).toBe('2017-04-07');
      expect(res.body.signoffs[0].dueBy).toBe('2017-03-31');

      const moved = await t.api.patch(`/api/runs/${res.body.runId}/stages/board`, { meetingDate: '2017-05-02' }, { as: clerk });
      expect(moved.status).toBe(200);
      // Tue 2 May less 11 days is Fri 21 Apr; due Wed 12 Apr (14 and 17 April are bank holidays).
      expect(moved.body.stages[0]).toMatchObject({ meetingDate: '2017-05-02', publishBy: '2017-04-21' });
      expect(moved.body.signoffs[0].dueBy).toBe('2017-04-12');
    });
  });

  describe('with no clear days required', () => {
    it('still publishes before the day of the meeting: the working day before it', async () => {
      const res = await t.api.post(
        '/api/runs',
        {
          plan: { title: 'Gravesham Community Safety Partnership Action Plan 2017-18', author },
          clearDays: { count: 0, excludeNonWorkingDays: true },
          stages: [
            { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-03-16' },
            { id: 'board', body: 'Management Board', kind: 'board', meetingDate: '2017-04-18' },
          ],
        },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      // Tue 18 Apr 2017 follows Easter Monday and Good Friday: the working day before is Thu 13 Apr.
      expect(res.body.stages.map((s: any) => s.publishBy)).toEqual(['2017-03-15', '2017-04-13']);
    });
  });

  describe('a board meeting put back a week and a Council meeting brought forward', () => {
    let runId: string;
    const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    /** E-mails to both the author and the clerk that name Legal: the escalation of the open Legal sign-off. */
    const legalEscalations = async () =>
      emailsTo(emailsTo(await t.emails(), author.email), clerk.email).filter((e) => wordsOf(e).includes('Legal') && wordsOf(e).includes(title));

    it('starts with the board on 22 March and Council on 26 April 2017', async () => {
      const res = await t.api.post(
        '/api/runs',
        {
          plan: { title, author },
          stages: [
            { id: 'cab', body: 'Communities Cabinet Advisory Board', kind: 'advisory', meetingDate: '2017-03-22' },
            { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
          ],
          signoffs: [
            { area: 'Legal', officer: legal },
            { area: 'Finance', officer: finance, requiredBefore: 'council' },
          ],
        },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      runId = res.body.runId;
      // Wed 26 Apr: 25, 24, 21, 20, 19 clear -> Tue 18 Apr; due Fri 7 Apr (Easter in between).
      expect(res.body.stages.map((s: any) => s.publishBy)).toEqual(['2017-03-14', '2017-04-18']);
      expect(res.body.signoffs.map((s: any) => s.dueBy)).toEqual(['2017-03-07', '2017-04-07']);
    });

    it('moves the board to 29 March with its publication deadline and the Legal sign-off’s due date', async () => {
      await t.advanceClock(london('2017-03-01', '10:00'));
      const from = await t.now();
      const res = await t.api.patch(`/api/runs/${runId}/stages/cab`, { meetingDate: '2017-03-29' }, { as: clerk });
      const to = await t.now();
      expect(res.status).toBe(200);
      expect(res.body.stages.find((s: any) => s.id === 'cab')).toMatchObject({ meetingDate: '2017-03-29', publishBy: '2017-03-21' });
      expect(res.body.signoffs.map((s: any) => [s.area, s.dueBy])).toEqual([
        ['Legal', '2017-03-14'],
        ['Finance', '2017-04-07'],
      ]);
      const run = await getRun();
      expect(run.stages.find((s: any) => s.id === 'cab')).toMatchObject({ meetingDate: '2017-03-29', publishBy: '2017-03-21' });
      expect(eventsBy(run, clerk.email).filter((e) => within(e.when, from, to))).toHaveLength(1);
    });

    it('escalates the unanswered Legal sign-off from the day after its new due date, not the old one', async () => {
      await t.advanceClock(london('2017-03-08', '09:00'));
      expect(await legalEscalations()).toEqual([]);
      await t.advanceClock(london('2017-03-14', '23:59'));
      expect(await legalEscalations()).toEqual([]);
      await t.advanceClock(london('2017-03-15', '09:00'));
      expect((await legalEscalations()).length).toBeGreaterThan(0);
    });

    it('brings Council forward to 20 April, and the Finance sign-off with it', async () => {
      const legalId = (await getRun()).signoffs.find((s: any) => s.area === 'Legal').id;
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: as(legal, 'officer') })).status).toBe(200);
      const res = await t.api.patch(`/api/runs/${runId}/stages/council`, { meetingDate: '2017-04-20' }, { as: clerk });
      expect(res.status).toBe(200);
      expect(res.body.stages.find((s: any) => s.id === 'council')).toMatchObject({ meetingDate: '2017-04-20', publishBy: '2017-04-10' });
      expect(res.body.signoffs.find((s: any) => s.area === 'Finance').dueBy).toBe('2017-04-03');
    });

    it('holds the board’s meeting to its new date, and its date once it has decided', async () => {
      // The agenda for the new date goes out on its deadline, the report cleared by then.
      expect(await publishOnDeadline(t, clerk, runId, 'cab')).toMatchObject({ meetingDate: '2017-03-29', publication: { status: 'published', publishedOn: '2017-03-21' } });
      await t.advanceClock(london('2017-03-22', '10:00'));
      await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/stages/cab/decision`, { outcome: 'approved' }, { as: clerk }), {
        status: 409,
        code: 'conflict',
      });
      await t.advanceClock(london('2017-03-29', '10:00'));
      expect((await getRun()).stages[0]).toMatchObject({ status: 'awaiting-decision', publication: { status: 'published', publishedOn: '2017-03-21' } });
      expect((await t.api.post(`/api/runs/${runId}/stages/cab/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
      await settle(t);
      expect((await getRun()).currentStage).toBe('council');
      // A date that would otherwise do (its publication deadline, 4 April, still ahead): refused as decided.
      await expectRefused(t, clerk, [runId], () => t.api.patch(`/api/runs/${runId}/stages/cab`, { meetingDate: '2017-04-12' }, { as: clerk }), {
        status: 409,
        code: 'conflict',
      });
    });

    it('adopts the plan at Council on its new date', async () => {
      await t.advanceClock(london('2017-03-31', '10:00'));
      const financeId = (await getRun()).signoffs.find((s: any) => s.area === 'Finance').id;
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'signed' }, { as: as(finance, 'officer') })).status).toBe(200);
      expect(await publishOnDeadline(t, clerk, runId, 'council')).toMatchObject({ meetingDate: '2017-04-20', publication: { status: 'published', publishedOn: '2017-04-10' } });
      await t.advanceClock(london('2017-04-20', '19:30'));
      expect((await getRun()).stages[1]).toMatchObject({ status: 'awaiting-decision', publication: { status: 'published', publishedOn: '2017-04-10' } });
      expect((await t.api.post(`/api/runs/${runId}/stages/council/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
      await settle(t);
      expect((await getRun()).status).toBe('adopted');
    });

    it('never sends two e-mails with the same recipients, subject and body, and sends each to bare addresses', async () => {
      expect(duplicateEmails(await t.emails())).toEqual([]);
      expect(addressProblems(await t.emails())).toEqual([]);
    });
  });
});
