/**
 * The pages through the real local stack: who may see what (as the API decides), signing in, and what each
 * page shows of the runs (dashboard, run, meetings, my sign-offs).
 */
import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../../functions/store/dynamo';
import { logger } from '../../functions/platform/logger';
import { startTestStack, type Caller, type TestStack } from '../support/localStack';
import { pageClient, sectionOf, textOf } from './support/pageClient';
import { recordPublication } from './support/publication';

const clerk: Caller = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] };
const manager: Caller = { email: 'mia.manager@example.gov.uk', name: 'Mia Manager', roles: ['manager'] };
const author: Caller = { email: 'terry.hughes@example.gov.uk', name: 'Terry Hughes', roles: ['author'] };
const legal: Caller = { email: 'k.trowell@example.gov.uk', name: 'Keith Trowell', roles: ['officer'] };
const stranger: Caller = { email: 'sam.stranger@example.gov.uk', name: 'Sam Stranger', roles: ['officer', 'author'] };
const person = (c: Caller) => ({ name: c.name!, email: c.email });

let t: TestStack;
let pages: ReturnType<typeof pageClient>;
let csp: string;
let health: string;

beforeAll(async () => {
  logger.setLogLevel('WARN');
  t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
  pages = pageClient(t);
  const start = async (body: Record<string, unknown>) => {
    const res = await t.api.post('/api/runs', body, { as: clerk });
    expect(res.status).toBe(201);
    return res.body.runId as string;
  };
  csp = await start({
    plan: { title: 'Community Safety Partnership Plan 2017/18', author: person(author) },
    stages: [
      { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
      { id: 'cab', body: 'Communities Cabinet Advisory Board', kind: 'advisory', meetingDate: '2017-03-22' },
      { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
    ],
    signoffs: [{ area: 'Legal including Human Rights Act', officer: person(legal), requiredBefore: 'cab' }],
  });
  health = await start({
    plan: { title: 'Health and Wellbeing Strategy', author: { name: 'Ann Other', email: 'ann.other@example.gov.uk' } },
    stages: [{ id: 'hwb', body: 'Health and Wellbeing Board', kind: 'board', meetingDate: '2017-01-19' }],
    signoffs: [{ area: 'Finance', officer: { name: 'Fiona Finance', email: 'fiona@example.gov.uk' }, requiredBefore: 'hwb' }],
  });
});

afterAll(async () => {
  await t?.stop();
});

describe('signing in', () => {
  it('sends a browser without a session to the dev sign-in page, and back to the page afterwards', async () => {
    const res = await pages.get('/meetings?x=1');
    expect(res.status).toBe(303);
    expect(res.location).toBe('/dev/login?next=%2Fmeetings%3Fx%3D1');
    const signIn = await fetch(`${t.url}/dev/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ email: manager.email, name: manager.name!, roles: 'manager', next: '/meetings?x=1' }).toString(),
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/meetings?x=1');
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const page = await pages.get('/meetings?x=1', undefined, 'bearer', { cookie });
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Signed in as Mia Manager');
  });

  it('offers a sign-out link that, on the local stack, ends the dev session', async () => {
    const page = await pages.get('/meetings', manager);
    expect(page.html).toContain('href="/auth/logout"');
    const out = await fetch(`${t.url}/auth/logout`, { redirect: 'manual' });
    expect([out.status, out.headers.get('location')]).toEqual([303, '/dev/logout']);
  });

  it('takes the session cookie as well as a bearer token, and refuses a forged one', async () => {
    expect((await pages.get('/', manager, 'cookie')).status).toBe(200);
    const forged = await pages.get('/', undefined, 'bearer', { cookie: 'ratify_session=eyJhbGciOiJIUzI1NiJ9.eyJlbWFpbCI6Im1pYUBleGFtcGxlLmdvdi51ayJ9.x' });
    expect(forged.status).toBe(303);
    const post = await pages.post('/runs/new', { 'plan-title': 'x' });
    expect(post.status).toBe(401);
    expect(textOf(post.html)).toContain('Sign in to use Ratify');
  });

  it('sends pages that cannot be framed, cached or run inline scripts', async () => {
    const res = await pages.get('/', manager);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    // The one script is a file of the stack's own (GOV.UK Frontend started from web/ratify.mjs): none inline.
    expect([...res.html.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => [m[0].match(/src="([^"]*)"/)?.[1], m[1].trim()])).toEqual([['/assets/ratify.mjs', '']]);
  });
});

describe('an address nothing answers', () => {
  it('is the GOV.UK "Page not found" page for a person, signed in or not, and the JSON 404 for the API', async () => {
    for (const as of [undefined, manager]) {
      const res = await pages.get('/runz/mistyped', as);
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(textOf(res.html)).toContain('Page not found');
    }
    const api = await t.api.get('/api/no-such-thing', { as: manager });
    expect(api.status).toBe(404);
    expect(api.body.error.code).toBe('not-found');
    // A real page still answers as itself.
    expect((await pages.get('/meetings', manager)).status).toBe(200);
  });
});

describe('who may see what', () => {
  it('lets managers and clerks see every run, authors and officers only the runs they are named on', async () => {
    const titles = async (as: Caller) => textOf(sectionOf((await pages.get('/', as)).html, 'in-flight'));
    for (const as of [manager, clerk]) {
      expect(await titles(as)).toContain('Community Safety Partnership Plan 2017/18');
      expect(await titles(as)).toContain('Health and Wellbeing Strategy');
    }
    for (const as of [author, legal]) {
      expect(await titles(as)).toContain('Community Safety Partnership Plan 2017/18');
      expect(await titles(as)).not.toContain('Health and Wellbeing Strategy');
    }
    expect(textOf((await pages.get('/', stranger)).html)).toContain('No plans are in flight.');
  });

  it('dashboard: filters by words of the title, body, author and officer, and pages with a next link', async () => {
    const titles = async (path: string, as: Caller = manager) => textOf(sectionOf((await pages.get(path, as)).html, 'in-flight'));
    expect(await titles('/?q=wellbeing')).toContain('Health and Wellbeing Strategy');
    expect(await titles('/?q=wellbeing')).not.toContain('Community Safety Partnership Plan');
    expect(await titles(`/?officer=${encodeURIComponent(legal.email)}`)).toContain('Community Safety Partnership Plan');
    expect(await titles(`/?officer=${encodeURIComponent(legal.email)}`)).not.toContain('Health and Wellbeing Strategy');
    expect(await titles('/?body=health-and-wellbeing-board')).not.toContain('Community Safety Partnership Plan');
    expect(await titles(`/?author=${encodeURIComponent(author.email)}`)).toContain('Community Safety Partnership Plan');
    expect(await titles('/?q=wellbeing', legal)).toBe('');
    // A search the list would refuse (too many words, a cursor it did not give) is dropped: the page is shown.
    const dropped = await pages.get('/?q=a+b+c+d+e+f+g+h+i+j+k&cursor=nonsense', manager);
    expect([dropped.status, textOf(sectionOf(dropped.html, 'in-flight'))]).toEqual([200, expect.stringContaining('Health and Wellbeing Strategy')]);
    const first = await pages.get('/?limit=1', manager);
    const next = /<div class="govuk-pagination__next">\s*<a class="govuk-link govuk-pagination__link" href="([^"]+)"/.exec(first.html)?.[1];
    expect(next).toContain('limit=1');
    const second = await pages.get(next!.replace(/&amp;/g, '&'), manager);
    const shown = [textOf(sectionOf(first.html, 'in-flight')), textOf(sectionOf(second.html, 'in-flight'))].join(' ');
    expect(shown).toContain('Health and Wellbeing Strategy');
    expect(shown).toContain('Community Safety Partnership Plan');
    expect(textOf(second.html)).toContain('Counts are of the plans on this page.');
  });

  it("answers a run's page as the API does: 200 to readers, 403 to others, 404 for an unknown run", async () => {
    for (const as of [manager, clerk, author, legal]) expect((await pages.get(`/runs/${csp}`, as)).status).toBe(200);
    const refused = await pages.get(`/runs/${csp}`, stranger);
    expect(refused.status).toBe(403);
    expect(textOf(refused.html)).toContain('Only managers, clerks and the people named on a run can see it');
    expect((await pages.get(`/runs/${health}`, legal)).status).toBe(403);
    expect((await pages.get('/runs/no-such-run', manager)).status).toBe(404);
  });

  it('shows the clerk forms to clerks only, and lets only clerks start runs', async () => {
    expect((await pages.get(`/runs/${csp}`, clerk)).html).toContain('id="clerk-actions"');
    for (const as of [manager, author, legal]) expect((await pages.get(`/runs/${csp}`, as)).html).not.toContain('id="clerk-actions"');
    expect((await pages.get('/runs/new', clerk)).status).toBe(200);
    for (const as of [manager, author, legal]) expect((await pages.get('/runs/new', as)).status).toBe(403);
    expect(textOf((await pages.get('/', manager)).html)).not.toContain('Start a run');
    expect(textOf((await pages.get('/', clerk)).html)).toContain('Start a run');
  });
});

describe('what the pages show (in time order)', () => {
  const rowOf = (html: string, table: string, runId: string) => textOf(`<tr ${sectionOf(html, table).split(`data-run-id="${runId}"`)[1]?.split('</tr>')[0] ?? ''}`);

  it('dashboard: counts, each plan with its stage, next meeting, next deadline and status with its reasons', async () => {
    const html = (await pages.get('/', manager)).html;
    expect(textOf(sectionOf(html, 'counts'))).toBe('2 in flight 1 late 0 at risk 1 on track');
    // Late comes first: its sign-off was due before the run even started.
    expect(sectionOf(html, 'in-flight').indexOf(health)).toBeLessThan(sectionOf(html, 'in-flight').indexOf(csp));
    expect(rowOf(html, 'in-flight', health)).toBe(
      'Health and Wellbeing Strategy Health and Wellbeing Board Awaiting sign-offs Thursday 19 January 2017 Health and Wellbeing Board ' +
        'Wednesday 4 January 2017 (missed) Finance sign-off (Fiona Finance) Late Finance sign-off (Fiona Finance) was due on Wednesday 4 January 2017 ' +
        'Publish the report for the Health and Wellbeing Board by Wednesday 11 January 2017 (in 2 working days): 1 sign-off outstanding',
    );
    expect(rowOf(html, 'in-flight', csp)).toBe(
      'Community Safety Partnership Plan 2017/18 Community Safety Partnership Ready to publish Thursday 9 February 2017 Community Safety Partnership ' +
        'Wednesday 1 February 2017 Publish the report for the Community Safety Partnership On track',
    );
    expect(textOf(html)).toContain('No runs have finished yet.');
  });

  it('dashboard: filters the plans in flight by status', async () => {
    const shown = async (status: string) => textOf(sectionOf((await pages.get(`/?status=${status}`, manager)).html, 'in-flight'));
    expect(await shown('late')).toContain('Health and Wellbeing Strategy');
    expect(await shown('late')).not.toContain('Community Safety Partnership Plan');
    expect(await shown('on-track')).toContain('Community Safety Partnership Plan');
    expect(await shown('on-track')).not.toContain('Health and Wellbeing Strategy');
    const none = await pages.get('/?status=at-risk', manager);
    expect(textOf(none.html)).toContain('No plans in flight are at risk.');
    expect(none.html).toMatch(/<input class="govuk-radios__input" id="status-3" name="status" type="radio" value="at-risk" checked>/);
  });

  it('meetings: every upcoming meeting by date with its report and publication deadline', async () => {
    const table = sectionOf((await pages.get('/meetings', legal)).html, 'meetings');
    const rows = table.split('<tr').slice(2).map((r) => textOf(`<tr${r}`));
    expect(rows).toEqual([
      'Thursday 9 February 2017 Community Safety Partnership Community Safety Partnership Plan 2017/18 Wednesday 1 February 2017 Not yet published',
      'Wednesday 22 March 2017 Communities Cabinet Advisory Board Community Safety Partnership Plan 2017/18 Tuesday 14 March 2017 Not yet published',
      'Wednesday 26 April 2017 Full Council Community Safety Partnership Plan 2017/18 Tuesday 18 April 2017 Not yet published',
    ]);
    expect(textOf((await pages.get('/meetings', manager)).html)).toContain('Thursday 19 January 2017 Health and Wellbeing Board Health and Wellbeing Strategy Wednesday 11 January 2017');
  });

  it("my sign-offs: the officer's open sign-offs with due dates and a button to answer; nothing for others", async () => {
    const html = (await pages.get('/signoffs', legal)).html;
    expect(textOf(sectionOf(html, 'my-signoffs'))).toContain(
      'Community Safety Partnership Plan 2017/18 Legal including Human Rights Act Communities Cabinet Advisory Board Wednesday 22 March 2017 Tuesday 7 March 2017 Answer',
    );
    expect(html).toContain(`href="/runs/${csp}/signoffs/legal-including-human-rights-act"`);
    expect(textOf((await pages.get('/signoffs', manager)).html)).toContain('You have no sign-offs to answer.');
  });

  it('run: the timetable, the Issue / Implications / Sign-off table and the audit trail', async () => {
    const html = (await pages.get(`/runs/${csp}`, author)).html;
    expect(textOf(sectionOf(html, 'timetable'))).toContain('Timetable Stage Meeting Publish by Status Decisions Community Safety Partnership Partnership, current stage Thursday 9 February 2017 Wednesday 1 February 2017 Ready to publish None yet');
    expect(textOf(sectionOf(html, 'signoffs'))).toBe(
      'Issue / Implications / Sign-off Area Officer Due Status Date Legal including Human Rights Act Keith Trowell Tuesday 7 March 2017 Requested',
    );
    expect(textOf(sectionOf(html, 'audit'))).toContain('Monday 9 January 2017 at 9:00am Cleo Clerk Started the run of Community Safety Partnership Plan 2017/18');
  });

  it('meetings: a report is published when the clerk records its agenda’s despatch, not before', async () => {
    await t.advanceClock('2017-02-01T10:00:00Z');
    const row = async () => textOf(sectionOf((await pages.get('/meetings', legal)).html, 'meetings')).includes('Thursday 9 February 2017 Community Safety Partnership Community Safety Partnership Plan 2017/18 Wednesday 1 February 2017 Published');
    expect(await row()).toBe(false);
    await recordPublication(t, clerk, csp, 'csp');
    expect(await row()).toBe(true);
  });

  it('dashboard: a sign-off due within 5 working days puts a plan at risk', async () => {
    // The partnership met and its decision is recorded: the run is at the board, whose sign-off falls due.
    await t.advanceClock('2017-02-09T19:00:00Z');
    expect((await t.api.post(`/api/runs/${csp}/stages/csp/decision`, { outcome: 'approved' }, { as: clerk })).status).toBe(200);
    await t.advanceClock('2017-02-28T09:00:00Z');
    const html = (await pages.get('/', manager)).html;
    expect(rowOf(html, 'in-flight', csp)).toContain('At risk Legal including Human Rights Act sign-off (Keith Trowell) is due in 5 working days (Tuesday 7 March 2017)');
  });

  it('dashboard: a finished run moves to the finished list', async () => {
    expect((await t.api.post(`/api/runs/${health}/withdraw`, { reason: 'Merged into the Corporate Plan' }, { as: clerk })).status).toBe(200);
    const html = (await pages.get('/', manager)).html;
    expect(sectionOf(html, 'in-flight')).not.toContain(health);
    expect(rowOf(html, 'finished', health)).toBe('Health and Wellbeing Strategy Health and Wellbeing Board Tuesday 28 February 2017 at 9:00am Withdrawn');
    expect(textOf(sectionOf(html, 'counts'))).toBe('1 in flight 0 late 1 at risk 0 on track');
  });

  it('run and dashboard: a run whose workflow keeps failing says so, since when, and needs attention', async () => {
    const res = await t.api.post(
      '/api/runs',
      {
        plan: { title: 'Damaged Plan', author: person(author) },
        stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-20' }],
        signoffs: [{ area: 'Legal', officer: person(legal) }],
      },
      { as: clerk },
    );
    expect(res.status).toBe(201);
    const runId = res.body.runId as string;
    // A damaged item makes Reconcile throw (as in workflowFailure.test.ts); the execution looks again within 7 days.
    await dynamo().send(
      new UpdateCommand({ TableName: tableName(), Key: { pk: `RUN#${runId}`, sk: 'SIGNOFF#legal' }, UpdateExpression: 'SET dueFor = :d', ExpressionAttributeValues: { ':d': 'no-such-stage' } }),
    );
    await t.advanceClock('2017-03-10T09:00:00Z');
    const failure = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.workflowFailure;
    expect(failure).toMatchObject({ since: expect.any(String) });
    const page = await pages.get(`/runs/${runId}`, author);
    expect(page.status).toBe(200);
    expect(textOf(sectionOf(page.html, 'workflow-failure'))).toMatch(/This run's workflow is failing and is being tried again It has been failing since \w+ \d+ \w+ 2017 at/);
    expect(textOf(sectionOf(page.html, 'workflow-failure'))).toContain('It is tried again every 3 hours');
    const html = (await pages.get('/', manager)).html;
    expect(sectionOf(html, 'in-flight').indexOf(runId)).toBeLessThan(sectionOf(html, 'in-flight').indexOf(csp));
    expect(rowOf(html, 'in-flight', runId)).toMatch(/Late Needs attention The run's workflow has been failing since .* it is tried again every 3 hours/);
  });
});
