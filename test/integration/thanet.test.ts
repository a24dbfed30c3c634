/**
 * Thanet's Community Safety Plan 2017-20 (shared/seeds), driven through the HTTP API only: the plan's way
 * through Cabinet (14 February 2017), the Overview and Scrutiny Panel (9 March) and Cabinet (23 March), then
 * its 2017 action plan taken to the Community Safety Working Party on 20 July 2017 for noting.
 * Every expected date is worked out by hand from the rules of docs/API.md (5 clear working days, England and
 * Wales bank holidays; sign-offs due 5 working days before publication).
 */
import type { TestStack } from '../support/localStack';
import { eventsBy, expectRefused, settle, within } from './support/api';
import { addressProblems, duplicateEmails, emailsTo, missingFacts } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { clearedEmails, missedEmails, publishOnDeadline, recordPublication } from './support/publication';
import { london } from './support/time';

const author = person('Jessica Bailey', 'jessica.bailey@thanet.example.gov.uk');
const finance = person('Matt Sanham', 'matt.sanham@thanet.example.gov.uk');
const legal = person('Ciara Feeney', 'ciara.feeney@thanet.example.gov.uk');
const communications = person('Hannah Thorpe', 'hannah.thorpe@thanet.example.gov.uk');
const clerk = as(person('Nadia Ward', 'nadia.ward@thanet.example.gov.uk'), 'clerk');
const manager = as(person('Penny Button', 'penny.button@thanet.example.gov.uk'), 'manager');
const stranger = as(person('Owen Pike', 'owen.pike@medway.example.gov.uk'), 'officer', 'author');

