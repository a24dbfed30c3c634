/**
 * Bad input for every endpoint of docs/API.md, through the HTTP API only: each request is refused with the
 * documented status, error code and named fields, and nothing changes (the run as GET shows it, the run list and
 * the e-mails sent are the same before and after).
 */
import type { Answer, TestStack } from '../support/localStack';
import { expectRefused, settle, type ExpectedError } from './support/api';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';
import { london } from './support/time';

const author = person('Jo Fitzgerald', 'jo.fitzgerald@ashford.example.gov.uk');
const legal = person('Terry Clark', 'terry.clark@ashford.example.gov.uk');
const finance = person('Ben Lockwood', 'ben.lockwood@ashford.example.gov.uk');
const clerk = as(person('Danny Sheppard', 'danny.sheppard@ashford.example.gov.uk'), 'clerk');
const manager = as(person('Ron Wilkinson', 'ron.wilkinson@ashford.example.gov.uk'), 'manager');
const asAuthor = as(author, 'author');
const asLegal = as(legal, 'officer');
const asFinance = as(finance, 'officer');
const otherAuthor = as(person('Sam Tanner', 'sam.tanner@ashford.example.gov.uk'), 'author');
const otherOfficer = as(person('Lee Hart', 'lee.hart@ashford.example.gov.uk'), 'officer');

const invalid = (...fields: string[]): ExpectedError => ({ status: 400, code: 'invalid-input', fields });
const UNAUTHORIZED: ExpectedError = { status: 401, code: 'unauthorized' };
const FORBIDDEN: ExpectedError = { status: 403, code: 'forbidden' };
const NOT_FOUND: ExpectedError = { status: 404, code: 'not-found' };
const CONFLICT: ExpectedError = { status: 409, code: 'conflict' };
const NO_SUCH_RUN = '00000000-0000-4000-8000-000000000000';

