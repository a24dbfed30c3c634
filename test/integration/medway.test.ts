/**
 * Medway's Strategic Assessment and Community Safety Plan 2016 to 2020 (shared/seeds), driven through the HTTP
 * API only: the committee acting as the Crime and Disorder Committee, then Full Council (21 July 2016), which
 * delegates the final text to the Director; then the seed's own report, taken to the Health and Wellbeing Board
 * on 2 February 2017 for noting. Expected dates are worked out by hand from docs/API.md.
 */
import type { TestStack } from '../support/localStack';
import { eventsBy, settle, within } from './support/api';
import { addressProblems, duplicateEmails, emailsTo, missingFacts } from './support/emails';
import { as, person, type Person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london, londonDateOf } from './support/time';

const author = person('Tim England', 'tim.england@medway.example.gov.uk');
const director = person('Richard Hicks', 'richard.hicks@medway.example.gov.uk');
const legal = person('Deborah Lane', 'deborah.lane@medway.example.gov.uk');
const finance = person('Phil Watkins', 'phil.watkins@medway.example.gov.uk');
const risk = person('Sunny Ee', 'sunny.ee@medway.example.gov.uk');
const clerk = as(person('Jade Hannam', 'jade.hannam@medway.example.gov.uk'), 'clerk');

const COMMITTEE = 'Overview and Scrutiny Committee (acting as the Crime and Disorder Committee)';

