/**
 * A meeting's agenda despatched once for every report on it (`POST /api/meetings/{meetingId}/publication`),
 * through the HTTP API on the real local stack: the cleared report is published for that meeting, the one still
 * waiting for a sign-off becomes a late item until the chair agrees, and the meeting lists what each still needs.
 */
import type { TestStack } from '../support/localStack';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';
import { csrfOf, pageClient, textOf } from './support/pageClient';

const clerk = as(person('Cleo Clerk', 'cleo.clerk@example.gov.uk'), 'clerk');
const keith = person('Keith Trowell', 'k.trowell@example.gov.uk');
const tina = person('Tina Brooks', 'tina.brooks@example.gov.uk');
const author = person('Terry Hughes', 'terry.hughes@example.gov.uk');

describe("a meeting's agenda despatched", () => {
  let t: TestStack;
  let meetingId: string;
  let cleared: string;
  let waiting: string;
  const run = async (id: string) => (await t.api.get(`/api/runs/${id}`, { as: clerk })).body;

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
    expect((await t.api.request('PUT', '/api/bodies/cabinet', { as: clerk, body: { name: 'Cabinet', kind: 'executive' } })).status).toBe(200);
    const meeting = await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-02-09', time: '18:00' }, { as: clerk });
    meetingId = meeting.body.meetingId;
    const start = async (title: string, officer: typeof keith) =>
      (
        await t.api.post(
          '/api/runs',
          { plan: { title, author }, stages: [{ id: 'cabinet', meetingId }], signoffs: [{ area: 'Legal', officer }] },
          { as: clerk },
        )
      ).body.runId as string;
    cleared = await start('Community Safety Partnership Plan 2017/18', keith);
    waiting = await start('Car Parking Strategy 2017-2020', tina);
    await t.advanceClock(london('2017-01-20', '10:00'));
    const legal = (await run(cleared)).signoffs[0].id;
    expect((await t.api.post(`/api/runs/${cleared}/signoffs/${legal}`, { result: 'signed' }, { as: as(keith, 'officer') })).status).toBe(200);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('lists each report on the agenda in preparation with what it still needs', async () => {
    const meeting = (await t.api.get(`/api/meetings/${meetingId}`, { as: clerk })).body;
    const byRun = new Map(meeting.reports.map((r: any) => [r.runId, r]));
    expect(byRun.get(cleared)).toMatchObject({ published: false, publication: 'cleared', needs: ["the agenda's despatch to be recorded"] });
    expect(byRun.get(waiting)).toMatchObject({ published: false, publication: 'waiting', needs: ['Legal sign-off (Tina Brooks)'] });
  });

  it("shows the meeting's page with each report, where it stands and what it needs, linked from /meetings", async () => {
    const pages = pageClient(t);
    const list = await pages.get('/meetings', clerk, 'cookie');
    expect(list.html).toContain(`href="/meetings/${encodeURIComponent(meetingId)}"`);
    const page = await pages.get(`/meetings/${encodeURIComponent(meetingId)}`, clerk, 'cookie');
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Community Safety Partnership Plan 2017/18 Cleared: waiting for the despatch to be recorded');
    expect(text).toContain('Car Parking Strategy 2017-2020 Waiting for sign-offs Legal sign-off (Tina Brooks)');
    expect(page.html).toContain('id="publication"');
    expect(page.html).toMatch(/<button[^>]*>\s*Record despatch\s*<\/button>/);
    // Not a clerk: the page, without the form.
    expect((await pages.get(`/meetings/${encodeURIComponent(meetingId)}`, as(author, 'author'), 'cookie')).html).not.toContain('id="publication"');
  });

  it('refuses a despatch dated in the future or after the meeting, naming publishedOn, and changes nothing', async () => {
    for (const publishedOn of ['2017-01-21', '2017-02-10']) {
      const res = await t.api.post(`/api/meetings/${meetingId}/publication`, { publishedOn }, { as: clerk });
      expect(res.status).toBe(400);
      expect(Object.keys(res.body.error.fields)).toEqual(['publishedOn']);
    }
    expect((await run(cleared)).stages[0].publication.status).toBe('cleared');
    expect((await t.api.post(`/api/meetings/${meetingId}/publication`, { publishedOn: '2017-01-20' }, { as: as(author, 'author') })).status).toBe(403);
  });

  it('publishes the cleared report for that meeting and makes the other a late item, once', async () => {
    const body = { publishedOn: '2017-01-20', agendaUrl: 'https://democracy.example.gov.uk/cabinet-9-feb-2017' };
    const res = await t.api.post(`/api/meetings/${meetingId}/publication`, body, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.publication).toEqual(body);
    expect((await run(cleared)).stages[0]).toMatchObject({ status: 'published', publication: { status: 'published', ...body } });
    expect((await run(waiting)).stages[0]).toMatchObject({ publication: { status: 'late-item' } });
    expect(res.body.reports.find((r: any) => r.runId === waiting).needs).toEqual(['Legal sign-off (Tina Brooks)', "the chair's agreement to take it as a late item"]);
    // The same despatch again changes nothing; another date is a conflict.
    const events = (await run(cleared)).events.length;
    expect((await t.api.post(`/api/meetings/${meetingId}/publication`, body, { as: clerk })).status).toBe(200);
    expect((await run(cleared)).events.length).toBe(events);
    expect((await t.api.post(`/api/meetings/${meetingId}/publication`, { publishedOn: '2017-01-19' }, { as: clerk })).status).toBe(409);
  });

  it("takes the late item once the chair's agreement is recorded, and the audit trail says so", async () => {
    const res = await t.api.post(
      `/api/runs/${waiting}/stages/cabinet/late-item`,
      { reason: 'The strategy must be decided before the budget meeting', agreedBy: { name: 'Cllr Jane March', role: 'Chairman of the Cabinet' } },
      { as: clerk },
    );
    expect(res.status).toBe(200);
    const after = await run(waiting);
    expect(after.stages[0].lateItem).toMatchObject({ agreedBy: { name: 'Cllr Jane March', role: 'Chairman of the Cabinet' } });
    expect(after.events.map((e: any) => e.what)).toContainEqual(expect.stringContaining('Cllr Jane March (Chairman of the Cabinet) agreed to take the report'));
    const meeting = (await t.api.get(`/api/meetings/${meetingId}`, { as: clerk })).body;
    expect(meeting.reports.find((r: any) => r.runId === waiting).needs).toEqual(['Legal sign-off (Tina Brooks)']);
  });

  it('makes a report put at the meeting after its agenda went a late item for it: started there, or moved there', async () => {
    const body = { publishedOn: '2017-01-20', agendaUrl: 'https://democracy.example.gov.uk/cabinet-9-feb-2017' };
    const started = await t.api.post(
      '/api/runs',
      { plan: { title: 'Licensing Policy 2017', author }, stages: [{ id: 'cabinet', meetingId }], signoffs: [{ area: 'Legal', officer: keith }] },
      { as: clerk },
    );
    expect(started.status).toBe(201);
    expect((await run(started.body.runId)).stages[0]).toMatchObject({ status: 'awaiting-signoffs', publication: { status: 'late-item', ...body } });

    const later = await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-03-09' }, { as: clerk });
    const moved = await t.api.post(
      '/api/runs',
      { plan: { title: 'Parks Strategy 2017', author }, stages: [{ id: 'cabinet', meetingId: later.body.meetingId }], signoffs: [{ area: 'Legal', officer: keith }] },
      { as: clerk },
    );
    expect((await run(moved.body.runId)).stages[0].publication.status).toBe('waiting');
    const patch = await t.api.request('PATCH', `/api/runs/${moved.body.runId}/stages/cabinet`, { as: clerk, body: { meetingId } });
    expect(patch.status).toBe(200);
    const after = await run(moved.body.runId);
    expect(after.stages[0]).toMatchObject({ meetingDate: '2017-02-09', publication: { status: 'late-item', publishedOn: '2017-01-20' } });
    expect(after.events.map((e: any) => e.what)).toContainEqual(expect.stringContaining('its agenda went on 2017-01-20: the report is a late item for it'));
  });
});

