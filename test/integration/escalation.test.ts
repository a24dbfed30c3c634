/**
 * A sign-off left unanswered until it is escalated, through the HTTP API only: Legal has not signed off by its
 * due date (Tuesday 7 March 2017, for a board meeting on 22 March); from the next day the author and the clerk
 * who started the run are told, naming the area. Another clerk, who only signed Finance off on the officer's
 * behalf, is not. The stack restarts on the way: the run and its clock go on where they were.
 */
import type { TestStack } from '../support/localStack';
import { eventsBy, settle } from './support/api';
import { addressProblems, duplicateEmails, emailsAbout, emailsTo, isTo, missingFacts, wordsOf } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london, londonDateOf } from './support/time';

const author = person('Kelly Webb', 'kelly.webb@sevenoaks.example.gov.uk');
const legal = person('Martin Goodman', 'martin.goodman@sevenoaks.example.gov.uk');
const finance = person('Adrian Rowbotham', 'adrian.rowbotham@sevenoaks.example.gov.uk');
const startingClerk = as(person('Vicky Sargeant', 'vicky.sargeant@sevenoaks.example.gov.uk'), 'clerk');
const otherClerk = as(person('Amy Lamb', 'amy.lamb@sevenoaks.example.gov.uk'), 'clerk');
const title = 'Sevenoaks District Community Safety Action Plan 2017-18';
const BOARD = 'Housing and Health Advisory Committee';

describe('a sign-off left unanswered until it is escalated', () => {
  let t: TestStack;
  let runId: string;
  const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: startingClerk })).body;
  /** E-mails about the plan that name Legal and go to the author or a clerk, sent after the due date. */
  const escalations = async () =>
    emailsAbout(await t.emails(), title).filter(
      (e) => e.sentAt >= london('2017-03-08') && wordsOf(e).includes('Legal') && [author.email, startingClerk.email, otherClerk.email].some((a) => isTo(e, a)),
    );

  beforeAll(async () => {
    t = await startStackAt('2017-02-20');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('asks Legal and Finance to sign off by Tuesday 7 March 2017', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [{ id: 'hhac', body: BOARD, kind: 'advisory', meetingDate: '2017-03-22' }],
        signoffs: [
          { area: 'Legal', officer: legal },
          { area: 'Finance', officer: finance },
        ],
      },
      { as: startingClerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    expect(res.body.stages[0].publishBy).toBe('2017-03-14');
    expect(res.body.signoffs.map((s: any) => [s.area, s.dueBy])).toEqual([
      ['Legal', '2017-03-07'],
      ['Finance', '2017-03-07'],
    ]);
    await settle(t);
    for (const officer of [legal, finance]) {
      const asked = emailsTo(await t.emails(), officer.email);
      expect(asked).toHaveLength(1);
      expect(missingFacts(asked[0], { plan: title, stage: BOARD, meetingDate: '2017-03-22', date: '2017-03-07' })).toEqual([]);
    }
  });

  it('takes Finance’s sign-off from another clerk on the officer’s behalf', async () => {
    await t.advanceClock(london('2017-03-01', '11:00'));
    const financeId = (await getRun()).signoffs.find((s: any) => s.area === 'Finance').id;
    const res = await t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'signed', comment: 'Agreed by telephone.' }, { as: otherClerk });
    expect(res.status).toBe(200);
    expect(res.body.signoffs.find((s: any) => s.id === financeId).status).toBe('signed');
    expect(eventsBy(await getRun(), otherClerk.email)).toHaveLength(1);
  });

  it('goes on after the stack restarts, with its clock where it was', async () => {
    const before = { now: await t.now(), run: await getRun(), emails: await t.emails() };
    t = await t.restart();
    expect({ now: await t.now(), run: await getRun(), emails: await t.emails() }).toEqual(before);
  });

  it('does not escalate on the due date itself', async () => {
    await t.advanceClock(london('2017-03-07', '23:59:59'));
    expect(await escalations()).toEqual([]);
  });

  it('escalates from the next day to the author and the clerk who started the run, naming the area', async () => {
    await t.advanceClock(london('2017-03-08', '09:00'));
    const sent = await escalations();
    expect(sent.length).toBeGreaterThan(0);
    const recipients = new Set(sent.flatMap((e) => [...e.to, ...e.cc].map((a) => a.toLowerCase())));
    expect([recipients.has(author.email), recipients.has(startingClerk.email), recipients.has(otherClerk.email)]).toEqual([true, true, false]);
    for (const e of sent) {
      expect(missingFacts(e, { plan: title, stage: BOARD, meetingDate: '2017-03-22', date: '2017-03-07' })).toEqual([]);
    }
    expect((await getRun()).signoffs.find((s: any) => s.area === 'Legal').status).toBe('requested');
  });

  it('names the plan, the board, its meeting and the due date in every e-mail the officer was sent', async () => {
    const sent = emailsTo(await t.emails(), legal.email);
    expect(sent.length).toBeGreaterThan(0);
    for (const e of sent) {
      expect([e.subject, missingFacts(e, { plan: title, stage: BOARD, meetingDate: '2017-03-22', date: '2017-03-07' })]).toEqual([e.subject, []]);
    }
  });

  it('still takes the late sign-off, and the report is then published by its deadline', async () => {
    await t.advanceClock(london('2017-03-09', '14:00'));
    const legalId = (await getRun()).signoffs.find((s: any) => s.area === 'Legal').id;
    const res = await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: as(legal, 'officer') });
    expect(res.status).toBe(200);
    await t.advanceClock(london('2017-03-22', '10:00'));
    const { publishedAt } = (await getRun()).stages[0];
    expect(londonDateOf(publishedAt) <= '2017-03-14').toBe(true);
    expect((await t.api.post(`/api/runs/${runId}/stages/hhac/decision`, { outcome: 'approved' }, { as: startingClerk })).status).toBe(200);
    await settle(t);
    expect((await getRun()).status).toBe('adopted');
  });

  it('never sends two e-mails with the same recipients, subject and body, and sends each to bare addresses', async () => {
    expect(duplicateEmails(await t.emails())).toEqual([]);
    expect(addressProblems(await t.emails())).toEqual([]);
  });
});
