/**
 * Executive decisions over the real local stack, through HTTP only: the public forward plan (API, page, iCalendar
 * feed), the 28 clear days enforced at start and on a reschedule, the general exception recorded and e-mailed to the
 * scrutiny chair named on the Cabinet's calendar entry, decision notices, and call-in: a final Cabinet decision of
 * Thursday 13 April 2017 can be called in until Monday 24 April (Good Friday and Easter Monday between), is adopted
 * on Tuesday 25 April when nobody calls it in, and goes to overview and scrutiny when someone does.
 */
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { emailsAbout, isTo, mentionsDate, wordsOf } from './support/emails';
import { pageClient, sectionOf } from './support/pageClient';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const clerk = as(person('Cleo Clerk', 'cleo.clerk@example.gov.uk'), 'clerk');
const author = person('Terry Hughes', 'terry.hughes@example.gov.uk');
const officer = person('Keith Trowell', 'k.trowell@example.gov.uk');
const chair = person('Cllr Sue Scrutiny', 'sue.scrutiny@example.gov.uk');

describe('executive decisions: forward plan and call-in', () => {
  let t: TestStack;
  let cabinet13April: string;
  let cabinet23March: string;
  let scrutiny3May: string;
  const runs: Record<string, string> = {};

  const start = (title: string, stage: Record<string, unknown>, plan: Record<string, unknown> = {}) =>
    t.api.post(
      '/api/runs',
      { plan: { title, author, keyDecision: true, ...plan }, stages: [{ id: 'cabinet', ...stage }], signoffs: [{ area: 'Legal', officer, requiredBefore: 'cabinet' }] },
      { as: clerk },
    );
  const run = async (key: string) => (await t.api.get(`/api/runs/${runs[key]}`, { as: clerk })).body;
  const plan = async () => (await t.api.get('/api/forward-plan')).body.entries as Array<Record<string, any>>;

  beforeAll(async () => {
    t = await startStackAt('2017-03-01');
    const put = async (id: string, body: unknown) => expect((await t.api.request('PUT', `/api/bodies/${id}`, { body, as: clerk })).status).toBe(200);
    await put('cabinet', { name: 'Cabinet', kind: 'executive', callInWorkingDays: 5, scrutinyChair: chair });
    await put('scrutiny', { name: 'Overview and Scrutiny Committee', kind: 'scrutiny' });
    const meeting = async (body: string, date: string) => (await t.api.post('/api/meetings', { body, date, time: '18:00' }, { as: clerk })).body.meetingId as string;
    cabinet13April = await meeting('cabinet', '2017-04-13');
    cabinet23March = await meeting('cabinet', '2017-03-23');
    scrutiny3May = await meeting('scrutiny', '2017-05-03');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it('answers an empty forward plan to anyone, without signing in', async () => {
    const res = await t.api.get('/api/forward-plan');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ entries: [] });
  });

  it('refuses a key decision whose Cabinet meets fewer than 28 clear days after today: 400 on the stage meetingDate (or meetingId)', async () => {
    const typed = await start('Too soon', { body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-29' });
    expect(typed.status).toBe(400);
    expect(Object.keys(typed.body.error.fields)).toEqual(['stages.0.meetingDate']);
    expect(typed.body.error.fields['stages.0.meetingDate']).toMatch(/28 clear days.*2017-03-30/);
    const onCalendar = await start('Too soon', { meetingId: cabinet23March });
    expect(onCalendar.status).toBe(400);
    expect(Object.keys(onCalendar.body.error.fields)).toEqual(['stages.0.meetingId']);
    // 29 days later is enough.
    expect((await start('Just in time', { body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-30' })).status).toBe(201);
  });

  it('puts a key decision on the forward plan when its run starts: decision maker, date, notice date', async () => {
    const res = await start('Community Safety Strategy 2017-20', { meetingId: cabinet13April });
    expect(res.status).toBe(201);
    runs.adopted = res.body.runId;
    runs.calledIn = (await start('Night-time Economy Strategy', { meetingId: cabinet13April })).body.runId;
    runs.exempt = (await start('Sale of the depot', { meetingId: cabinet13April }, { classification: 'exempt' })).body.runId;
    const entries = await plan();
    expect(entries.find((e) => e.runId === runs.adopted)).toMatchObject({
      title: 'Community Safety Strategy 2017-20',
      decisionMaker: 'Cabinet',
      decisionDate: '2017-04-13',
      noticePublishedOn: '2017-03-01',
      status: 'scheduled',
      urgency: null,
    });
    expect(entries.find((e) => e.runId === runs.exempt)).toMatchObject({ title: 'Sale of the depot', exempt: true, contact: null });
    const audit = (await run('adopted')).events[0].what;
    expect(audit).toMatch(/notice is on the forward plan from today/);
  });

  it('shows the forward plan as a public page and an iCalendar feed', async () => {
    const page = await pageClient(t).get('/forward-plan');
    expect(page.status).toBe(200);
    expect(page.html).toContain('Forward plan of key decisions');
    expect(page.html).toContain('Community Safety Strategy 2017-20');
    expect(page.html).toContain('Thursday 13 April 2017');
    const feed = await t.api.get('/calendar/forward-plan.ics');
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toMatch(/^text\/calendar/);
    expect(feed.body).toContain(`UID:forward-plan.${runs.adopted}.cabinet@ratify`);
    expect(feed.body).toContain('DTSTART;VALUE=DATE:20170413');
  });

  it('records the general exception (the scrutiny chair informed, 5 clear days), shows it and e-mails the chair on the calendar', async () => {
    const urgency = { kind: 'general-exception', scrutinyChairInformedOn: '2017-03-01', reason: 'The Home Office grant needs a decision in March' };
    const res = await start('Domestic Abuse Strategy', { meetingId: cabinet23March, urgency });
    expect(res.status).toBe(201);
    runs.urgent = res.body.runId;
    expect(res.body.stages[0].urgency).toMatchObject({ kind: 'general-exception', scrutinyChairInformedOn: '2017-03-01', scrutinyChair: chair });
    expect((await plan()).find((e) => e.runId === runs.urgent)).toMatchObject({ decisionDate: '2017-03-23', urgency: { kind: 'general-exception', reason: urgency.reason } });
    const audit = (await run('urgent')).events.map((e: { what: string }) => e.what).join('\n');
    expect(audit).toMatch(/general exception/);
    await settle(t);
    const told = emailsAbout(await t.emails(), 'Domestic Abuse Strategy').filter((e) => /General exception/.test(e.subject));
    expect(told).toHaveLength(1);
    expect(told[0].to).toEqual([chair.email]);
    expect(told[0].cc).toEqual([clerk.email]);
  });

  it('checks the 28 days again when the Cabinet meeting moves: 400 on meetingDate', async () => {
    const res = await t.api.patch(`/api/runs/${runs.adopted}/stages/cabinet`, { meetingDate: '2017-03-27' }, { as: clerk });
    expect(res.status).toBe(400);
    expect(Object.keys(res.body.error.fields)).toEqual(['meetingDate']);
    expect((await run('adopted')).stages[0].meetingDate).toBe('2017-04-13');
  });

  it('takes a key decision off a Cabinet meeting the calendar moves too soon, until the clerk records urgency for it', async () => {
    const meetingId = (await t.api.post('/api/meetings', { body: 'cabinet', date: '2017-04-20', time: '18:00' }, { as: clerk })).body.meetingId as string;
    const started = await start('Anti-social Behaviour Policy', { meetingId });
    expect(started.status).toBe(201);
    runs.moved = started.body.runId;
    // Moved to Monday 27 March: 25 clear days after the notice of 1 March.
    expect((await t.api.patch(`/api/meetings/${meetingId}`, { date: '2017-03-27' }, { as: clerk })).status).toBe(200);
    await settle(t);
    expect((await run('moved')).stages[0]).toMatchObject({ meetingId, meetingStatus: 'key-decision-notice' });
    expect((await plan()).find((e) => e.runId === runs.moved)).toMatchObject({ status: 'to-be-rescheduled' });
    const needed = emailsAbout(await t.emails(), 'Anti-social Behaviour Policy').filter((e) => /^A new meeting is needed/.test(e.subject));
    expect(needed).toHaveLength(1);
    expect(needed[0].to).toEqual([clerk.email]);
    expect(wordsOf(needed[0])).toMatch(/fewer than 28 clear days/);

    // The clerk keeps the meeting, under special urgency.
    const urgency = { kind: 'special-urgency', agreedBy: { name: chair.name, role: 'Chair of Overview and Scrutiny' }, reason: 'The order must be made before the summer' };
    const kept = await t.api.patch(`/api/runs/${runs.moved}/stages/cabinet`, { meetingId, urgency }, { as: clerk });
    expect(kept.status).toBe(200);
    expect((await run('moved')).stages[0]).toMatchObject({ meetingDate: '2017-03-27', meetingStatus: 'scheduled', urgency: { kind: 'special-urgency' } });
    expect((await t.api.post(`/api/runs/${runs.moved}/withdraw`, { reason: 'Out of this test' }, { as: clerk })).status).toBe(200);
  });

  it("moves a stage from its run page to another meeting on the calendar, of the stage's own body only", async () => {
    const meeting = async (date: string) => (await t.api.post('/api/meetings', { body: 'cabinet', date, time: '18:00' }, { as: clerk })).body.meetingId as string;
    const [first, second] = [await meeting('2017-04-27'), await meeting('2017-05-04')];
    const started = await start('Street Trading Policy', { meetingId: first });
    expect(started.status).toBe(201);
    const runId = started.body.runId as string;
    const pages = pageClient(t);
    const page = await pages.get(`/runs/${runId}`, clerk);
    expect(sectionOf(page.html, 'reschedule')).toContain(`<option value="${second}">Cabinet, Thursday 4 May 2017</option>`);

    const wrongBody = await pages.submit(`/runs/${runId}`, `/runs/${runId}/reschedule`, { stageId: 'cabinet', meetingId: scrutiny3May }, clerk);
    expect(wrongBody.status).toBe(400);
    expect(wrongBody.html).toContain('href="#meetingId"');
    const moved = await pages.submit(`/runs/${runId}`, `/runs/${runId}/reschedule`, { stageId: 'cabinet', meetingId: second }, clerk);
    expect(moved.status).toBe(303);
    expect((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.stages[0]).toMatchObject({ meetingId: second, meetingDate: '2017-05-04', meetingStatus: 'scheduled' });
    expect((await t.api.post(`/api/runs/${runId}/withdraw`, { reason: 'Out of this test' }, { as: clerk })).status).toBe(200);
  });

  it('records the final decision of the Cabinet with its call-in period; the decision notice goes to the author and the clerk', async () => {
    await t.advanceClock(london('2017-04-13', '20:00'));
    for (const key of ['adopted', 'calledIn']) {
      const res = await t.api.post(
        `/api/runs/${runs[key]}/stages/cabinet/decision`,
        { outcome: 'approved', resolution: 'Agreed: the strategy meets the partnership plan', alternatives: 'Doing nothing; a two-year strategy' },
        { as: clerk },
      );
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ status: 'running', callIn: { endsOn: '2017-04-24', status: 'open' } });
      expect(res.body.stages[0].decisions[0]).toMatchObject({ callInEndsOn: '2017-04-24', alternatives: 'Doing nothing; a two-year strategy', noticeRef: 'cabinet-1' });
    }
    await settle(t);
    const notices = emailsAbout(await t.emails(), 'Community Safety Strategy 2017-20').filter((e) => e.subject.startsWith('Decision: Cabinet approved'));
    expect(notices).toHaveLength(1);
    expect(notices[0].to).toEqual([author.email]);
    expect(isTo(notices[0], clerk.email)).toBe(true);
    const words = wordsOf(notices[0]);
    expect(words).toContain('Doing nothing; a two-year strategy');
    expect(words).toContain('Agreed: the strategy meets the partnership plan');
    expect(mentionsDate(words, '2017-04-24')).toBe(true);
    // Taken: off the forward plan, shown in its call-in period on the dashboard and the run's page.
    expect((await plan()).map((e) => e.runId)).not.toContain(runs.adopted);
    const pages = pageClient(t);
    expect((await pages.get('/', clerk)).html).toMatch(/Call-in period/);
    const runPage = await pages.get(`/runs/${runs.adopted}`, clerk);
    expect(runPage.html).toContain('call-in period until the end of Monday 24 April 2017');
    const notice = await pages.get(`/runs/${runs.adopted}/decisions/cabinet-1`, clerk);
    expect(notice.status).toBe(200);
    expect(notice.html).toContain('Alternatives considered and rejected');
    expect(notice.html).toContain('until the end of Monday 24 April 2017');
  });

  it('publishes the decision notice of a public report to anyone, without signing in; an exempt report\'s is not found', async () => {
    const open = await t.api.get(`/decisions/${runs.adopted}/cabinet-1`);
    expect(open.status).toBe(200);
    expect(open.body).toContain('Decision notice: Cabinet, Thursday 13 April 2017');
    expect(open.body).toContain('Doing nothing; a two-year strategy');
    expect(open.body).not.toContain('Back to the run');
    expect((await t.api.get(`/decisions/${runs.adopted}/cabinet-9`)).status).toBe(404);
    expect((await t.api.get(`/decisions/${runs.exempt}/cabinet-1`)).status).toBe(404);
    expect((await t.api.get('/decisions/no-such-run/cabinet-1')).status).toBe(404);
  });

  it('adds a scrutiny stage at the meeting named when the decision is called in, once', async () => {
    await t.advanceClock(london('2017-04-18', '10:00'));
    const body = { by: 'Cllr Ann Member and Cllr Bob Member', reason: 'The night-time economy was not consulted on', meetingId: scrutiny3May };
    const res = await t.api.post(`/api/runs/${runs.calledIn}/call-in`, body, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.callIn).toEqual({ endsOn: '2017-04-24', status: 'called-in' });
    expect(res.body.currentStage).toBe('call-in');
    expect(res.body.stages[1]).toMatchObject({ id: 'call-in', kind: 'scrutiny', body: 'Overview and Scrutiny Committee', meetingDate: '2017-05-03', meetingId: scrutiny3May });
    expect((await t.api.post(`/api/runs/${runs.calledIn}/call-in`, body, { as: clerk })).status).toBe(409);
    expect((await t.api.post(`/api/runs/${runs.calledIn}/call-in`, body, { as: as(author, 'author') })).status).toBe(403);
  });

  it('adopts the plan nobody called in on the day after the period ends and tells everyone on it; a call-in then is a 409', async () => {
    await t.advanceClock(london('2017-04-24', '23:30'));
    expect((await run('adopted')).status).toBe('running');
    await t.advanceClock(london('2017-04-25', '09:00'));
    const adopted = await run('adopted');
    expect(adopted).toMatchObject({ status: 'adopted', callIn: { endsOn: '2017-04-24', status: 'ended' } });
    const finished = emailsAbout(await t.emails(), 'Community Safety Strategy 2017-20').filter((e) => e.subject.startsWith('Run finished (adopted)'));
    expect(finished).toHaveLength(1);
    for (const who of [author.email, clerk.email, officer.email]) expect(isTo(finished[0], who)).toBe(true);
    const late = await t.api.post(`/api/runs/${runs.adopted}/call-in`, { by: 'Cllr Late', reason: 'Too late', meetingId: scrutiny3May }, { as: clerk });
    expect(late.status).toBe(409);
    // The called-in decision has not taken effect.
    expect((await run('calledIn')).status).toBe('running');
  });

  it('takes the scrutiny committee\'s "no further action": the decision stands and the plan is adopted', async () => {
    await t.advanceClock(london('2017-05-03', '20:00'));
    const res = await t.api.post(`/api/runs/${runs.calledIn}/stages/call-in/decision`, { outcome: 'noted', resolution: 'No further action' }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('adopted');
  });
});
