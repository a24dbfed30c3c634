/**
 * A key decision through the HTTP API only: Cabinet meets on Thursday 13 April 2017, so the 28-clear-day notice
 * must be published by Wednesday 15 March 2017 (16 March to 12 April is 28 days). The clerk who started the run is
 * reminded five working days before that, on Wednesday 8 March, and not before.
 */
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { emailsAbout, isTo, mentionsDate } from './support/emails';
import { as, person } from './support/people';
import { clearedEmails } from './support/publication';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Terry Hughes', 'terry.hughes@tunbridgewells.example.gov.uk');
const clerk = as(person('Caroline Britt', 'caroline.britt@tunbridgewells.example.gov.uk'), 'clerk');
const title = 'Community Safety Partnership Plan 2017/18 (key decision)';

describe('a key decision', () => {
  let t: TestStack;
  let runId: string;
  const noticeReminders = async () =>
    // By subject: the plan's title says "key decision" too, so other e-mails about it (report cleared...) name it.
    emailsAbout(await t.emails(), title).filter((e) => isTo(e, clerk.email) && /^Key decision notice due/.test(e.subject));

  beforeAll(async () => {
    t = await startStackAt('2017-02-20');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('shows the date by which the notice must be published on the executive stage', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author, keyDecision: true },
        stages: [
          { id: 'cab', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
        ],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.plan.keyDecision).toBe(true);
    expect(run.stages[0].keyDecisionNoticeBy).toBe('2017-03-15');
    expect(run.stages[1].keyDecisionNoticeBy).toBeUndefined();
    await settle(t);
    // No sign-off gates either report: both are cleared from the start (author and clerk told), none published.
    const cleared = clearedEmails(emailsAbout(await t.emails(), title));
    expect(cleared.map((e) => [e.subject.split(' – ')[1], [...e.to].sort()]).sort()).toEqual([
      ['Cabinet, Thursday 13 April 2017', [author.email, clerk.email].sort()],
      ['Full Council, Wednesday 26 April 2017', [author.email, clerk.email].sort()],
    ].sort());
    const stages = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.stages;
    expect(stages.map((s: any) => s.publication.status)).toEqual(['cleared', 'cleared']);
  });

  it('does not remind the clerk before Wednesday 8 March', async () => {
    await t.advanceClock(london('2017-03-07', '23:59'));
    expect(await noticeReminders()).toEqual([]);
  });

  it('reminds the clerk on Wednesday 8 March, naming the plan, the meeting and the notice date, once', async () => {
    await t.advanceClock(london('2017-03-08', '09:00'));
    const reminders = await noticeReminders();
    expect(reminders).toHaveLength(1);
    const text = `${reminders[0].subject}\n${reminders[0].text}`;
    expect(text).toContain(title);
    expect(text).toContain('Cabinet');
    expect(mentionsDate(text, '2017-03-15')).toBe(true);
    expect(mentionsDate(text, '2017-04-13')).toBe(true);
    // Ratify's forward plan has listed it since the run started.
    expect(mentionsDate(text, '2017-02-20')).toBe(true);
    await t.advanceClock(london('2017-03-20', '09:00'));
    expect(await noticeReminders()).toHaveLength(1);
  });
});