describe("Medway's Strategic Assessment and Community Safety Plan 2016 to 2020", () => {
  let t: TestStack;
  const getRun = async (runId: string) => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
  /** Signs every sign-off still requested (officers other than delegates, through a clerk on their behalf). */
  const signOutstanding = async (runId: string) => {
    for (const so of (await getRun(runId)).signoffs.filter((s: any) => s.status === 'requested' && s.area !== 'Delegated finalisation')) {
      const res = await t.api.post(`/api/runs/${runId}/signoffs/${so.id}`, { result: 'signed' }, { as: clerk });
      expect([so.area, res.status]).toEqual([so.area, 200]);
    }
  };

  beforeAll(async () => {
    t = await startStackAt('2016-05-23');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  describe('the committee, then Full Council with delegated finalisation', () => {
    const title = 'Medway Community Safety Plan 2016 to 2020';
    let runId: string;

    it('starts the run with deadlines in working days before the committee and Council', async () => {
      const res = await t.api.post(
        '/api/runs',
        {
          plan: { title, author, keyDecision: false, classification: 'public' },
          clearDays: { count: 5, excludeNonWorkingDays: true },
          stages: [
            { id: 'committee', body: COMMITTEE, kind: 'committee', meetingDate: '2016-06-21' },
            { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2016-07-21' },
          ],
          signoffs: [
            { area: 'Legal', officer: legal, requiredBefore: 'committee' },
            { area: 'Finance', officer: finance, requiredBefore: 'committee' },
            { area: 'Risk management', officer: risk, requiredBefore: 'council' },
          ],
        },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      runId = res.body.runId;
      // Tue 21 Jun 2016 -> Mon 13 Jun (due Mon 6 Jun); Thu 21 Jul 2016 -> Wed 13 Jul (due Wed 6 Jul).
      expect(res.body.stages.map((s: any) => [s.id, s.meetingDate, s.publishBy])).toEqual([
        ['committee', '2016-06-21', '2016-06-13'],
        ['council', '2016-07-21', '2016-07-13'],
      ]);
      expect(res.body.signoffs.map((s: any) => [s.area, s.dueBy, s.status])).toEqual([
        ['Legal', '2016-06-06', 'requested'],
        ['Finance', '2016-06-06', 'requested'],
        ['Risk management', '2016-07-06', 'requested'],
      ]);

      await settle(t);
      const emails = await t.emails();
      const asked: Array<[Person, string, string, string]> = [
        [legal, COMMITTEE, '2016-06-21', '2016-06-06'],
        [finance, COMMITTEE, '2016-06-21', '2016-06-06'],
        [risk, 'Full Council', '2016-07-21', '2016-07-06'],
      ];
      for (const [officer, stage, meetingDate, dueBy] of asked) {
        const mine = emailsTo(emails, officer.email);
        expect(mine).toHaveLength(1);
        expect(missingFacts(mine[0], { plan: title, stage, meetingDate, date: dueBy })).toEqual([]);
      }
    });

    it('moves on to Full Council when the committee approves the plan with amendments', async () => {
      await t.advanceClock(london('2016-06-01', '10:00'));
      await signOutstanding(runId);
      await t.advanceClock(london('2016-06-21', '21:00'));
      const run = await getRun(runId);
      expect(londonDateOf(run.stages[0].publishedAt) <= '2016-06-13').toBe(true);

      const resolution = 'The Committee noted the strategic assessment and asked that the plan name a lead for each priority.';
      const res = await t.api.post(`/api/runs/${runId}/stages/committee/decision`, { outcome: 'approved-with-amendments', resolution }, { as: clerk });
      expect(res.status).toBe(200);
      expect(res.body.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'approved-with-amendments', resolution })]);
      await settle(t);
      expect((await getRun(runId)).currentStage).toBe('council');
    });

    it('takes the author’s amended report', async () => {
      await t.advanceClock(london('2016-06-24', '10:00'));
      const from = await t.now();
      const res = await t.api.post(
        `/api/runs/${runId}/revisions`,
        { summary: 'Each priority now names its lead agency, as the Committee asked.' },
        { as: as(author, 'author') },
      );
      const to = await t.now();
      expect(res.status).toBe(200);
      expect(res.body.runId).toBe(runId);
      const run = await getRun(runId);
      expect(run.status).toBe('running');
      expect(eventsBy(run, author.email).filter((e) => within(e.when, from, to))).toHaveLength(1);
      await settle(t);
    });

    it('asks the Director to finalise the plan when Full Council delegates it, within 10 working days', async () => {
      await t.advanceClock(london('2016-07-04', '10:00'));
      await signOutstanding(runId);
      await t.advanceClock(london('2016-07-21', '20:30'));
      expect(londonDateOf((await getRun(runId)).stages[1].publishedAt) <= '2016-07-13').toBe(true);

      const resolution = 'Council adopted the plan and delegated authority to the Director of Regeneration, Community and Culture to finalise it.';
      const res = await t.api.post(
        `/api/runs/${runId}/stages/council/decision`,
        { outcome: 'delegated', resolution, delegateTo: director },
        { as: clerk },
      );
      expect(res.status).toBe(200);
      expect(res.body.stages[1].decisions).toEqual([expect.objectContaining({ outcome: 'delegated', resolution })]);

      await settle(t);
      const run = await getRun(runId);
      expect(run.status).toBe('running');
      // Thu 21 Jul 2016 + 10 working days -> Thu 4 Aug 2016.
      const delegated = run.signoffs.filter((s: any) => s.area === 'Delegated finalisation');
      expect(delegated).toEqual([expect.objectContaining({ officer: director, status: 'requested', dueBy: '2016-08-04' })]);

      const mine = emailsTo(await t.emails(), director.email);
      expect(mine).toHaveLength(1);
      expect(missingFacts(mine[0], { plan: title, stage: 'Full Council', meetingDate: '2016-07-21', date: '2016-08-04' })).toEqual([]);
    });

    it('adopts the plan once the Director signs it off', async () => {
      await t.advanceClock(london('2016-08-01', '15:00'));
      const { signoffs } = await getRun(runId);
      const delegated = signoffs.find((s: any) => s.area === 'Delegated finalisation');
      const from = await t.now();
      const res = await t.api.post(
        `/api/runs/${runId}/signoffs/${delegated.id}`,
        { result: 'signed', comment: 'Final text agreed with the Portfolio Holder.' },
        { as: as(director, 'officer') },
      );
      const to = await t.now();
      expect(res.status).toBe(200);
      expect(res.body.signoffs.find((s: any) => s.id === delegated.id)).toMatchObject({ status: 'signed', comment: 'Final text agreed with the Portfolio Holder.' });

      await settle(t);
      const run = await getRun(runId);
      expect(run.status).toBe('adopted');
      expect(eventsBy(run, director.email).filter((e) => within(e.when, from, to))).toHaveLength(1);
      expect((await t.api.get('/api/runs?status=adopted', { as: clerk })).body.runs.map((r: any) => r.runId)).toEqual([runId]);
    });
  });

  describe('the strategic assessment, taken to the Health and Wellbeing Board for noting', () => {
    const title = 'Strategic Assessment and Community Safety Plan 2016 to 2020';
    let runId: string;

    it('asks for the sign-offs due before the Board on 2 February 2017', async () => {
      await t.advanceClock(london('2017-01-09', '09:00'));
      const res = await t.api.post(
        '/api/runs',
        {
          plan: { title, author },
          stages: [{ id: 'hwb', body: 'Health and Wellbeing Board', kind: 'board', meetingDate: '2017-02-02' }],
          signoffs: [
            { area: 'Legal', officer: legal },
            { area: 'Finance', officer: finance },
          ],
        },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      runId = res.body.runId;
      // Thu 2 Feb 2017 -> Wed 25 Jan; due Wed 18 Jan.
      expect(res.body.stages.map((s: any) => s.publishBy)).toEqual(['2017-01-25']);
      expect(res.body.signoffs.map((s: any) => [s.area, s.requiredBefore, s.dueBy])).toEqual([
        ['Legal', 'hwb', '2017-01-18'],
        ['Finance', 'hwb', '2017-01-18'],
      ]);
      await settle(t);
      const emails = (await t.emails()).filter((e) => e.sentAt >= london('2017-01-09', '09:00'));
      for (const officer of [legal, finance]) {
        const mine = emailsTo(emails, officer.email);
        expect(mine).toHaveLength(1);
        expect(missingFacts(mine[0], { plan: title, stage: 'Health and Wellbeing Board', meetingDate: '2017-02-02', date: '2017-01-18' })).toEqual([]);
      }
    });

    it('ends the run as noted when the Board notes the report', async () => {
      await t.advanceClock(london('2017-01-12', '10:00'));
      await signOutstanding(runId);
      await t.advanceClock(london('2017-02-02', '16:00'));
      const res = await t.api.post(
        `/api/runs/${runId}/stages/hwb/decision`,
        { outcome: 'noted', resolution: 'The Board noted the strategic assessment and the Community Safety Plan.' },
        { as: clerk },
      );
      expect(res.status).toBe(200);
      await settle(t);
      expect((await getRun(runId)).status).toBe('noted');
      expect((await t.api.get('/api/runs?status=noted', { as: clerk })).body.runs.map((r: any) => r.runId)).toEqual([runId]);
    });
  });

  describe('all along', () => {
    it('never sends two e-mails with the same recipients, subject and body, and sends each to bare addresses', async () => {
      expect(duplicateEmails(await t.emails())).toEqual([]);
      expect(addressProblems(await t.emails())).toEqual([]);
    });
  });
});
