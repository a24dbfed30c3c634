/**
 * A rejection, through the HTTP API only: the Cabinet Advisory Board rejects the plan at the first of two
 * stages on 22 March 2017; the run ends there, nothing more can be done to it and no more e-mails go out about it.
 */
import type { TestStack } from '../support/localStack';
import { expectRefused, settle } from './support/api';
import { addressProblems, duplicateEmails, emailsAbout } from './support/emails';
import { as, person } from './support/people';
import { publishOnDeadline } from './support/publication';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Ruth Whaley', 'ruth.whaley@swale.example.gov.uk');
const legal = person('Philip Sutton', 'philip.sutton@swale.example.gov.uk');
const finance = person('Nick Vickers', 'nick.vickers@swale.example.gov.uk');
const clerk = as(person('Jo Millard', 'jo.millard@swale.example.gov.uk'), 'clerk');
const title = 'Swale Community Safety Partnership Plan 2017-18';

describe('a plan rejected at the first of its stages', () => {
  let t: TestStack;
  let runId: string;
  let financeId: string;
  const getRun = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
  const refused409 = (request: () => Promise<any>) => expectRefused(t, clerk, [runId], request, { status: 409, code: 'conflict' });

  beforeAll(async () => {
    t = await startStackAt('2017-02-20');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('is published for the Cabinet Advisory Board of 22 March 2017 by Tuesday 14 March', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [
          { id: 'cab', body: 'Communities Cabinet Advisory Board', kind: 'advisory', meetingDate: '2017-03-22' },
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
    // The example of docs/API.md: publishBy Tue 14 Mar 2017 -> dueBy Tue 7 Mar 2017.
    expect(res.body.stages.map((s: any) => s.publishBy)).toEqual(['2017-03-14', '2017-04-05']);
    expect(res.body.signoffs.map((s: any) => s.dueBy)).toEqual(['2017-03-07', '2017-03-29']);
    financeId = res.body.signoffs.find((s: any) => s.area === 'Finance').id;
    const legalId = res.body.signoffs.find((s: any) => s.area === 'Legal').id;
    await t.advanceClock(london('2017-03-01', '10:00'));
    expect((await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: as(legal, 'officer') })).status).toBe(200);
    // Cleared with the Legal sign-off; published only when the clerk records the agenda's despatch on 14 March.
    await settle(t);
    expect((await getRun()).stages[0]).toMatchObject({ publishedAt: null, publication: { status: 'cleared', publishedOn: null } });
    expect(await publishOnDeadline(t, clerk, runId, 'cab')).toMatchObject({ publishedAt: expect.any(String), publication: { status: 'published', publishedOn: '2017-03-14' } });
    await t.advanceClock(london('2017-03-22', '10:00'));
    expect((await getRun()).stages[0]).toMatchObject({ status: 'awaiting-decision', publication: { status: 'published', publishedOn: '2017-03-14' } });
  });

  it('ends the run as rejected when the board rejects the plan', async () => {
    await t.advanceClock(london('2017-03-22', '21:00'));
    const resolution = 'The Board did not support the plan: it does not address rural crime.';
    const res = await t.api.post(`/api/runs/${runId}/stages/cab/decision`, { outcome: 'rejected', resolution }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'rejected', resolution })]);
    await settle(t);
    expect((await getRun()).status).toBe('rejected');
    const ids = async (status: string) => (await t.api.get(`/api/runs?status=${status}`, { as: clerk })).body.runs.map((r: any) => r.runId);
    expect(await ids('rejected')).toEqual([runId]);
    expect(await ids('running')).toEqual([]);
  });

  it('takes no more decisions, sign-offs, new dates or withdrawal', async () => {
    await t.advanceClock(london('2017-03-23', '09:00'));
    await refused409(() => t.api.post(`/api/runs/${runId}/stages/cab/decision`, { outcome: 'approved' }, { as: clerk }));
    await refused409(() => t.api.post(`/api/runs/${runId}/stages/cabinet/decision`, { outcome: 'approved' }, { as: clerk }));
    await refused409(() => t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'signed' }, { as: as(finance, 'officer') }));
    await refused409(() => t.api.patch(`/api/runs/${runId}/stages/cabinet`, { meetingDate: '2017-04-20' }, { as: clerk }));
    await refused409(() => t.api.post(`/api/runs/${runId}/withdraw`, { reason: 'Rejected by the Board.' }, { as: clerk }));
  });

  it('sends nothing more about the plan: no reminder or escalation for the sign-off left open', async () => {
    await t.advanceClock(london('2017-04-14', '09:00'));
    const late = emailsAbout(await t.emails(), title).filter((e) => e.sentAt >= london('2017-03-23'));
    expect(late.map((e) => e.subject)).toEqual([]);
    expect(duplicateEmails(await t.emails())).toEqual([]);
    expect(addressProblems(await t.emails())).toEqual([]);
  });
});
