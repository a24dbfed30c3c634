/**
 * Deputies over the real stack (docs/API.md "People"): Legal's officer is away, so their deputy is sent the sign-off
 * request and reminders too, may read the run and answers the sign-off themselves, recorded as on the officer's
 * behalf; the author is away too, so the same deputy is sent the escalation of Finance's overdue sign-off. Nobody
 * else gains anything, the officer's own link never reaches the deputy, and every e-mail goes once.
 */
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { duplicateEmails, emailsTo, wordsOf } from './support/emails';
import { pageClient, textOf } from './support/pageClient';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Kelly Webb', 'kelly.webb@sevenoaks.example.gov.uk');
const legal = person('Martin Goodman', 'martin.goodman@sevenoaks.example.gov.uk');
const finance = person('Adrian Rowbotham', 'adrian.rowbotham@sevenoaks.example.gov.uk');
const deputy = person('Dana Deputy', 'dana.deputy@sevenoaks.example.gov.uk');
const clerk = as(person('Vicky Sargeant', 'vicky.sargeant@sevenoaks.example.gov.uk'), 'clerk');
const dana = as(deputy, 'officer');
const olive = as(person('Olive Other', 'olive.other@sevenoaks.example.gov.uk'), 'officer');
const title = 'Sevenoaks District Community Safety Action Plan 2017-18';

describe('a deputy of officers who are away', () => {
  let t: TestStack;
  let runId: string;
  let legalId: string;
  let financeId: string;
  const run = async () => (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
  const toDana = async () => emailsTo(await t.emails(), deputy.email);

  beforeAll(async () => {
    t = await startStackAt('2017-02-20');
    const put = (p: { email: string }, body: object) => t.api.request('PUT', `/api/people/${encodeURIComponent(p.email)}`, { as: clerk, body });
    expect((await put(deputy, { name: deputy.name, jobTitle: 'Solicitor', area: 'Legal', roles: ['officer'] })).status).toBe(200);
    expect((await put(legal, { name: legal.name, jobTitle: 'Head of Legal', area: 'Legal', roles: ['officer'], deputy: deputy.email, away: true })).status).toBe(200);
    expect((await put(finance, { name: finance.name, area: 'Finance', roles: ['officer'], deputy: deputy.email })).status).toBe(200);
    expect((await put(author, { name: author.name, roles: ['author'], deputy: deputy.email, awayUntil: '2017-03-31' })).status).toBe(200);
  });

  afterAll(() => stopStack(t));

  it("is sent the away officer's sign-off request as an e-mail of their own, without the officer's link", async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title, author },
        stages: [{ id: 'hhac', body: 'Housing and Health Advisory Committee', kind: 'advisory', meetingDate: '2017-03-22' }],
        signoffs: [
          { area: 'Legal', officer: legal },
          { area: 'Finance', officer: finance },
        ],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    runId = res.body.runId;
    [legalId, financeId] = res.body.signoffs.map((s: { id: string }) => s.id);
    await settle(t);

    const toMartin = emailsTo(await t.emails(), legal.email);
    expect(toMartin.map((e) => e.subject)).toEqual([expect.stringMatching(/^Sign-off requested: Legal/)]);
    expect(toMartin[0].text).toMatch(/\/signoff\/v1\./);
    const copies = await toDana();
    expect(copies.map((e) => [e.to, e.cc, e.subject])).toEqual([[[deputy.email], [], expect.stringMatching(/^For Martin Goodman \(away\): Sign-off requested: Legal/)]]);
    const words = wordsOf(copies[0]);
    expect(words).toContain('Martin Goodman is away, and you are their deputy');
    expect(words).toContain(`/runs/${runId}/signoffs/${legalId}`);
    expect(words).not.toMatch(/\/signoff\/v1\./);
    // Finance's officer is not away: no copy of his request.
    expect(emailsTo(await t.emails(), finance.email)).toHaveLength(1);
    const audit = (await run()).events.map((e: { what: string }) => e.what);
    expect(audit).toContain(`E-mailed ${deputy.email}: ${copies[0].subject}`);
  });

  it("reads the run, and may answer only the sign-off of the officer who is away; nobody else may", async () => {
    expect((await t.api.get(`/api/runs/${runId}`, { as: dana })).status).toBe(200);
    expect((await t.api.get(`/api/runs/${runId}`, { as: olive })).status).toBe(403);
    const page = await pageClient(t).get(`/runs/${runId}/signoffs/${legalId}`, dana);
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('You are answering on behalf of Martin Goodman, as their deputy while they are away');
    const notHis = await t.api.post(`/api/runs/${runId}/signoffs/${financeId}`, { result: 'signed' }, { as: dana });
    expect([notHis.status, notHis.body.error.code]).toEqual([403, 'forbidden']);
    const stranger = await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed' }, { as: olive });
    expect(stranger.status).toBe(403);
  });

  it('is sent the reminder too, once, however often the run is looked at', async () => {
    await t.advanceClock(london('2017-03-03', '09:00'));
    await settle(t);
    await settle(t);
    const copies = await toDana();
    expect(copies.map((e) => e.subject)).toEqual([
      expect.stringMatching(/^For Martin Goodman \(away\): Sign-off requested/),
      expect.stringMatching(/^For Martin Goodman \(away\): Reminder 1 of 2/),
    ]);
    expect(emailsTo(await t.emails(), legal.email).map((e) => e.subject)).toEqual([expect.stringMatching(/^Sign-off requested/), expect.stringMatching(/^Reminder 1 of 2/)]);
  });

  it("answers the sign-off, recorded as given by the deputy on the officer's behalf in the sign-off and the audit trail", async () => {
    const res = await t.api.post(`/api/runs/${runId}/signoffs/${legalId}`, { result: 'signed', comment: 'No legal concerns.' }, { as: dana });
    expect(res.status).toBe(200);
    const signoff = res.body.signoffs.find((s: { id: string }) => s.id === legalId);
    expect(signoff).toMatchObject({ status: 'signed', officer: { email: legal.email }, answeredBy: { email: deputy.email, name: deputy.name }, answeredAs: 'deputy', comment: 'No legal concerns.' });
    const event = (await run()).events.find((e: { what: string }) => e.what.startsWith('Signed off Legal'));
    expect(event).toMatchObject({
      who: { email: deputy.email },
      what: 'Signed off Legal on behalf of Martin Goodman, as their deputy while they are away',
      details: { signoffId: legalId, as: 'deputy', onBehalfOf: { email: legal.email, name: legal.name } },
    });
  });

  it("is sent the escalation meant for the author who is away, and every e-mail went once", async () => {
    await t.advanceClock(london('2017-03-08', '09:00'));
    await settle(t);
    const escalations = (await toDana()).filter((e) => /Overdue sign-off/.test(e.subject));
    expect(escalations.map((e) => e.subject)).toEqual([expect.stringMatching(/^For Kelly Webb \(away\): Overdue sign-off: Finance \(Adrian Rowbotham\)/)]);
    expect(emailsTo(await t.emails(), author.email).filter((e) => /Overdue sign-off/.test(e.subject))).toHaveLength(1);
    expect(duplicateEmails(await t.emails())).toEqual([]);

    const count = (await t.emails()).length;
    t = await t.restart();
    await settle(t);
    expect((await t.emails()).length).toBe(count);
  });
});
