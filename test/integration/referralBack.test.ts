/**
 * A referral back with a revision, through the HTTP API only: Finance asks for changes, Cabinet refers the plan
 * back to the Overview and Scrutiny Panel on 23 March 2017, the author posts a revised report, the clerk sets new
 * meeting dates (27 April and 18 May 2017), the sign-offs are given again and Cabinet adopts the plan, which takes
 * effect when its call-in period has passed (25 May 2017).
 */
import type { TestStack } from '../support/localStack';
import { eventsBy, expectRefused, settle, within } from './support/api';
import { addressProblems, duplicateEmails, emailsTo } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Doug Rattray', 'doug.rattray@canterbury.example.gov.uk');
const legal = person('Sarah Leach', 'sarah.leach@canterbury.example.gov.uk');
const finance = person('Lisa Mayfield', 'lisa.mayfield@canterbury.example.gov.uk');
const clerk = as(person('Matthew Archer', 'matthew.archer@canterbury.example.gov.uk'), 'clerk');
const title = 'Canterbury Community Safety Partnership Plan 2017-20';

describe('a plan referred back by Cabinet to the Overview and Scrutiny Panel', () => {
  let t: TestStack;
  let runId: string;
  let financeId: string;
  const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;

  beforeAll(async () => {
    t = await startStackAt('2017-02-13');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('records Finance asking for changes, with their comment', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [
          { id: 'scrutiny', body: 'Overview and Scrutiny Panel', kind: 'scrutiny', meetingDate: '2017-03-09' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-23' },
        ],
        signoffs: [
          { area: 'Legal', officer: legal, requiredBefore: 'scrutiny' },
          { area: 'Finance', officer: finance, requiredBefore: 'cabinet' },
        ],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    const ids = Object.fromEntries(res.body.signoffs.map((s: any) => [s.area, s.id]));
    financeId = ids.Finance;

    await t.advanceClock(london('2017-02-20', '10:00'));
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${ids.Legal}`, { result: 'signed' }, { as: as(legal, 'officer') })).status).toBe(200);
    await t.advanceClock(london('2017-03-09', '20:00'));
    expect((await t.api.post(`/api/runs/${runId}/stages/scrutiny/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await settle(t);

    await t.advanceClock(london('2017-03-13', '10:00'));
    const comment = 'The funding table does not match the grant agreement.';
    const changes = await t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'changes-requested', comment }, { as: as(finance, 'officer') });
    expect(changes.status).toBe(200);
    expect(changes.body.signoffs.find((s: any) => s.id === financeId)).toMatchObject({ status: 'changes-requested', comment });
    // The woken execution sends the author's e-mail; let it finish before comparing what a refusal changes.
    await settle(t);
    await expectRefused(
      t,
      clerk,
      [runId],
      () => t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'signed' }, { as: as(finance, 'officer') }),
      { status: 409, code: 'conflict' },
    );
  });

  it('goes back to the panel when Cabinet refers the plan back', async () => {
    await t.advanceClock(london('2017-03-23', '19:00'));
    const resolution = 'Referred back to the Panel to review the funding of the plan.';
    const res = await t.api.post(`/api/runs/${runId}/stages/cabinet/decision`, { outcome: 'referred-back', referBackTo: 'scrutiny', resolution }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.stages.find((s: any) => s.id === 'cabinet').decisions).toEqual([expect.objectContaining({ outcome: 'referred-back', resolution })]);
    await settle(t);
    const run = await getRun();
    expect([run.status, run.currentStage]).toEqual(['running', 'scrutiny']);
  });

  it('takes no decision for the panel until it has met again', async () => {
    await t.advanceClock(london('2017-03-24', '10:00'));
    await expectRefused(t, clerk, [runId], () => t.api.post(`/api/runs/${runId}/stages/scrutiny/decision`, { outcome: 'approved' }, { as: clerk }), {
      status: 409,
      code: 'conflict',
    });
  });

  it('asks Finance again once the author posts the revised report', async () => {
    await t.advanceClock(london('2017-03-27', '11:00'));
    const sentBefore = (await t.emails()).length;
    const from = await t.now();
    const res = await t.api.post(`/api/runs/${runId}/revisions`, { summary: 'Funding table corrected to match the grant agreement.' }, { as: as(author, 'author') });
    const to = await t.now();
    expect(res.status).toBe(200);
    expect(res.body.runId).toBe(runId);
    await settle(t);
    const run = await getRun();
    expect(eventsBy(run, author.email).filter((e) => within(e.when, from, to))).toHaveLength(1);
    expect(run.signoffs.find((s: any) => s.id === financeId).status).toBe('requested');
    const asked = emailsTo((await t.emails()).slice(sentBefore), finance.email);
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.every((e) => `${e.subject}\n${e.text}`.includes(title))).toBe(true);
  });

  it('sets the new meeting dates and recomputes every deadline', async () => {
    const panel = await t.api.patch(`/api/runs/${runId}/stages/scrutiny`, { meetingDate: '2017-04-27' }, { as: clerk });
    expect(panel.status).toBe(200);
    // Thu 27 Apr: 26, 25, 24, 21, 20 clear -> Wed 19 Apr.
    expect(panel.body.stages.find((s: any) => s.id === 'scrutiny')).toMatchObject({ meetingDate: '2017-04-27', publishBy: '2017-04-19' });
    const cabinet = await t.api.patch(`/api/runs/${runId}/stages/cabinet`, { meetingDate: '2017-05-18' }, { as: clerk });
    expect(cabinet.status).toBe(200);
    expect(cabinet.body.stages.find((s: any) => s.id === 'cabinet')).toMatchObject({ meetingDate: '2017-05-18', publishBy: '2017-05-10' });

    await settle(t);
    const run = await getRun();
    // 5 working days before the publication of the stage each sign-off is required before.
    const dueBy: Record<string, string> = { scrutiny: '2017-04-10', cabinet: '2017-05-03' };
    for (const so of run.signoffs.filter((s: any) => s.status === 'requested')) {
      expect([so.area, so.dueBy]).toEqual([so.area, dueBy[so.requiredBefore]]);
    }
    expect(run.signoffs.find((s: any) => s.id === financeId).dueBy).toBe('2017-05-03');
  });

  it('adopts the plan after the panel and Cabinet approve the revised report', async () => {
    await t.advanceClock(london('2017-04-03', '10:00'));
    for (const so of (await getRun()).signoffs.filter((s: any) => s.status === 'requested')) {
      const by = so.id === financeId ? as(finance, 'officer') : clerk;
      expect([so.area, (await t.api.post(`/api/runs/${runId}/signoffs/${so.id}`, { result: 'signed' }, { as: by })).status]).toEqual([so.area, 200]);
    }
    await t.advanceClock(london('2017-04-27', '20:00'));
    expect((await t.api.post(`/api/runs/${runId}/stages/scrutiny/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await settle(t);
    expect((await getRun()).currentStage).toBe('cabinet');
    await t.advanceClock(london('2017-05-18', '19:00'));
    const decided = await t.api.post(`/api/runs/${runId}/stages/cabinet/decision`, { outcome: 'approved' }, { as: clerk });
    expect(decided.status).toBe(200);
    // Cabinet's is the run's final decision: it takes effect once its call-in period (5 working days) has passed.
    expect(decided.body.callIn).toEqual({ endsOn: '2017-05-25', status: 'open' });
    await settle(t);
    expect((await getRun()).status).toBe('running');
    await t.advanceClock(london('2017-05-26', '09:00'));

    const run = await getRun();
    expect(run.status).toBe('adopted');
    expect(run.callIn).toEqual({ endsOn: '2017-05-25', status: 'ended' });
    expect(run.stages.map((s: any) => [s.id, s.decisions.map((d: any) => d.outcome)])).toEqual([
      ['scrutiny', ['approved', 'approved']],
      ['cabinet', ['referred-back', 'approved']],
    ]);
  });

  it('never sends two e-mails with the same recipients, subject and body, and sends each to bare addresses', async () => {
    expect(duplicateEmails(await t.emails())).toEqual([]);
    expect(addressProblems(await t.emails())).toEqual([]);
  });
});
