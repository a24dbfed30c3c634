/**
 * A run whose workflow keeps failing, through the HTTP API and the real engine: one of its items is damaged so
 * that Reconcile throws. The clerk sees it on the run and by e-mail, nothing else is sent meanwhile, and once the
 * item is mended the run goes on by itself at the next try.
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../functions/store/dynamo';
import type { TestStack } from '../support/localStack';
import { settle, within } from './support/api';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Rosie Cook', 'rosie.cook@swale.example.gov.uk');
const legal = person('Philippa Davies', 'philippa.davies@swale.example.gov.uk');
const clerk = as(person('Jo Millard', 'jo.millard@swale.example.gov.uk'), 'clerk');
const title = 'Swale Community Safety Partnership Plan 2017-18';

describe('a run whose workflow keeps failing', () => {
  let t: TestStack;
  let runId: string;
  const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
  const setDueFor = (dueFor: string) =>
    dynamo().send(
      new UpdateCommand({ TableName: tableName(), Key: { pk: `RUN#${runId}`, sk: 'SIGNOFF#legal' }, UpdateExpression: 'SET dueFor = :d', ExpressionAttributeValues: { ':d': dueFor } }),
    );

  beforeAll(async () => {
    t = await startStackAt('2017-01-16');
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-08' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-03-30' },
        ],
        signoffs: [{ area: 'Legal', officer: legal }],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    await settle(t);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('shows the failure on the run and tells the clerk once, instead of going quiet', async () => {
    expect((await getRun()).workflowFailure).toBeNull();
    await setDueFor('no-such-stage');
    // Legal is due on 21 February: its first reminder (17 February) cannot be planned while the item is damaged.
    await t.advanceClock(london('2017-02-18', '09:00'));
    const run = await getRun();
    expect(run.status).toBe('running');
    expect(run.workflowFailure).toMatchObject({ error: expect.any(String), since: expect.any(String) });
    expect(run.events.filter((e: { what: string }) => e.what.startsWith('Ratify could not bring the run up to date'))).toHaveLength(1);
    const emails = await t.emails();
    expect(emails.filter((e) => e.subject === `Ratify has stopped following ${title}`).map((e) => e.to)).toEqual([[clerk.email]]);
    expect(emails.filter((e) => e.subject.startsWith('Reminder'))).toEqual([]);
  });

  it('goes on by itself once the damage is mended, and clears the failure', async () => {
    await setDueFor('cabinet');
    await t.advanceClock(london('2017-02-19', '09:00'));
    const run = await getRun();
    expect(run.workflowFailure).toBeNull();
    expect(run.events.map((e: { what: string }) => e.what)).toContain('Ratify brought the run up to date again: timed work goes on');
    // The first reminder, owed since 17 February, goes out late at the next try (within 3 hours of the mend).
    const reminders = (await t.emails()).filter((e) => e.subject.startsWith('Reminder 1 of 2') && e.subject.includes(title));
    expect(reminders.map((e) => e.to)).toEqual([[legal.email]]);
    expect(within(reminders[0].sentAt, london('2017-02-18', '09:00'), london('2017-02-18', '12:00'))).toBe(true);
    await t.advanceClock(london('2017-02-22', '09:00'));
    const escalations = (await t.emails()).filter((e) => e.subject.startsWith('Overdue sign-off: Legal'));
    expect(escalations.map((e) => e.to)).toEqual([[author.email, clerk.email]]);
    expect((await t.emails()).filter((e) => e.subject === `Ratify has stopped following ${title}`)).toHaveLength(1);
  });
});
