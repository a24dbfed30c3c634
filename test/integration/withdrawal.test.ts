/**
 * A withdrawal mid-run, through the HTTP API only: after the Community Safety Partnership has noted the plan and
 * the Management Board has approved it, the clerk withdraws it before Cabinet; the run stops at once, nothing more can be
 * done to it and no more e-mails go out about it.
 */
import type { TestStack } from '../support/localStack';
import { eventsBy, expectRefused, settle, within } from './support/api';
import { addressProblems, duplicateEmails, emailsAbout } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Sarah Robson', 'sarah.robson@maidstone.example.gov.uk');
const legal = person('Robin Harris', 'robin.harris@maidstone.example.gov.uk');
const finance = person('Mark Green', 'mark.green@maidstone.example.gov.uk');
const clerk = as(person('Caroline Matthews', 'caroline.matthews@maidstone.example.gov.uk'), 'clerk');
const title = 'Maidstone Community Safety Partnership Plan 2017-18';

describe('a plan withdrawn mid-run', () => {
  let t: TestStack;
  let runId: string;
  let financeId: string;
  const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
  const refused409 = (request: () => Promise<any>) => expectRefused(t, clerk, [runId], request, { status: 409, code: 'conflict' });
  const reason = 'The partnership will bring a combined plan with the police and crime plan instead.';

  beforeAll(async () => {
    t = await startStackAt('2017-01-16');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('goes on when the partnership notes the plan and the Management Board approves it', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [
          { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
          { id: 'board', body: 'Management Board', kind: 'board', meetingDate: '2017-03-01' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
        ],
        signoffs: [
          { area: 'Legal', officer: legal },
          { area: 'Finance', officer: finance, requiredBefore: 'cabinet' },
        ],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    expect(res.body.stages.map((s: any) => s.publishBy)).toEqual(['2017-02-01', '2017-02-21', '2017-04-05']);
    expect(res.body.signoffs.map((s: any) => s.dueBy)).toEqual(['2017-01-25', '2017-03-29']);
    financeId = res.body.signoffs.find((s: any) => s.area === 'Finance').id;
    const legalId = res.body.signoffs.find((s: any) => s.area === 'Legal').id;

    await t.advanceClock(london('2017-01-20', '10:00'));
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: as(legal, 'officer') })).status).toBe(200);
    await t.advanceClock(london('2017-02-09', '16:00'));
    expect((await t.api.post(`/api/runs/${runId}/stages/csp/decision`, { outcome: 'noted' }, { as: clerk })).status).toBe(200);
    await settle(t);
    // Noted at a stage that is not the last, the plan goes on.
    expect([(await getRun()).status, (await getRun()).currentStage]).toEqual(['running', 'board']);
    await t.advanceClock(london('2017-03-01', '12:00'));
    expect((await t.api.post(`/api/runs/${runId}/stages/board/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await settle(t);
    expect((await getRun()).currentStage).toBe('cabinet');
  });

  it('stops the run at once when the clerk withdraws it, and records why and by whom', async () => {
    await t.advanceClock(london('2017-03-06', '10:00'));
    const from = await t.now();
    const res = await t.api.post(`/api/runs/${runId}/withdraw`, { reason }, { as: clerk });
    const to = await t.now();
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ runId, status: 'withdrawn' });
    const run = await getRun();
    expect(run.status).toBe('withdrawn');
    expect(JSON.stringify(run)).toContain(reason);
    expect(eventsBy(run, clerk.email).filter((e) => within(e.when, from, to))).toHaveLength(1);
    const ids = async (status: string) => (await t.api.get(`/api/runs?status=${status}`, { as: clerk })).body.runs.map((r: any) => r.runId);
    expect(await ids('withdrawn')).toEqual([runId]);
    expect(await ids('running')).toEqual([]);
  });

  it('takes no more decisions, sign-offs, new dates or withdrawals', async () => {
    await settle(t);
    await refused409(() => t.api.post(`/api/runs/${runId}/withdraw`, { reason: 'Again.' }, { as: clerk }));
    await refused409(() => t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'signed' }, { as: as(finance, 'officer') }));
    await refused409(() => t.api.patch(`/api/runs/${runId}/stages/cabinet`, { meetingDate: '2017-04-20' }, { as: clerk }));
    await t.advanceClock(london('2017-04-13', '19:00'));
    await refused409(() => t.api.post(`/api/runs/${runId}/stages/cabinet/decision`, { outcome: 'approved' }, { as: clerk }));
  });

  it('sends nothing more about the plan: no reminder or escalation for the open Finance sign-off', async () => {
    await t.advanceClock(london('2017-04-14', '09:00'));
    const late = emailsAbout(await t.emails(), title).filter((e) => e.sentAt >= london('2017-03-07'));
    expect(late.map((e) => e.subject)).toEqual([]);
    expect(duplicateEmails(await t.emails())).toEqual([]);
    expect(addressProblems(await t.emails())).toEqual([]);
  });
});
