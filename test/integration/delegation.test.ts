/**
 * A delegated finalisation at a stage that is not the last, through the HTTP API only: the partnership board
 * delegates the final text of the plan to the Community Safety Manager on 16 March 2017; her sign-off is due
 * 10 working days later (30 March), is escalated from the next day while unanswered, and once she signs the run
 * goes on to Full Council, which adopts the plan.
 */
import type { TestStack } from '../support/localStack';
import { expectRefused, settle } from './support/api';
import { addressProblems, duplicateEmails, emailsAbout, emailsTo, isTo, missingFacts, wordsOf } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Gemma Lodge', 'gemma.lodge@dartford.example.gov.uk');
const manager = person('Sheri Green', 'sheri.green@dartford.example.gov.uk');
const legal = person('Tony Jeffery', 'tony.jeffery@dartford.example.gov.uk');
const clerk = as(person('Jane Bentley', 'jane.bentley@dartford.example.gov.uk'), 'clerk');
const title = 'Dartford Community Safety Partnership Plan 2017-18';
const BOARD = 'Community Safety Partnership Board';
const DELEGATED = 'Delegated finalisation';

describe('a delegated finalisation before the last stage', () => {
  let t: TestStack;
  let runId: string;
  const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
  const delegatedSignoff = async () => (await getRun()).signoffs.find((s: any) => s.area === DELEGATED);
  /** E-mails about the plan naming the delegated sign-off, to the author or the clerk, after it was due. */
  const escalations = async () =>
    emailsAbout(await t.emails(), title).filter(
      (e) => e.sentAt >= london('2017-03-31') && wordsOf(e).includes(DELEGATED) && (isTo(e, author.email) || isTo(e, clerk.email)),
    );

  beforeAll(async () => {
    t = await startStackAt('2017-02-20');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('asks the delegate to sign off within 10 working days of the board’s decision', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [
          { id: 'board', body: BOARD, kind: 'partnership', meetingDate: '2017-03-16' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
        ],
        signoffs: [{ area: 'Legal', officer: legal }],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    expect(res.body.signoffs.map((s: any) => s.dueBy)).toEqual(['2017-03-01']);
    await t.advanceClock(london('2017-02-27', '10:00'));
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${res.body.signoffs[0].id}`, { result: 'signed' }, { as: as(legal, 'officer') })).status).toBe(200);

    await t.advanceClock(london('2017-03-16', '17:00'));
    const decided = await t.api.post(
      `/api/runs/${runId}/stages/board/decision`,
      { outcome: 'delegated', resolution: 'Final text delegated to the Community Safety Manager.', delegateTo: manager },
      { as: clerk },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'delegated' })]);
    await settle(t);

    const run = await getRun();
    expect([run.status, run.currentStage]).toEqual(['running', 'board']);
    // Thu 16 Mar 2017 + 10 working days -> Thu 30 Mar 2017.
    expect(run.signoffs.filter((s: any) => s.area === DELEGATED)).toEqual([
      expect.objectContaining({ officer: manager, status: 'requested', dueBy: '2017-03-30' }),
    ]);
    const asked = emailsTo(await t.emails(), manager.email);
    expect(asked).toHaveLength(1);
    expect(missingFacts(asked[0], { plan: title, stage: BOARD, meetingDate: '2017-03-16', date: '2017-03-30' })).toEqual([]);
  });

  it('takes no decision for the board again, nor for Council, while the delegate has not signed', async () => {
    await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/stages/board/decision`, { outcome: 'approved' }, { as: clerk }), {
      status: 409,
      code: 'conflict',
    });
    await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/stages/council/decision`, { outcome: 'approved' }, { as: clerk }), {
      status: 409,
      code: 'conflict',
    });
  });

  it('escalates the delegate’s sign-off from the day after it was due, to the author and the clerk', async () => {
    await t.advanceClock(london('2017-03-30', '23:59'));
    expect(await escalations()).toEqual([]);
    await t.advanceClock(london('2017-03-31', '09:00'));
    const sent = await escalations();
    expect(sent.length).toBeGreaterThan(0);
    const recipients = new Set(sent.flatMap((e) => [...e.to, ...e.cc].map((a) => a.toLowerCase())));
    expect([recipients.has(author.email), recipients.has(clerk.email)]).toEqual([true, true]);
    for (const e of sent) expect(missingFacts(e, { plan: title, stage: BOARD, meetingDate: '2017-03-16', date: '2017-03-30' })).toEqual([]);
  });

  it('goes on to Full Council once the delegate signs, and Council adopts the plan', async () => {
    await t.advanceClock(london('2017-04-03', '10:00'));
    const { id } = await delegatedSignoff();
    const signed = await t.api.post(`/api/runs/${runId}/signoffs/${id}`, { result: 'signed', comment: 'Final text agreed.' }, { as: as(manager, 'officer') });
    expect(signed.status).toBe(200);
    await settle(t);
    expect([(await getRun()).status, (await getRun()).currentStage]).toEqual(['running', 'council']);

    await t.advanceClock(london('2017-04-26', '20:00'));
    expect((await t.api.post(`/api/runs/${runId}/stages/council/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await settle(t);
    expect((await getRun()).status).toBe('adopted');
  });

  it('never sends two e-mails with the same recipients, subject and body, and sends each to bare addresses', async () => {
    expect(duplicateEmails(await t.emails())).toEqual([]);
    expect(addressProblems(await t.emails())).toEqual([]);
  });
});