describe("the run page's publication forms", () => {
  let t: TestStack;
  let runId: string;

  beforeAll(async () => {
    t = await startStackAt('2017-01-09');
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: 'Community Safety Partnership Plan 2017/18', author },
        stages: [
          { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-09' },
        ],
        signoffs: [{ area: 'Legal', officer: keith, requiredBefore: 'cabinet' }],
      },
      { as: clerk },
    );
    runId = res.body.runId;
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('records a despatch from the page, refusing a day in the future on its field', async () => {
    const pages = pageClient(t);
    const page = await pages.get(`/runs/${runId}`, clerk, 'cookie');
    expect(page.html).toContain('id="publication"');
    const csrf = csrfOf(page.html);
    const send = (fields: Record<string, string>) => pages.post(`/runs/${runId}/publication`, { csrfToken: csrf, stageId: 'csp', ...fields }, clerk);
    const future = await send({ 'publishedOn-day': '2', 'publishedOn-month': '2', 'publishedOn-year': '2017' });
    expect(future.status).toBe(400);
    expect(textOf(future.html)).toContain('The day the agenda was despatched must be today or in the past');
    const ok = await send({ 'publishedOn-day': '9', 'publishedOn-month': '1', 'publishedOn-year': '2017', agendaUrl: 'https://democracy.example.gov.uk/csp' });
    expect(ok.status).toBe(303);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.stages[0].publication).toEqual({ status: 'published', publishedOn: '2017-01-09', agendaUrl: 'https://democracy.example.gov.uk/csp' });
    const after = await pages.get(`/runs/${runId}`, clerk, 'cookie');
    expect(after.html).toContain('href="https://democracy.example.gov.uk/csp"');
    expect(textOf(after.html)).toContain('Published Monday 9 January 2017');
  });
});
