/**
 * The pages' forms through the real local stack: starting a run (with its error round trip, routes, extra rows
 * and double submission), the clerk's decision, reschedule and withdrawal forms, answering a sign-off, and the
 * form tokens that refuse cross-site posts.
 */
import { letRealTimePass, resetRealTime } from '../../functions/platform/clock';
import { logger } from '../../functions/platform/logger';
import { dynamo } from '../../functions/store/dynamo';
import { IDEMPOTENCY_LOCK_SECONDS } from '../../functions/store/idempotency';
import { startTestStack, type Caller, type TestStack } from '../support/localStack';
import { csrfOf, pageClient, sectionOf, textOf } from './support/pageClient';
import { planFields, postStartForm } from './support/startForm';

const clerk: Caller = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] };
const otherClerk: Caller = { email: 'colin.clerk@example.gov.uk', name: 'Colin Clerk', roles: ['clerk'] };
const manager: Caller = { email: 'mia.manager@example.gov.uk', name: 'Mia Manager', roles: ['manager'] };
const legal: Caller = { email: 'k.trowell@example.gov.uk', name: 'Keith Trowell', roles: ['officer'] };

let t: TestStack;
let pages: ReturnType<typeof pageClient>;
let n = 0;

beforeAll(async () => {
  logger.setLogLevel('WARN');
  t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
  pages = pageClient(t);
});

afterAll(async () => {
  await t?.stop();
});

/** The start-a-run form as the clerk fills it in: two stages, one sign-off. */
function filledIn(title: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...planFields(title),
    'stages-0-body': 'Management Board',
    'stages-0-kind': 'board',
    'stages-0-meetingDate-day': '9',
    'stages-0-meetingDate-month': '2',
    'stages-0-meetingDate-year': '2017',
    'stages-1-body': 'Cabinet',
    'stages-1-kind': 'executive',
    'stages-1-meetingDate-day': '9',
    'stages-1-meetingDate-month': '3',
    'stages-1-meetingDate-year': '2017',
    'stages-2-body': '',
    'signoffs-0-area': 'Legal',
    'signoffs-0-officer-name': 'Keith Trowell',
    'signoffs-0-officer-email': legal.email,
    'signoffs-0-requiredBefore': '1',
    action: 'start',
    ...overrides,
  };
}

const startFromForm = (fields: Record<string, string>, as: Caller = clerk) => postStartForm(pages, fields, as);

const runIdOf = (location: string | null) => /^\/runs\/([^/?]+)\?updated=started$/.exec(location ?? '')![1];
const runsTitled = async (title: string) => (await t.api.get('/api/runs', { as: manager })).body.runs.filter((r: { plan: { title: string } }) => r.plan.title === title);