describe("Thanet's Community Safety Plan 2017-20", () => {
  let t: TestStack;

  beforeAll(async () => {
    t = await startStackAt('2017-01-16');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  describe('through Cabinet, the Overview and Scrutiny Panel and Cabinet again', () => {
    const title = 'Thanet Community Safety Plan 2017-20';
    let runId: string;
    /** When each action was taken: [clock before, clock after]. */
    const actedAt: Record<string, [string, string]> = {};
    const act = async <T>(name: string, action: () => Promise<T>): Promise<T> => {
      const from = await t.now();
      const result = await action();
      actedAt[name] = [from, await t.now()];
      return result;
    };

    it('starts the run with each meeting’s publication deadline and each sign-off’s due date', async () => {
      const res = await act('start', () =>
        t.api.post(
          '/api/runs',
          {
            plan: { title, author },
            stages: [
              { id: 'cabinet-draft', body: 'Cabinet', kind: 'executive', meetingDate: '2017-02-14' },
              { id: 'scrutiny', body: 'Overview and Scrutiny Panel', kind: 'scrutiny', meetingDate: '2017-03-09' },
              { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-23' },
            ],
            signoffs: [
              { area: 'Finance', officer: finance },
              { area: 'Communications', officer: communications },
              { area: 'Legal', officer: legal, requiredBefore: 'cabinet' },
            ],
          },
          { as: clerk },
        ),
      );
      expect(res.status).toBe(201);
      runId = res.body.runId;
      expect(typeof runId).toBe('string');
      expect(res.body.status).toBe('running');
      // Tue 14 Feb: 13, 10, 9, 8, 7 clear -> Mon 6 Feb; Thu 9 Mar -> Wed 1 Mar; Thu 23 Mar -> Wed 15 Mar.
      expect(res.body.stages.map((s: any) => [s.id, s.body, s.meetingDate, s.publishBy])).toEqual([
        ['cabinet-draft', 'Cabinet', '2017-02-14', '2017-02-06'],
        ['scrutiny', 'Overview and Scrutiny Panel', '2017-03-09', '2017-03-01'],
        ['cabinet', 'Cabinet', '2017-03-23', '2017-03-15'],
      ]);
      // 5 working days before publication; requiredBefore defaults to the first stage.
      expect(res.body.signoffs.map((s: any) => [s.area, s.officer.email, s.dueBy, s.status])).toEqual([
        ['Finance', finance.email, '2017-01-30', 'requested'],
        ['Communications', communications.email, '2017-01-30', 'requested'],
        ['Legal', legal.email, '2017-03-08', 'requested'],
      ]);
      for (const s of res.body.signoffs) expect(typeof s.id).toBe('string');

      const got = await t.api.get(`/api/runs/${runId}`, { as: clerk });
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ runId, status: 'running', currentStage: 'cabinet-draft', plan: { title, author } });
      expect(got.body.signoffs.map((s: any) => s.requiredBefore)).toEqual(['cabinet-draft', 'cabinet-draft', 'cabinet']);
      expect(got.body.plan).toMatchObject({ keyDecision: false, classification: 'public' });
    });

    it('shows every field of a run that the API lists', async () => {
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      for (const field of ['runId', 'plan', 'status', 'currentStage', 'stages', 'signoffs', 'events']) expect([field, field in run]).toEqual([field, true]);
      for (const stage of run.stages) {
        for (const field of ['id', 'body', 'kind', 'meetingDate', 'status', 'publishBy', 'publishedAt', 'decisions']) {
          expect([stage.id, field, field in stage]).toEqual([stage.id, field, true]);
        }
      }
      for (const so of run.signoffs) {
        for (const field of ['id', 'area', 'officer', 'requiredBefore', 'status', 'dueBy', 'signedAt', 'comment']) {
          expect([so.area, field, field in so]).toEqual([so.area, field, true]);
        }
        expect(Object.keys(so.officer).sort()).toEqual(['email', 'name']);
      }
      expect(run.events.length).toBeGreaterThan(0);
      expect(run.stages.map((s: any) => s.kind)).toEqual(['executive', 'scrutiny', 'executive']);
    });

    it('e-mails every sign-off request when the run starts, naming the plan, the stage, the meeting and the due date', async () => {
      await settle(t);
      const emails = await t.emails();
      // Sent by the stack's (virtual) clock, which stood still since the run started.
      expect(emails.map((e) => e.sentAt)).toEqual(emails.map(() => london('2017-01-16', '09:00')));
      const asked = [
        [finance, 'Cabinet', '2017-02-14', '2017-01-30'],
        [communications, 'Cabinet', '2017-02-14', '2017-01-30'],
        [legal, 'Cabinet', '2017-03-23', '2017-03-08'],
      ] as const;
      for (const [officer, stage, meetingDate, dueBy] of asked) {
        const mine = emailsTo(emails, officer.email);
        expect(mine).toHaveLength(1);
        expect(missingFacts(mine[0], { plan: title, stage, meetingDate, date: dueBy })).toEqual([]);
      }
    });

    it('shows the run to its author, its officers and managers, and to nobody else', async () => {
      for (const reader of [as(author, 'author'), as(legal, 'officer'), manager]) {
        const res = await t.api.get(`/api/runs/${runId}`, { as: reader });
        expect([reader.email, res.status, res.body.runId]).toEqual([reader.email, 200, runId]);
      }
      await expectRefused(t, clerk, [runId], () => t.api.get(`/api/runs/${runId}`, { as: stranger }), { status: 403, code: 'forbidden' });
      await expectRefused(t, clerk, [runId], () => t.api.get('/api/runs', { as: as(author, 'author') }), { status: 403, code: 'forbidden' });
    });

    it('lets an officer sign off, or a clerk on their behalf, answering with the run as GET shows it', async () => {
      await t.advanceClock(london('2017-01-20', '11:00'));
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      const idOf = (area: string) => run.signoffs.find((s: any) => s.area === area).id;

      const signed = await act('finance', () =>
        t.api.post(`/api/runs/${runId}/signoffs/${idOf('Finance')}`, { result: 'signed', comment: 'Funded from the CSP grant.' }, { as: as(finance, 'officer') }),
      );
      expect(signed.status).toBe(200);
      expect(signed.body.runId).toBe(runId);
      const got = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect(Object.keys(signed.body).sort()).toEqual(Object.keys(got).sort());
      expect(signed.body.signoffs).toEqual(got.signoffs);
      const financeSignoff = signed.body.signoffs.find((s: any) => s.area === 'Finance');
      expect(financeSignoff).toMatchObject({ status: 'signed', comment: 'Funded from the CSP grant.' });
      expect(within(financeSignoff.signedAt, ...actedAt.finance)).toBe(true);

      const onBehalf = await act('communications', () =>
        t.api.post(`/api/runs/${runId}/signoffs/${idOf('Communications')}`, { result: 'signed' }, { as: clerk }),
      );
      expect(onBehalf.status).toBe(200);
      expect(onBehalf.body.signoffs.find((s: any) => s.area === 'Communications').status).toBe('signed');
      expect(onBehalf.body.signoffs.find((s: any) => s.area === 'Legal').status).toBe('requested');
    });

    it('publishes the report for Cabinet by its deadline once its sign-offs are in', async () => {
      // Finance and Communications were all that Cabinet's (and the panel's) report waited for: cleared on 20 January,
      // the author and the clerk told once for each meeting.
      await settle(t);
      const cleared = clearedEmails(await t.emails());
      expect(cleared.map((e) => [e.subject, [...e.to].sort(), within(e.sentAt, ...actedAt.communications)]).sort()).toEqual(
        [
          [`Report cleared for publication: ${title} – Cabinet, Tuesday 14 February 2017`, [author.email, clerk.email].sort(), true],
          [`Report cleared for publication: ${title} – Overview and Scrutiny Panel, Thursday 9 March 2017`, [author.email, clerk.email].sort(), true],
        ].sort(),
      );
      // Cleared is not published: on its deadline day nothing has gone until the clerk records the agenda's despatch.
      await t.advanceClock(london('2017-02-06', '09:00'));
      const before = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.stages[0];
      expect(before).toMatchObject({ status: 'awaiting-publication', publishedAt: null, publication: { status: 'cleared', publishedOn: null } });
      const agendaUrl = 'https://democracy.thanet.example.gov.uk/ieListDocuments.aspx?MId=5360';
      await act('publish-draft', () => recordPublication(t, clerk, runId, 'cabinet-draft', { publishedOn: '2017-02-06', agendaUrl }));
      await t.advanceClock(london('2017-02-14', '10:00'));
      const stage = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.stages[0];
      expect(stage).toMatchObject({ status: 'awaiting-decision', publication: { status: 'published', publishedOn: '2017-02-06', agendaUrl } });
      expect(within(stage.publishedAt, ...actedAt['publish-draft'])).toBe(true);
      expect(missedEmails(await t.emails())).toEqual([]);
    });

    it('moves on to the Overview and Scrutiny Panel when Cabinet approves the draft', async () => {
      const res = await act('cabinet-draft', () =>
        t.api.post(`/api/runs/${runId}/stages/cabinet-draft/decision`, { outcome: 'approved', resolution: 'Cabinet agreed the draft plan.' }, { as: clerk }),
      );
      expect(res.status).toBe(200);
      expect(res.body.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'approved', resolution: 'Cabinet agreed the draft plan.' })]);
      await settle(t);
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect([run.status, run.currentStage]).toEqual(['running', 'scrutiny']);
    });

    it('moves on to Cabinet when the panel approves the plan with amendments', async () => {
      await act('publish-scrutiny', () => publishOnDeadline(t, clerk, runId, 'scrutiny'));
      await t.advanceClock(london('2017-03-06', '10:00'));
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      const legalId = run.signoffs.find((s: any) => s.area === 'Legal').id;
      const signed = await act('legal', () => t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: as(legal, 'officer') }));
      expect(signed.status).toBe(200);

      await t.advanceClock(london('2017-03-09', '19:30'));
      const resolution = 'The Panel recommended that the plan say more about violent crime in the night time economy.';
      const res = await act('scrutiny', () =>
        t.api.post(`/api/runs/${runId}/stages/scrutiny/decision`, { outcome: 'approved-with-amendments', resolution }, { as: clerk }),
      );
      expect(res.status).toBe(200);
      expect(res.body.stages[1].decisions).toEqual([expect.objectContaining({ outcome: 'approved-with-amendments', resolution })]);
      await settle(t);
      const after = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect([after.status, after.currentStage]).toEqual(['running', 'cabinet']);
    });

    it('adopts the plan when Cabinet approves it at the last stage', async () => {
      await act('publish-cabinet', () => publishOnDeadline(t, clerk, runId, 'cabinet'));
      await t.advanceClock(london('2017-03-23', '10:00'));
      const before = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect(before.stages.map((s: any) => [s.id, s.publication.status, s.publication.publishedOn])).toEqual([
        ['cabinet-draft', 'published', '2017-02-06'],
        ['scrutiny', 'published', '2017-03-01'],
        ['cabinet', 'published', '2017-03-15'],
      ]);
      expect(within(before.stages[2].publishedAt, ...actedAt['publish-cabinet'])).toBe(true);

      const res = await act('cabinet', () => t.api.post(`/api/runs/${runId}/stages/cabinet/decision`, { outcome: 'approved' }, { as: clerk }));
      expect(res.status).toBe(200);
      expect(res.body.stages[2].decisions).toEqual([expect.objectContaining({ outcome: 'approved' })]);
      // The final executive decision takes effect once its call-in period (to Thursday 30 March) has passed.
      expect(res.body.callIn).toEqual({ endsOn: '2017-03-30', status: 'open' });
      await settle(t);
      expect((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.status).toBe('running');
      await t.advanceClock(london('2017-03-31', '09:00'));
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect(run.status).toBe('adopted');
      const ids = async (status?: string) =>
        (await t.api.get(`/api/runs${status ? `?status=${status}` : ''}`, { as: manager })).body.runs.map((r: any) => r.runId);
      expect(await ids('adopted')).toContain(runId);
      expect(await ids('running')).not.toContain(runId);
      expect(await ids()).toContain(runId);
    });

    it('keeps an audit trail of who did what and when', async () => {
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      for (const e of run.events) {
        expect(typeof e.what).toBe('string');
        expect(e.who).toBeTruthy();
        expect(Number.isNaN(Date.parse(e.when))).toBe(false);
      }
      const whens = run.events.map((e: any) => Date.parse(e.when));
      expect(whens).toEqual([...whens].sort((a, b) => a - b));
      const actions: Array<[string, string]> = [
        ['start', clerk.email],
        ['finance', finance.email],
        ['communications', clerk.email],
        ['publish-draft', clerk.email],
        ['cabinet-draft', clerk.email],
        ['publish-scrutiny', clerk.email],
        ['legal', legal.email],
        ['scrutiny', clerk.email],
        ['publish-cabinet', clerk.email],
        ['cabinet', clerk.email],
      ];
      for (const [action, email] of actions) {
        const found = eventsBy(run, email).filter((e) => within(e.when, ...actedAt[action]));
        expect([action, found.length > 0]).toEqual([action, true]);
      }
    });
  });

  describe('the 2017 action plan, taken to the Community Safety Working Party for noting', () => {
    const title = 'Community Safety Partnership Delivery Plan for 2017';
    let runId: string;

    it('asks Finance, Communications and Legal to sign off before the working party on 20 July 2017', async () => {
      await t.advanceClock(london('2017-06-19', '09:00'));
      const res = await t.api.post(
        '/api/runs',
        {
          plan: { title, author, keyDecision: false, classification: 'public' },
          clearDays: { count: 5, excludeNonWorkingDays: true },
          stages: [{ id: 'working-party', body: 'Community Safety Working Party', kind: 'working-party', meetingDate: '2017-07-20' }],
          signoffs: [
            { area: 'Finance', officer: finance },
            { area: 'Communications', officer: communications },
            { area: 'Legal', officer: legal },
          ],
        },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      runId = res.body.runId;
      // Thu 20 Jul: 19, 18, 17, 14, 13 clear -> Wed 12 Jul; 5 working days earlier -> Wed 5 Jul.
      expect(res.body.stages.map((s: any) => s.publishBy)).toEqual(['2017-07-12']);
      expect(res.body.signoffs.map((s: any) => [s.area, s.dueBy, s.status])).toEqual([
        ['Finance', '2017-07-05', 'requested'],
        ['Communications', '2017-07-05', 'requested'],
        ['Legal', '2017-07-05', 'requested'],
      ]);

      await settle(t);
      const emails = (await t.emails()).filter((e) => e.sentAt >= london('2017-06-19', '09:00'));
      for (const officer of [finance, communications, legal]) {
        const mine = emailsTo(emails, officer.email);
        expect(mine).toHaveLength(1);
        expect(missingFacts(mine[0], { plan: title, stage: 'Community Safety Working Party', meetingDate: '2017-07-20', date: '2017-07-05' })).toEqual([]);
      }
    });

    it('records no decision before the meeting has started, London time', async () => {
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      for (const so of run.signoffs) {
        const res = await t.api.post(`/api/runs/${runId}/signoffs/${so.id}`, { result: 'signed' }, { as: as(person(so.officer.name, so.officer.email), 'officer') });
        expect([so.area, res.status]).toEqual([so.area, 200]);
      }
      await publishOnDeadline(t, clerk, runId, 'working-party');
      // 00:00 on 20 July in London is 23:00 UTC the day before (summer time).
      await t.advanceClock('2017-07-19T22:59:59.000Z');
      await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/stages/working-party/decision`, { outcome: 'noted' }, { as: clerk }), {
        status: 409,
        code: 'conflict',
      });
    });

    it('ends the run as noted when the working party notes the report', async () => {
      await t.advanceClock('2017-07-19T23:00:00.000Z');
      const res = await t.api.post(
        `/api/runs/${runId}/stages/working-party/decision`,
        { outcome: 'noted', resolution: 'Members noted the action plan.' },
        { as: clerk },
      );
      expect(res.status).toBe(200);
      expect(res.body.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'noted', resolution: 'Members noted the action plan.' })]);
      await settle(t);
      const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
      expect(run.status).toBe('noted');
      const noted = (await t.api.get('/api/runs?status=noted', { as: clerk })).body.runs.map((r: any) => r.runId);
      expect(noted).toEqual([runId]);
      await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/stages/working-party/decision`, { outcome: 'noted' }, { as: clerk }), {
        status: 409,
        code: 'conflict',
      });
    });
  });

  describe('all along', () => {
    it('never sends two e-mails with the same recipients, subject and body, and sends each to bare addresses', async () => {
      expect(duplicateEmails(await t.emails())).toEqual([]);
      expect(addressProblems(await t.emails())).toEqual([]);
    });

    it('lists every e-mail with its recipients, subject, text, HTML and the instant it was sent', async () => {
      for (const e of await t.emails()) {
        expect(e).toEqual({
          to: expect.any(Array),
          cc: expect.any(Array),
          subject: expect.any(String),
          text: expect.any(String),
          html: expect.any(String),
          sentAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/),
        });
      }
    });
  });
});