/** A valid body for POST /api/runs (today is Monday 16 January 2017), with parts replaced. */
function newRun(change: (body: any) => void = () => {}): any {
  const body = structuredClone({
    plan: { title: 'Ashford Community Safety Partnership Plan 2017-18', author },
    stages: [
      { id: 'scrutiny', body: 'Overview and Scrutiny Committee', kind: 'scrutiny', meetingDate: '2017-02-14' },
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-09' },
      { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-03-23' },
    ],
    signoffs: [
      { area: 'Legal', officer: legal },
      { area: 'Finance', officer: finance, requiredBefore: 'cabinet' },
    ],
  });
  change(body);
  return body;
}

type Case = [sentence: string, request: () => Promise<Answer>, expected: ExpectedError];

describe('bad input, for every endpoint', () => {
  let t: TestStack;
  let runId: string;
  let legalId: string;
  let financeId: string;
  const refused = (request: () => Promise<Answer>, expected: ExpectedError) => expectRefused(t, clerk, [runId], request, expected);
  const run = (path = '') => `/api/runs/${runId}${path}`;

  beforeAll(async () => {
    t = await startStackAt('2017-01-16');
    const res = await t.api.post('/api/runs', newRun(), { as: clerk });
    if (res.status !== 201) throw new Error(`The run to test against was not started: ${res.status} ${JSON.stringify(res.body)}`);
    runId = res.body.runId;
    legalId = res.body.signoffs.find((s: any) => s.area === 'Legal').id;
    financeId = res.body.signoffs.find((s: any) => s.area === 'Finance').id;
    await settle(t);
  });

  afterAll(async () => {
    await stopStack(t);
  });

  describe('POST /api/runs', () => {
    const post = (body: unknown, caller = clerk) => () => t.api.post('/api/runs', body, { as: caller });
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.post('/api/runs', newRun()), UNAUTHORIZED],
      ['refuses a caller with a token that is not one', () => t.api.post('/api/runs', newRun(), { headers: { authorization: 'Bearer not.a.token' } }), UNAUTHORIZED],
      ['refuses an author', post(newRun(), asAuthor), FORBIDDEN],
      ['refuses an officer', post(newRun(), asLegal), FORBIDDEN],
      ['refuses a manager', post(newRun(), manager), FORBIDDEN],
      ['refuses a plan without a title', post(newRun((b) => delete b.plan.title)), invalid('plan.title')],
      // A lone surrogate cannot be encoded in an e-mail: it would fail every e-mail of the run.
      ['refuses a title that is not valid Unicode (a lone surrogate)', post(newRun((b) => (b.plan.title = 'Plan \ud800 2017'))), invalid('plan.title')],
      [
        'refuses names that are not valid Unicode',
        post(newRun((b) => ((b.plan.author.name = 'Jo \udfff'), (b.signoffs[0].officer.name = '\ud800'), (b.signoffs[1].area = 'Fin\ud83dance')))),
        invalid('plan.author.name', 'signoffs.0.officer.name', 'signoffs.1.area'),
      ],
      ['refuses a plan without an author', post(newRun((b) => delete b.plan.author)), invalid('plan.author')],
      ['refuses a run without stages', post(newRun((b) => delete b.stages)), invalid('stages')],
      ['refuses a stage without a meeting date', post(newRun((b) => delete b.stages[1].meetingDate)), invalid('stages.1.meetingDate')],
      ['refuses a sign-off without the officer’s e-mail', post(newRun((b) => delete b.signoffs[0].officer.email)), invalid('signoffs.0.officer.email')],
      ['refuses a title of more than 300 characters', post(newRun((b) => (b.plan.title = 'x'.repeat(301)))), invalid('plan.title')],
      ['refuses keyDecision given as text', post(newRun((b) => (b.plan.keyDecision = 'no'))), invalid('plan.keyDecision')],
      ['refuses a count of clear days given as text', post(newRun((b) => (b.clearDays = { count: 'five', excludeNonWorkingDays: true }))), invalid('clearDays.count')],
      ['refuses stages given as text', post(newRun((b) => (b.stages = 'scrutiny, cabinet'))), invalid('stages')],
      ['refuses an unknown kind of stage', post(newRun((b) => (b.stages[1].kind = 'cabinet'))), invalid('stages.1.kind')],
      ['refuses a meeting date written the British way', post(newRun((b) => (b.stages[1].meetingDate = '09/03/2017'))), invalid('stages.1.meetingDate')],
      ['refuses a meeting date that does not exist', post(newRun((b) => (b.stages[0].meetingDate = '2017-02-30'))), invalid('stages.0.meetingDate')],
      ['refuses an author e-mail that is not an address', post(newRun((b) => (b.plan.author.email = 'jo.fitzgerald'))), invalid('plan.author.email')],
      [
        'names every bad field at once',
        post(
          newRun((b) => {
            delete b.plan.title;
            b.stages[2].kind = 'full-council';
            b.signoffs[1].officer.email = 'ben';
          }),
        ),
        invalid('plan.title', 'stages.2.kind', 'signoffs.1.officer.email'),
      ],
      ['refuses meetings out of order, on the later stage', post(newRun((b) => (b.stages[1].meetingDate = '2017-02-13'))), invalid('stages.1.meetingDate')],
      ['refuses a last meeting before the one before it', post(newRun((b) => (b.stages[2].meetingDate = '2017-03-08'))), invalid('stages.2.meetingDate')],
      ['refuses a meeting in the past', post(newRun((b) => (b.stages[0].meetingDate = '2017-01-13'))), invalid('stages.0.meetingDate')],
      ['refuses a route that is not a route template', post(newRun((b) => (b.route = 'six-stage-district-route-of-nowhere'))), invalid('route')],
      ['refuses a sign-off required before an unknown stage', post(newRun((b) => (b.signoffs[0].requiredBefore = 'executive'))), invalid('signoffs.0.requiredBefore')],
      ['refuses a body that is not JSON', () => t.api.request('POST', '/api/runs', { as: clerk, body: '{"plan": {"title": ' }), { status: 400, code: 'invalid-input' }],
      ['refuses a body over 1 MB', post(newRun((b) => (b.plan.summary = 'x'.repeat(1024 * 1024 + 1)))), { status: 413, code: 'payload-too-large' }],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });
  });

  describe('GET /api/runs', () => {
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.get('/api/runs'), UNAUTHORIZED],
      ['refuses an author', () => t.api.get('/api/runs', { as: asAuthor }), FORBIDDEN],
      ['refuses an officer', () => t.api.get('/api/runs', { as: asLegal }), FORBIDDEN],
      ['refuses a status that runs do not have', () => t.api.get('/api/runs?status=approved', { as: clerk }), invalid('status')],
      ['refuses a limit over 200', () => t.api.get('/api/runs?limit=201', { as: clerk }), invalid('limit')],
      ['refuses a limit of 0', () => t.api.get('/api/runs?limit=0', { as: clerk }), invalid('limit')],
      ['refuses a limit that is not a whole number', () => t.api.get('/api/runs?limit=2.5', { as: clerk }), invalid('limit')],
      ['refuses a cursor the list did not give', () => t.api.get('/api/runs?cursor=bm90LWEtY3Vyc29y', { as: clerk }), invalid('cursor')],
      ['refuses a title search of more than 10 words', () => t.api.get('/api/runs?q=a+b+c+d+e+f+g+h+i+j+k', { as: clerk }), invalid('q')],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });
  });

  describe('GET /api/runs/{runId}', () => {
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.get(run()), UNAUTHORIZED],
      ['refuses an officer who is not named on the run', () => t.api.get(run(), { as: otherOfficer }), FORBIDDEN],
      ['refuses an author who is not the plan’s', () => t.api.get(run(), { as: otherAuthor }), FORBIDDEN],
      ['answers 404 for a run that is not stored', () => t.api.get(`/api/runs/${NO_SUCH_RUN}`, { as: clerk }), NOT_FOUND],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });
  });

  describe('POST /api/runs/{runId}/signoffs/{signoffId}', () => {
    const answer = (body: unknown, caller = asLegal, id = () => legalId) => () => t.api.post(run(`/signoffs/${id()}`), body, { as: caller });
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.post(run(`/signoffs/${legalId}`), { result: 'signed' }), UNAUTHORIZED],
      ['refuses another officer of the run', answer({ result: 'signed' }, asFinance), FORBIDDEN],
      ['refuses the author', answer({ result: 'signed' }, asAuthor), FORBIDDEN],
      ['refuses a manager', answer({ result: 'signed' }, manager), FORBIDDEN],
      ['refuses an answer without a result', answer({ comment: 'Fine by me.' }), invalid('result')],
      ['refuses a result given as true', answer({ result: true }), invalid('result')],
      ['refuses a result that is not signed or changes-requested', answer({ result: 'approved' }), invalid('result')],
      ['refuses a comment given as a number', answer({ result: 'signed', comment: 5 }), invalid('comment')],
      ['answers 404 for a run that is not stored', () => t.api.post(`/api/runs/${NO_SUCH_RUN}/signoffs/${legalId}`, { result: 'signed' }, { as: clerk }), NOT_FOUND],
      ['answers 404 for a sign-off that is not stored', answer({ result: 'signed' }, clerk, () => 'communications'), NOT_FOUND],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });

    it('refuses a second answer to the same request, by the officer or a clerk', async () => {
      const first = await t.api.post(run(`/signoffs/${legalId}`), { result: 'signed' }, { as: asLegal });
      expect(first.status).toBe(200);
      await settle(t);
      await refused(answer({ result: 'signed' }), CONFLICT);
      await refused(answer({ result: 'changes-requested', comment: 'On second thoughts.' }), CONFLICT);
      await refused(answer({ result: 'signed' }, clerk), CONFLICT);
    });

    it('takes one of two answers sent at the same time, and refuses the other', async () => {
      const answers = await Promise.all([
        answer({ result: 'signed' }, asFinance, () => financeId)(),
        answer({ result: 'changes-requested', comment: 'Figures to check.' }, clerk, () => financeId)(),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      await settle(t);
      const finance = (await t.api.get(run(), { as: clerk })).body.signoffs.find((s: any) => s.id === financeId);
      const taken = answers.find((a) => a.status === 200)!.body.signoffs.find((s: any) => s.id === financeId);
      expect(finance.status).toBe(taken.status);
    });
  });

  describe('POST /api/runs/{runId}/stages/{stageId}/decision', () => {
    const decide = (body: unknown, caller = clerk, stageId = 'scrutiny') => () => t.api.post(run(`/stages/${stageId}/decision`), body, { as: caller });
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.post(run('/stages/scrutiny/decision'), { outcome: 'approved' }), UNAUTHORIZED],
      ['refuses the author', decide({ outcome: 'approved' }, asAuthor), FORBIDDEN],
      ['refuses an officer', decide({ outcome: 'approved' }, asLegal), FORBIDDEN],
      ['refuses a manager', decide({ outcome: 'approved' }, manager), FORBIDDEN],
      ['refuses a decision without an outcome', decide({ resolution: 'Agreed.' }), invalid('outcome')],
      ['refuses an outcome that is not one of the seven', decide({ outcome: 'accepted' }), invalid('outcome')],
      ['refuses a resolution given as a number', decide({ outcome: 'approved', resolution: 42 }), invalid('resolution')],
      ['refuses a deferral without a date', decide({ outcome: 'deferred' }), invalid('deferTo')],
      ['refuses a deferral to a date that does not exist', decide({ outcome: 'deferred', deferTo: '2017-13-01' }), invalid('deferTo')],
      ['refuses a referral back without a stage', decide({ outcome: 'referred-back' }), invalid('referBackTo')],
      ['refuses a delegation without a delegate', decide({ outcome: 'delegated' }), invalid('delegateTo')],
      ['refuses a delegate without an e-mail', decide({ outcome: 'delegated', delegateTo: { name: 'Tracey Kerly' } }), invalid('delegateTo.email')],
      ['answers 404 for a run that is not stored', () => t.api.post(`/api/runs/${NO_SUCH_RUN}/stages/scrutiny/decision`, { outcome: 'approved' }, { as: clerk }), NOT_FOUND],
      ['answers 404 for a stage that is not stored', decide({ outcome: 'approved' }, clerk, 'executive'), NOT_FOUND],
      ['refuses a decision before the meeting (409)', decide({ outcome: 'approved' }), CONFLICT],
      ['refuses a decision for a stage that is not the current one (409)', decide({ outcome: 'approved' }, clerk, 'cabinet'), CONFLICT],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });
  });

  describe('PATCH /api/runs/{runId}/stages/{stageId}', () => {
    const move = (body: unknown, caller = clerk, stageId = 'cabinet') => () => t.api.patch(run(`/stages/${stageId}`), body, { as: caller });
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.patch(run('/stages/cabinet'), { meetingDate: '2017-03-16' }), UNAUTHORIZED],
      ['refuses the author', move({ meetingDate: '2017-03-16' }, asAuthor), FORBIDDEN],
      ['refuses an officer', move({ meetingDate: '2017-03-16' }, asFinance), FORBIDDEN],
      ['refuses a manager', move({ meetingDate: '2017-03-16' }, manager), FORBIDDEN],
      ['refuses a body without a meeting date', move({}), invalid('meetingDate')],
      ['refuses a meeting date given as a number', move({ meetingDate: 20170316 }), invalid('meetingDate')],
      ['refuses a meeting date in words', move({ meetingDate: '16 March 2017' }), invalid('meetingDate')],
      ['refuses a meeting date in the past', move({ meetingDate: '2017-01-13' }, clerk, 'scrutiny'), invalid('meetingDate')],
      ['refuses a meeting before the previous stage’s', move({ meetingDate: '2017-02-13' }), invalid('meetingDate')],
      ['refuses a meeting after the next stage’s', move({ meetingDate: '2017-03-24' }), invalid('meetingDate')],
      ['answers 404 for a run that is not stored', () => t.api.patch(`/api/runs/${NO_SUCH_RUN}/stages/cabinet`, { meetingDate: '2017-03-16' }, { as: clerk }), NOT_FOUND],
      ['answers 404 for a stage that is not stored', move({ meetingDate: '2017-03-16' }, clerk, 'executive'), NOT_FOUND],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });
  });

  describe('POST /api/runs/{runId}/revisions', () => {
    const revise = (body: unknown, caller = asAuthor) => () => t.api.post(run('/revisions'), body, { as: caller });
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.post(run('/revisions'), { summary: 'Typos corrected.' }), UNAUTHORIZED],
      ['refuses a clerk', revise({ summary: 'Typos corrected.' }, clerk), FORBIDDEN],
      ['refuses an officer', revise({ summary: 'Typos corrected.' }, asLegal), FORBIDDEN],
      ['refuses an author who is not the plan’s', revise({ summary: 'Typos corrected.' }, otherAuthor), FORBIDDEN],
      ['refuses a revision without a summary', revise({}), invalid('summary')],
      ['refuses a summary given as a list', revise({ summary: ['Typos corrected.'] }), invalid('summary')],
      ['answers 404 for a run that is not stored', () => t.api.post(`/api/runs/${NO_SUCH_RUN}/revisions`, { summary: 'Typos corrected.' }, { as: asAuthor }), NOT_FOUND],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });
  });

  describe('POST /api/runs/{runId}/withdraw', () => {
    const withdraw = (body: unknown, caller = clerk) => () => t.api.post(run('/withdraw'), body, { as: caller });
    const cases: Case[] = [
      ['refuses a caller without a token', () => t.api.post(run('/withdraw'), { reason: 'No longer needed.' }), UNAUTHORIZED],
      [
        'refuses the session cookie a cross-site text/plain form makes the browser send (API calls need the Authorization header)',
        async () => t.api.post(run('/withdraw'), '{"reason":"No longer needed."}', { headers: { cookie: `ratify_session=${await t.token(clerk)}`, 'content-type': 'text/plain' } }),
        UNAUTHORIZED,
      ],
      ['refuses a JSON body sent as text/plain, naming the body', () => t.api.post(run('/withdraw'), '{"reason":"No longer needed."}', { as: clerk, headers: { 'content-type': 'text/plain' } }), invalid('body')],
      ['refuses a body sent as a form, naming the body', () => t.api.post(run('/withdraw'), 'reason=No+longer+needed.', { as: clerk, headers: { 'content-type': 'application/x-www-form-urlencoded' } }), invalid('body')],
      ['refuses the author', withdraw({ reason: 'No longer needed.' }, asAuthor), FORBIDDEN],
      ['refuses a manager', withdraw({ reason: 'No longer needed.' }, manager), FORBIDDEN],
      ['refuses a withdrawal without a reason', withdraw({}), invalid('reason')],
      ['refuses a reason given as a number', withdraw({ reason: 7 }), invalid('reason')],
      ['answers 404 for a run that is not stored', () => t.api.post(`/api/runs/${NO_SUCH_RUN}/withdraw`, { reason: 'No longer needed.' }, { as: clerk }), NOT_FOUND],
    ];
    it.each(cases)('%s', async (_sentence, request, expected) => {
      await refused(request, expected);
    });
  });

  describe('POST /_local/clock', () => {
    it('refuses to move the clock back (409), or to an instant that is not one (400), and leaves it where it was', async () => {
      const now = await t.now();
      await refused(() => t.api.post('/_local/clock', { now: new Date(Date.parse(now) - 3_600_000).toISOString() }), CONFLICT);
      await refused(() => t.api.post('/_local/clock', { now: 'tomorrow morning' }), { status: 400, code: 'invalid-input' });
      expect(await t.now()).toBe(now);
    });
  });

  describe('at the meeting', () => {
    const decide = (body: unknown, stageId = 'scrutiny') => () => t.api.post(run(`/stages/${stageId}/decision`), body, { as: clerk });

    it('still refuses a decision one second before midnight on the eve of the meeting', async () => {
      await t.advanceClock(london('2017-02-13', '23:59:59'));
      await refused(decide({ outcome: 'approved' }), CONFLICT);
    });

    it('refuses a referral back to a stage that is not stored or not earlier', async () => {
      await t.advanceClock(london('2017-02-14', '00:00'));
      await refused(decide({ outcome: 'referred-back', referBackTo: 'executive' }), invalid('referBackTo'));
      await refused(decide({ outcome: 'referred-back', referBackTo: 'council' }), invalid('referBackTo'));
    });

    it('refuses a decision for a later stage whose meeting has not come', async () => {
      await refused(decide({ outcome: 'approved' }, 'cabinet'), CONFLICT);
    });

    it('takes the decision from midnight on the day of the meeting, once when two clerks record it at the same time', async () => {
      const otherClerk = as(person('Kirsty Liddell', 'kirsty.liddell@ashford.example.gov.uk'), 'clerk');
      const answers = await Promise.all([
        decide({ outcome: 'approved' })(),
        t.api.post(run('/stages/scrutiny/decision'), { outcome: 'approved' }, { as: otherClerk }),
      ]);
      expect(answers.map((a) => a.status).sort()).toEqual([200, 409]);
      const taken = answers.find((a) => a.status === 200)!;
      expect(taken.body.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'approved' })]);
      await settle(t);
      const got = (await t.api.get(run(), { as: clerk })).body;
      expect(got.stages[0].decisions).toHaveLength(1);
    });

    it('refuses a second decision for the same meeting', async () => {
      await settle(t);
      await refused(decide({ outcome: 'approved' }), CONFLICT);
    });
  });

  describe('at the edges of what is allowed', () => {
    // Today is Tuesday 14 February 2017: a meeting today is not in the past, but its publication deadline has gone,
    // so the clerk can only take the report to it as a late item.
    const lateItem = { reason: 'The scrutiny chair asked for the plan at this meeting' };

    it('takes a meeting today (not in the past) as a late item, and a title of exactly 300 characters', async () => {
      const res = await t.api.post(
        '/api/runs',
        newRun((b) => {
          b.plan.title = `Ashford ${'Community Safety '.repeat(40)}`.slice(0, 300);
          b.stages[0].meetingDate = '2017-02-14';
          b.stages[0].lateItem = lateItem;
        }),
        { as: clerk },
      );
      expect(res.status).toBe(201);
      expect(res.body.plan.title).toHaveLength(300);
      expect(res.body.stages[0]).toMatchObject({ meetingDate: '2017-02-14', publication: { status: 'late-item' }, lateItem: { reason: lateItem.reason, agreedBy: null } });
    });

    it('refuses a meeting today without a late item, on its meetingDate (its publication deadline has passed)', async () => {
      await settle(t); // the run just started has sent its e-mails
      await refused(() => t.api.post('/api/runs', newRun((b) => (b.stages[0].meetingDate = '2017-02-14')), { as: clerk }), invalid('stages.0.meetingDate'));
    });

    it('takes two stages meeting on the same day (dates that do not go backwards)', async () => {
      const res = await t.api.post(
        '/api/runs',
        newRun((b) => {
          b.stages[0].lateItem = lateItem;
          b.stages[2].meetingDate = b.stages[1].meetingDate;
        }),
        { as: clerk },
      );
      expect(res.status).toBe(201);
      expect(res.body.stages.map((s: any) => s.meetingDate)).toEqual(['2017-02-14', '2017-03-09', '2017-03-09']);
    });

    it('takes a run without sign-offs, with the documented defaults', async () => {
      const res = await t.api.post(
        '/api/runs',
        { plan: { title: 'Ashford Community Safety Strategic Assessment 2017', author }, stages: [{ id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-03-09' }] },
        { as: clerk },
      );
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ status: 'running', signoffs: [], plan: { keyDecision: false, classification: 'public' } });
      // 5 clear working days by default: Thu 9 Mar -> Wed 1 Mar.
      expect(res.body.stages[0].publishBy).toBe('2017-03-01');
    });
  });
});
