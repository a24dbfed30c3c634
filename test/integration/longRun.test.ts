/**
 * A run longer than the one-year limit of a Standard execution, through the HTTP API and the real engine: the
 * partnership meets in February 2017, Full Council only in March 2018. After 300 days the run goes on in a new
 * execution, and it is adopted in 2018 as any run is.
 */
import { ListExecutionsCommand } from '@aws-sdk/client-sfn';
import { sfnClient, stateMachineArn } from '../../functions/platform/aws';
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { as, person } from './support/people';
import { missedEmails, publishOnDeadline } from './support/publication';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Stuart Maxwell', 'stuart.maxwell@canterbury.example.gov.uk');
const clerk = as(person('Mary Sweeney', 'mary.sweeney@canterbury.example.gov.uk'), 'clerk');

describe('a run that lasts more than a year', () => {
  let t: TestStack;
  let runId: string;
  const executions = async () => {
    const out = await sfnClient().send(new ListExecutionsCommand({ stateMachineArn: stateMachineArn() }));
    return (out.executions ?? []).filter((e) => e.name?.startsWith(runId)).map((e) => [e.name, e.status]).sort();
  };

  beforeAll(async () => {
    t = await startStackAt('2017-01-16');
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: 'Canterbury Community Safety Plan 2017-20', author },
        stages: [
          { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2018-03-15' },
        ],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    await settle(t);
    await publishOnDeadline(t, clerk, runId, 'csp');
    await t.advanceClock(london('2017-02-09', '19:00'));
    expect((await t.api.post(`/api/runs/${runId}/stages/csp/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await settle(t);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('goes on in a new execution after 300 days, the first one ending well before a year', async () => {
    expect(await executions()).toEqual([[runId, 'RUNNING']]);
    await t.advanceClock(london('2017-11-20', '09:00'));
    expect(await executions()).toEqual([
      [runId, 'SUCCEEDED'],
      [`${runId}_2`, 'RUNNING'],
    ]);
  });

  it('is adopted by Full Council in March 2018, its report published on time under the new execution', async () => {
    // The clerk records the Full Council agenda's despatch on its deadline, Wednesday 7 March 2018: the new
    // execution takes it (the run waits for the meeting), and no deadline is missed.
    expect(await publishOnDeadline(t, clerk, runId, 'council')).toMatchObject({
      status: 'published',
      publishBy: '2018-03-07',
      publication: { status: 'published', publishedOn: '2018-03-07' },
    });
    await t.advanceClock(london('2018-03-15', '19:00'));
    const before = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(before.stages[1]).toMatchObject({ status: 'awaiting-decision', publishedAt: expect.stringMatching(/^2018-03-07/) });
    expect(missedEmails(await t.emails())).toEqual([]);
    expect((await t.api.post(`/api/runs/${runId}/stages/council/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await settle(t);
    expect((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.status).toBe('adopted');
    expect(await executions()).toEqual([
      [runId, 'SUCCEEDED'],
      [`${runId}_2`, 'SUCCEEDED'],
    ]);
  });
});
