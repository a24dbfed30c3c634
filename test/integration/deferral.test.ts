/**
 * A deferral, through the HTTP API only: Cabinet defers the plan from 23 March 2017 to 20 April 2017, so the
 * report's publication deadline moves back across Good Friday and Easter Monday; Cabinet adopts it on the new date.
 */
import type { TestStack } from '../support/localStack';
import { expectRefused, settle } from './support/api';
import { addressProblems, duplicateEmails, mentionsDate } from './support/emails';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { clearedEmails, publishOnDeadline, recordPublication } from './support/publication';
import { london } from './support/time';

const author = person('Lisa Fenn', 'lisa.fenn@dover.example.gov.uk');
const legal = person('Harvey Rowe', 'harvey.rowe@dover.example.gov.uk');
const finance = person('Helen Lamb', 'helen.lamb@dover.example.gov.uk');
const clerk = as(person('Kate Batty', 'kate.batty@dover.example.gov.uk'), 'clerk');
const title = 'Dover District Community Safety Partnership Plan 2017-18';

describe('a plan deferred by Cabinet to a later meeting', () => {
  let t: TestStack;
  let runId: string;
  const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
  const decide = (body: unknown) => t.api.post(`/api/runs/${runId}/stages/cabinet/decision`, body, { as: clerk });

  beforeAll(async () => {
    t = await startStackAt('2017-02-13');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('reaches Cabinet on 23 March 2017 after the Overview and Scrutiny Committee approves it', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [
          { id: 'scrutiny', body: 'Overview and Scrutiny Committee', kind: 'scrutiny', meetingDate: '2017-03-09' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-23' },
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
    expect(res.body.stages.map((s: any) => s.publishBy)).toEqual(['2017-03-01', '2017-03-15']);
    expect(res.body.signoffs.map((s: any) => s.dueBy)).toEqual(['2017-02-22', '2017-03-08']);

    await t.advanceClock(london('2017-02-20', '10:00'));
    const ids = Object.fromEntries(res.body.signoffs.map((s: any) => [s.area, s.id]));
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${ids.Legal}`, { result: 'signed' }, { as: as(legal, 'officer') })).status).toBe(200);
    // The clerk despatches each agenda on its deadline day, the report with it.
    expect(await publishOnDeadline(t, clerk, runId, 'scrutiny')).toMatchObject({ publication: { status: 'published', publishedOn: '2017-03-01' } });
    await t.advanceClock(london('2017-03-06', '10:00'));
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${ids.Finance}`, { result: 'signed' }, { as: as(finance, 'officer') })).status).toBe(200);

    await t.advanceClock(london('2017-03-09', '20:00'));
    expect((await t.api.post(`/api/runs/${runId}/stages/scrutiny/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await settle(t);
    expect((await getRun()).currentStage).toBe('cabinet');
    expect(await publishOnDeadline(t, clerk, runId, 'cabinet')).toMatchObject({ publication: { status: 'published', publishedOn: '2017-03-15' } });
  });

  it('refuses a deferral to a date that is not after the meeting, or is in the past, and stores nothing', async () => {
    // The clerk records Thursday's decision on Monday 27 March.
    await t.advanceClock(london('2017-03-27', '09:30'));
    await expectRefused(t, clerk, [runId], () => decide({ outcome: 'deferred', deferTo: '2017-03-23' }), {
      status: 400,
      code: 'invalid-input',
      fields: ['deferTo'],
    });
    await expectRefused(t, clerk, [runId], () => decide({ outcome: 'deferred', deferTo: '2017-03-24' }), {
      status: 400,
      code: 'invalid-input',
      fields: ['deferTo'],
    });
    await expectRefused(t, clerk, [runId], () => decide({ outcome: 'deferred' }), { status: 400, code: 'invalid-input', fields: ['deferTo'] });
  });

  it('moves the meeting to 20 April 2017 and its publication deadline back across Easter', async () => {
    const resolution = 'Deferred until the Police and Crime Commissioner has confirmed the partnership’s funding.';
    const res = await decide({ outcome: 'deferred', deferTo: '2017-04-20', resolution });
    expect(res.status).toBe(200);
    // Thu 20 Apr: 19, 18, 13, 12, 11 clear (14 and 17 April are bank holidays) -> Mon 10 Apr.
    const cabinet = res.body.stages.find((s: any) => s.id === 'cabinet');
    expect(cabinet).toMatchObject({ meetingDate: '2017-04-20', publishBy: '2017-04-10' });
    expect(cabinet.decisions).toEqual([expect.objectContaining({ outcome: 'deferred', resolution })]);

    await settle(t);
    const run = await getRun();
    expect([run.status, run.currentStage]).toEqual(['running', 'cabinet']);
    // The report went out for 23 March; for 20 April it is cleared, not yet published: the new agenda is to come.
    expect(run.stages.find((s: any) => s.id === 'cabinet')).toMatchObject({
      meetingDate: '2017-04-20',
      publishBy: '2017-04-10',
      publication: { status: 'cleared', publishedOn: null },
    });
    // The author and the clerk are told it is cleared for the new meeting, once.
    const cleared = clearedEmails(await t.emails()).filter((e) => mentionsDate(e.subject, '2017-04-20'));
    expect(cleared).toHaveLength(1);
    expect(cleared[0].to.sort()).toEqual([author.email, clerk.email].sort());
  });

  it('publishes the report again with the agenda of the new meeting, by its deadline', async () => {
    await t.advanceClock(london('2017-04-07', '11:00'));
    const res = await recordPublication(t, clerk, runId, 'cabinet', { agendaUrl: 'https://democracy.dover.example.gov.uk/cabinet-20-apr-2017' });
    expect(res.body.stages.find((s: any) => s.id === 'cabinet').publication).toEqual({
      status: 'published',
      publishedOn: '2017-04-07',
      agendaUrl: 'https://democracy.dover.example.gov.uk/cabinet-20-apr-2017',
    });
    await settle(t);
    expect(clearedEmails(await t.emails()).filter((e) => mentionsDate(e.subject, '2017-04-20'))).toHaveLength(1);
  });

  it('records no decision before the new meeting has started', async () => {
    await t.advanceClock(london('2017-04-19', '23:59'));
    await expectRefused(t, clerk, [runId], () => decide({ outcome: 'approved' }), { status: 409, code: 'conflict' });
  });

  it('adopts the plan when Cabinet approves it on 20 April 2017', async () => {
    await t.advanceClock(london('2017-04-20', '10:00'));
    // Published again with the agenda of the new meeting, by its deadline, as recorded.
    expect((await getRun()).stages.find((s: any) => s.id === 'cabinet').publication).toMatchObject({ status: 'published', publishedOn: '2017-04-07' });
    const res = await decide({ outcome: 'approved', resolution: 'Cabinet adopted the plan.' });
    expect(res.status).toBe(200);
    expect(res.body.stages.find((s: any) => s.id === 'cabinet').decisions.map((d: any) => d.outcome)).toEqual(['deferred', 'approved']);
    // Cabinet's is the final decision: it takes effect once its call-in period (to Thursday 27 April) has passed.
    expect(res.body.callIn).toEqual({ endsOn: '2017-04-27', status: 'open' });
    await settle(t);
    expect((await getRun()).status).toBe('running');
    await t.advanceClock(london('2017-04-28', '09:00'));
    expect((await getRun()).status).toBe('adopted');
  });

  it('never sends two e-mails with the same recipients, subject and body, and sends each to bare addresses', async () => {
    expect(duplicateEmails(await t.emails())).toEqual([]);
    expect(addressProblems(await t.emails())).toEqual([]);
  });
});