describe('starting a run from /runs/new', () => {
  it('starts the run through the same rules as POST /api/runs and goes to its page', async () => {
    const title = `Community Safety Plan ${++n}`;
    const { res } = await startFromForm(filledIn(title));
    expect(res.status).toBe(303);
    const runId = runIdOf(res.location);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run).toMatchObject({
      status: 'running',
      plan: { title, author: { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' }, keyDecision: false, classification: 'public' },
      startedBy: { email: clerk.email },
      stages: [
        { id: 'management-board', body: 'Management Board', kind: 'board', meetingDate: '2017-02-09', publishBy: '2017-02-01' },
        { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-09', publishBy: '2017-03-01' },
      ],
      signoffs: [{ id: 'legal', area: 'Legal', officer: { name: 'Keith Trowell', email: legal.email }, requiredBefore: 'cabinet', dueBy: '2017-02-22', status: 'requested' }],
    });
    const page = await pages.get(res.location!, clerk);
    expect(textOf(page.html)).toContain('The run has started. Every sign-off has been requested by email.');
  });

  it('shows an error summary linking each bad field, keeps what was typed, and starts nothing', async () => {
    const before = (await t.api.get('/api/runs', { as: manager })).body.runs.length;
    const { res } = await startFromForm(
      filledIn('', { 'plan-author-email': 'terry', 'stages-1-meetingDate-day': '30', 'stages-1-meetingDate-month': '2', 'signoffs-0-officer-name': '' }),
    );
    expect(res.status).toBe(400);
    expect(res.html).toMatch(/<title>Error: Start a run - Ratify<\/title>/);
    const summary = sectionOf(res.html, 'main-content').split('</ul>')[0];
    const links = [...summary.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['#plan-title', 'Enter the plan title'],
      ['#plan-author-email', 'Enter the author&#39;s email address in the correct format, like name@example.gov.uk'],
      ['#stages-1-meetingDate-day', 'Meeting date for stage 2 must be a real date, like 27 3 2027'],
      ['#signoffs-0-officer-name', 'Enter the name of the officer for sign-off 1'],
    ]);
    // Each field shows its own message, and the values typed are still there.
    expect(res.html).toMatch(/<p id="plan-title-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Enter the plan title/);
    expect(res.html).toContain('id="plan-author-email" name="plan-author-email" type="email" spellcheck="false" value="terry"');
    expect(res.html).toMatch(/id="stages-1-meetingDate-day" name="stages-1-meetingDate-day" type="text" value="30"/);
    expect(res.html).toContain('value="Cabinet"');
    expect((await t.api.get('/api/runs', { as: manager })).body.runs.length).toBe(before);
  });

  it('refuses a key decision whose Cabinet is too soon for the forward plan, then starts it under special urgency', async () => {
    const title = `Key decision ${++n}`;
    // Cabinet on 2 February: 23 clear days after today's notice.
    const soon = { 'plan-keyDecision': 'yes', 'stages-0-meetingDate-day': '23', 'stages-0-meetingDate-month': '1', 'stages-1-meetingDate-day': '2', 'stages-1-meetingDate-month': '2' };
    const refused = (await startFromForm(filledIn(title, soon))).res;
    expect(refused.status).toBe(400);
    expect(textOf(refused.html)).toContain('Meeting date for stage 2 is too soon for a key decision');
    expect(refused.html).toContain('name="urgency-kind"');

    const missing = (await startFromForm(filledIn(title, { ...soon, 'urgency-kind': 'special-urgency' }))).res;
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('href="#urgency-agreedBy-name"');
    expect(missing.html).toContain('value="special-urgency" checked');

    const urgent = { 'urgency-kind': 'special-urgency', 'urgency-agreedBy-name': 'Cllr Sue Scrutiny', 'urgency-agreedBy-role': 'Chair of Overview and Scrutiny', 'urgency-reason': 'The order lapses in February' };
    const { res } = await startFromForm(filledIn(title, { ...soon, ...urgent }));
    expect(res.status).toBe(303);
    const run = (await t.api.get(`/api/runs/${runIdOf(res.location)}`, { as: clerk })).body;
    expect(run.stages.map((s: { urgency?: unknown }) => s.urgency ?? null)).toEqual([
      null,
      expect.objectContaining({ kind: 'special-urgency', agreedBy: { name: 'Cllr Sue Scrutiny', role: 'Chair of Overview and Scrutiny' }, reason: 'The order lapses in February' }),
    ]);
  });

  it("shows the API's rules across items (meetings out of order, in the past) on the later stage", async () => {
    const { res } = await startFromForm(filledIn(`Plan ${++n}`, { 'stages-1-meetingDate-month': '1', 'stages-1-meetingDate-day': '20', 'stages-0-meetingDate-month': '1', 'stages-0-meetingDate-day': '6' }));
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toContain('Meeting date for stage 1 must be today or in the future');
    expect(res.html).toContain('href="#stages-0-meetingDate-day"');
    const order = await startFromForm(filledIn(`Plan ${++n}`, { 'stages-1-meetingDate-month': '1', 'stages-1-meetingDate-day': '20' }));
    expect(textOf(order.res.html)).toContain('Meeting date for stage 2 must be the same as or after the meeting date of the stage before it');
  });

  it('links a repeated sign-off and a meeting over ten years ahead from the error summary to their own inputs', async () => {
    const { res } = await startFromForm(
      filledIn(`Plan ${++n}`, {
        'stages-1-meetingDate-year': '2037',
        'signoffs-1-area': 'Finance',
        'signoffs-1-officer-name': 'Terry Hughes',
        'signoffs-1-officer-email': 'terry.hughes@example.gov.uk',
        'signoffs-1-requiredBefore': '1',
        'signoffs-2-area': 'legal',
        'signoffs-2-officer-name': 'Keith Trowell',
        'signoffs-2-officer-email': legal.email,
        'signoffs-2-requiredBefore': '1',
      }),
    );
    expect(res.status).toBe(400);
    const summary = sectionOf(res.html, 'main-content').split('</ul>')[0];
    const links = [...summary.matchAll(/<a href="#([^"]+)">([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual([
      ['stages-1-meetingDate-day', 'Meeting date for stage 2 must be within 10 years of today: check the year'],
      ['signoffs-2-area', 'Sign-off 3 repeats sign-off 1 (the same area, officer and stage): change it or leave its row blank'],
    ]);
    // Each link's target is an input of the form, and each field shows its message.
    for (const [id] of links) expect(res.html).toMatch(new RegExp(`<input[^>]* id="${id}"`));
    expect(res.html).toMatch(/<p id="signoffs-2-area-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Sign-off 3 repeats sign-off 1/);
    expect(res.html).toMatch(/<p id="stages-1-meetingDate-error" class="govuk-error-message">\s*<span class="govuk-visually-hidden">Error:<\/span> Meeting date for stage 2 must be within 10 years/);
  });

  it('fills in the stages of a route, and adds rows, without starting anything', async () => {
    const { res } = await startFromForm(filledIn(`Plan ${++n}`, { route: 'district-executive', action: 'use-route' }));
    expect(res.status).toBe(200);
    expect(res.html).toContain('name="stages-5-id" value="council"');
    expect(res.html).toMatch(/id="stages-5-body" name="stages-5-body" type="text" value="Full Council"/);
    expect(res.html).not.toContain('stages-6-body');
    expect(res.html).toMatch(/id="plan-title" name="plan-title" type="text" value="Plan \d+"/);
    const more = await pages.post('/runs/new', { csrfToken: csrfOf(res.html), ...filledIn('x', { action: 'add-signoff' }) }, clerk);
    expect(more.html).toContain('id="signoffs-1-area"');
    expect(more.html).not.toContain('id="signoffs-2-area"');
  });

  it('starts one run when the same form is sent twice', async () => {
    const title = `Twice ${++n}`;
    const first = await startFromForm(filledIn(title));
    const again = await pages.post('/runs/new', { csrfToken: csrfOf((await pages.get('/runs/new', clerk)).html), formId: first.formId, ...filledIn(title) }, clerk);
    expect(again.status).toBe(303);
    expect(again.location).toBe(first.res.location);
    expect(await runsTitled(title)).toHaveLength(1);
  });

  it('starts one run when the form is sent again after a crash cut off the first before its answer was stored', async () => {
    const title = `Crashed ${++n}`;
    const db = dynamo();
    const real = db.send.bind(db) as (c: any) => Promise<any>;
    let crashed!: () => void;
    const happened = new Promise<void>((resolve) => (crashed = resolve));
    jest.spyOn(db, 'send').mockImplementation(async (command: any) => {
      const input = command.input ?? {};
      if (command.constructor.name === 'UpdateCommand' && input.Key?.sk === 'IDEMP' && input.ExpressionAttributeValues?.[':done'] === 'done') {
        crashed();
        return new Promise<never>(() => {});
      }
      return real(command);
    });
    const form = await pages.get('/runs/new', clerk);
    const formId = /name="formId" value="([^"]+)"/.exec(form.html)![1];
    void pages.post('/runs/new', { csrfToken: csrfOf(form.html), formId, ...filledIn(title) }, clerk).catch(() => undefined);
    await happened;
    jest.restoreAllMocks();
    const [stored] = await runsTitled(title);
    try {
      // The claim is held until its lock runs out in real time; then the same form finds the run the first stored.
      letRealTimePass((IDEMPOTENCY_LOCK_SECONDS + 1) * 1000);
      const again = await pages.post('/runs/new', { csrfToken: csrfOf((await pages.get('/runs/new', clerk)).html), formId, ...filledIn(title) }, clerk);
      expect(again.status).toBe(303);
      expect(runIdOf(again.location)).toBe(stored.runId);
      expect(await runsTitled(title)).toHaveLength(1);
    } finally {
      resetRealTime();
    }
  });

  it('refuses a post without the form token, with another session’s token, or from another site (403), and starts nothing', async () => {
    const title = `Forged ${++n}`;
    const fields = filledIn(title);
    expect((await pages.post('/runs/new', fields, clerk)).status).toBe(403);
    const othersToken = csrfOf((await pages.get('/runs/new', otherClerk)).html);
    const stolen = await pages.post('/runs/new', { ...fields, csrfToken: othersToken }, clerk);
    expect(stolen.status).toBe(403);
    expect(textOf(stolen.html)).toContain('This form could not be sent');
    const ownToken = csrfOf((await pages.get('/runs/new', clerk)).html);
    expect((await pages.post('/runs/new', { ...fields, csrfToken: ownToken }, clerk, { origin: 'https://evil.example.com' })).status).toBe(403);
    expect((await pages.post('/runs/new', { ...fields, csrfToken: ownToken }, clerk, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect(await runsTitled(title)).toHaveLength(0);
  });
});

describe("moving a key decision's Cabinet meeting from the run page", () => {
  let runId: string;

  beforeAll(async () => {
    const { res } = await startFromForm(filledIn('Licensing Policy', { 'plan-keyDecision': 'yes' }));
    runId = runIdOf(res.location);
  });

  const submit = (fields: Record<string, string>) => pages.submit(`/runs/${runId}`, `/runs/${runId}/reschedule`, fields, clerk);
  // Thursday 2 February: 23 clear days after the notice of 9 January.
  const tooSoon = { stageId: 'cabinet', 'meetingDate-day': '2', 'meetingDate-month': '2', 'meetingDate-year': '2017' };

  it('offers the urgency with the move, and refuses a move too soon without one on the date', async () => {
    const page = await pages.get(`/runs/${runId}`, clerk);
    expect(sectionOf(page.html, 'reschedule')).toContain('name="urgency-kind"');
    // The board must meet before the Cabinet: bring it forward first.
    expect((await submit({ stageId: 'management-board', 'meetingDate-day': '26', 'meetingDate-month': '1', 'meetingDate-year': '2017' })).status).toBe(303);
    const res = await submit(tooSoon);
    expect(res.status).toBe(400);
    expect(textOf(res.html)).toContain('is too soon for a key decision');
  });

  it('moves it under the general exception, the scrutiny chair informed 5 clear days before', async () => {
    const early = await submit({ ...tooSoon, 'urgency-kind': 'general-exception', 'urgency-informed-day': '30', 'urgency-informed-month': '1', 'urgency-informed-year': '2017' });
    expect(early.status).toBe(400);
    expect(early.html).toContain('value="general-exception" checked');
    const res = await submit({ ...tooSoon, 'urgency-kind': 'general-exception', 'urgency-informed-day': '9', 'urgency-informed-month': '1', 'urgency-informed-year': '2017', 'urgency-reason': 'The licence lapses' });
    expect(res.status).toBe(303);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.stages[1]).toMatchObject({ meetingDate: '2017-02-02', urgency: { kind: 'general-exception', scrutinyChairInformedOn: '2017-01-09', reason: 'The licence lapses' } });
  });
});

describe("the clerk's forms on a run's page", () => {
  let runId: string;

  beforeAll(async () => {
    const { res } = await startFromForm(filledIn('Safer Streets Plan'));
    runId = runIdOf(res.location);
  });

  const submit = (form: string, fields: Record<string, string>, as: Caller = clerk) => pages.submit(`/runs/${runId}`, `/runs/${runId}/${form}`, fields, as);

  it('refuses a decision before the meeting, saying why, on the run page', async () => {
    const page = await pages.get(`/runs/${runId}`, clerk);
    expect(textOf(sectionOf(page.html, 'decision-note'))).toBe('The Management Board meets on Thursday 9 February 2017: its decision can be recorded from that day.');
    const res = await submit('decision', { stageId: 'management-board', outcome: 'approved' });
    expect(res.status).toBe(409);
    expect(textOf(res.html)).toContain('There is a problem The Management Board meets on 2017-02-09: its decision can be recorded from that day');
  });

  it('moves a meeting: the deadlines follow; a date in the past is refused on its field', async () => {
    const past = await submit('reschedule', { stageId: 'management-board', 'meetingDate-day': '1', 'meetingDate-month': '1', 'meetingDate-year': '2017' });
    expect(past.status).toBe(400);
    expect(past.html).toContain('<a href="#meetingDate-day">The new meeting date must be today or in the future</a>');
    expect(past.html).toMatch(/id="meetingDate-day" name="meetingDate-day" type="text" value="1"/);
    const res = await submit('reschedule', { stageId: 'management-board', 'meetingDate-day': '16', 'meetingDate-month': '2', 'meetingDate-year': '2017' });
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/runs/${runId}?updated=reschedule`);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.stages[0]).toMatchObject({ meetingDate: '2017-02-16', publishBy: '2017-02-08' });
    expect(textOf((await pages.get(res.location!, clerk)).html)).toContain('The meeting is moved: its deadlines are worked out again.');
  });

  it('records a decision from the day of the meeting, after showing what was missing', async () => {
    await t.advanceClock('2017-02-16T09:00:00Z');
    const page = await pages.get(`/runs/${runId}`, clerk);
    expect(page.html).toContain('id="decision"');
    const missing = await submit('decision', { stageId: 'management-board', outcome: 'deferred', resolution: 'Deferred for more data' });
    expect(missing.status).toBe(400);
    expect(missing.html).toContain('<a href="#deferTo-day">Enter the date of the meeting it is deferred to</a>');
    expect(missing.html).toMatch(/value="deferred" checked/);
    const res = await submit('decision', { stageId: 'management-board', outcome: 'approved', resolution: 'Recommended to Cabinet' });
    expect(res.status).toBe(303);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'approved', resolution: 'Recommended to Cabinet', decidedBy: { name: 'Cleo Clerk', email: clerk.email } })]);
    const after = await pages.get(`/runs/${runId}?updated=decision`, clerk);
    expect(textOf(after.html)).toContain('The decision is recorded.');
    expect(textOf(sectionOf(after.html, 'timetable'))).toContain('Approved on Thursday 16 February 2017 Recommended to Cabinet');
  });

  it("refuses the clerk's forms to anyone else, even with their own form token", async () => {
    // The officer's own sign-off page gives them a valid form token for their session.
    const res = await pages.submit(`/runs/${runId}/signoffs/legal`, `/runs/${runId}/withdraw`, { reason: 'Not mine to withdraw' }, legal);
    expect(res.status).toBe(403);
    expect(textOf(res.html)).toContain('This page is for the role clerk.');
    expect((await pages.post(`/runs/${runId}/withdraw`, { reason: 'Not mine either' }, manager)).status).toBe(403);
    expect((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.status).toBe('running');
  });

  it('withdraws the run, once a reason is given', async () => {
    const empty = await submit('withdraw', { reason: ' ' });
    expect(empty.status).toBe(400);
    expect(empty.html).toContain('<a href="#reason">Enter why the run is withdrawn</a>');
    const res = await submit('withdraw', { reason: 'Merged into the Community Safety Plan' });
    expect(res.status).toBe(303);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run).toMatchObject({ status: 'withdrawn', withdrawal: { reason: 'Merged into the Community Safety Plan' } });
    const page = await pages.get(`/runs/${runId}`, clerk);
    expect(page.html).not.toContain('id="withdraw"');
    expect(textOf(page.html)).toContain('Withdrawn Merged into the Community Safety Plan (Cleo Clerk,');
  });
});

describe('posting a revised report from the run page', () => {
  const author: Caller = { email: 'terry.hughes@example.gov.uk', name: 'Terry Hughes', roles: ['author'] };
  // Meetings after anything earlier tests moved the clock to.
  const later = { 'stages-0-meetingDate-day': '9', 'stages-0-meetingDate-month': '3', 'stages-1-meetingDate-day': '9', 'stages-1-meetingDate-month': '4' };
  let runId: string;

  beforeAll(async () => {
    const { res } = await startFromForm(
      filledIn('Town Centre Plan', {
        ...later,
        'signoffs-1-area': 'Finance',
        'signoffs-1-officer-name': 'Fiona Finance',
        'signoffs-1-officer-email': 'fiona@example.gov.uk',
        'signoffs-1-requiredBefore': '1',
      }),
    );
    runId = runIdOf(res.location);
    for (const [id, as] of [['legal', legal], ['finance', clerk]] as const) {
      expect((await t.api.post(`/api/runs/${runId}/signoffs/${id}`, { result: 'signed' }, { as })).status).toBe(200);
    }
  });

  const submit = (fields: Record<string, string>, as: Caller = author) => pages.submit(`/runs/${runId}`, `/runs/${runId}/revision`, fields, as);
  const signoffs = async () =>
    Object.fromEntries((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.signoffs.map((so: { id: string; status: string }) => [so.id, so.status]));

  it("offers the plan's author the form with every sign-off ticked, and not an officer or a manager", async () => {
    const page = await pages.get(`/runs/${runId}`, author);
    const form = sectionOf(page.html, 'revision');
    expect(form).toMatch(/name="invalidates" type="checkbox" value="legal" checked/);
    expect(form).toMatch(/name="invalidates" type="checkbox" value="finance" checked/);
    expect(page.html).not.toContain('id="clerk-actions"');
    expect((await pages.get(`/runs/${runId}`, legal)).html).not.toContain('id="revision"');
    expect((await pages.get(`/runs/${runId}`, manager)).html).not.toContain('id="revision"');
  });

  it('asks for a summary, keeping the sign-offs ticked, and records nothing without one', async () => {
    const res = await submit({ summary: ' ', invalidates: 'finance' });
    expect(res.status).toBe(400);
    expect(res.html).toContain('<a href="#summary">Enter what the revised report changes</a>');
    expect(res.html).toMatch(/value="finance" checked/);
    expect(res.html).not.toMatch(/value="legal" checked/);
    expect((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.revisions).toEqual([]);
  });

  it('records the revision through the API action and asks again only the sign-offs ticked', async () => {
    const res = await pages.submit(`/runs/${runId}`, `/runs/${runId}/revision`, { summary: 'Updated crime figures', invalidates: 'finance' }, author);
    expect(res.status).toBe(303);
    expect(res.location).toBe(`/runs/${runId}?updated=revision`);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.revisions).toEqual([expect.objectContaining({ n: 1, kind: 'revision', summary: 'Updated crime figures', invalidates: ['finance'], by: { name: 'Terry Hughes', email: author.email } })]);
    expect(await signoffs()).toEqual({ legal: 'signed', finance: 'requested' });
    const page = await pages.get(res.location!, author);
    expect(textOf(page.html)).toContain('The revised report is recorded. The sign-offs it affects are requested again.');
    expect(textOf(sectionOf(page.html, 'revisions'))).toContain('Updated crime figures');
  });

  it('lets a clerk post one for the author, by default asking every sign-off again', async () => {
    const page = await pages.get(`/runs/${runId}`, clerk);
    const res = await pages.post(`/runs/${runId}/revision`, { csrfToken: csrfOf(page.html), summary: 'New legal advice', invalidates: 'legal' }, clerk);
    expect(res.status).toBe(303);
    await pages.post(`/runs/${runId}/revision`, new URLSearchParams([['csrfToken', csrfOf(page.html)], ['summary', 'All of it'], ['invalidates', 'legal'], ['invalidates', 'finance']]), clerk);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.revisions.map((r: { summary: string; invalidates: unknown; by: { email: string } }) => [r.summary, r.invalidates, r.by.email])).toEqual([
      ['Updated crime figures', ['finance'], author.email],
      ['New legal advice', ['legal'], clerk.email],
      ['All of it', null, clerk.email],
    ]);
    expect(await signoffs()).toEqual({ legal: 'requested', finance: 'requested' });
  });

  it('refuses a post without the form token, anyone but the author or a clerk, and a sign-off not of the run (nothing recorded)', async () => {
    const other: Caller = { email: 'ann.other@example.gov.uk', name: 'Ann Other', roles: ['author'] };
    const refused = await pages.post(`/runs/${runId}/revision`, { summary: 'Not my plan' }, author);
    expect(refused.status).toBe(403);
    // Ann gets a valid form token from her own plan's page: it does not open Terry's.
    const { res: hers } = await startFromForm(filledIn('Ann’s Plan', { ...later, 'plan-author-name': 'Ann Other', 'plan-author-email': other.email }));
    const notHers = await pages.submit(hers.location!.split('?')[0], `/runs/${runId}/revision`, { summary: 'Not my plan' }, other);
    expect(notHers.status).toBe(403);
    expect(textOf(notHers.html)).toContain('Only managers, clerks and the people named on a run can see it');
    // Keith's own sign-off page gives him a valid form token for his session.
    expect((await pages.submit(`/runs/${runId}/signoffs/legal`, `/runs/${runId}/revision`, { summary: 'Not mine' }, legal)).status).toBe(403);
    // An author who is named on the run as an officer may read it, but the report is not theirs.
    const officerAuthor = await pages.submit(`/runs/${runId}/signoffs/legal`, `/runs/${runId}/revision`, { summary: 'Not mine' }, { ...legal, roles: ['author', 'officer'] });
    expect(officerAuthor.status).toBe(403);
    expect(textOf(officerAuthor.html)).toContain("Only the plan's author (Terry Hughes) or a clerk can post a revised report");
    const unknown = await submit({ summary: 'Typo', invalidates: 'no-such-signoff' });
    expect(unknown.status).toBe(400);
    expect(unknown.html).toContain('<a href="#invalidates">Select only sign-offs of this run</a>');
    expect((await t.api.get(`/api/runs/${runId}`, { as: clerk })).body.revisions).toHaveLength(3);
  });
});

describe('answering a sign-off from the pages', () => {
  it('lets the named officer sign from "My sign-offs", once', async () => {
    const { res } = await startFromForm(filledIn('Night-time Economy Plan', { 'stages-0-meetingDate-day': '9', 'stages-0-meetingDate-month': '3' , 'stages-1-meetingDate-day': '9', 'stages-1-meetingDate-month': '4' }));
    const runId = runIdOf(res.location);
    const mine = await pages.get('/signoffs', legal);
    const href = `/runs/${runId}/signoffs/legal`;
    expect(mine.html).toContain(`href="${href}"`);
    expect((await pages.get(href, manager)).status).toBe(403);
    const form = await pages.get(href, legal);
    expect(textOf(form.html)).toContain('Sign off the Legal implications');
    const noChoice = await pages.post(href, { csrfToken: csrfOf(form.html), comment: 'Fine' }, legal);
    expect(noChoice.status).toBe(400);
    expect(noChoice.html).toContain('<a href="#result">Select whether you sign off or ask for changes</a>');
    const signed = await pages.post(href, { csrfToken: csrfOf(form.html), result: 'signed', comment: 'No legal concerns' }, legal);
    expect(signed.status).toBe(303);
    expect(signed.location).toBe(`/runs/${runId}?updated=signoff`);
    const run = (await t.api.get(`/api/runs/${runId}`, { as: clerk })).body;
    expect(run.signoffs[0]).toMatchObject({ status: 'signed', comment: 'No legal concerns', answeredBy: { email: legal.email } });
    expect(sectionOf((await pages.get('/signoffs', legal)).html, 'my-signoffs')).not.toContain(runId);
    expect((await pages.get(href, legal)).status).toBe(409);
  });
});
