/**
 * The people directory over HTTP (docs/API.md "People"): `GET/PUT/DELETE /api/people[/{email}]` for admins and
 * clerks, every bad field named, deputies that cannot loop, and the `/people` page's form.
 */
import type { TestStack } from '../support/localStack';
import { csrfOf, pageClient, textOf } from './support/pageClient';
import { planFields } from './support/startForm';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const cleo = as(person('Cleo Clerk', 'cleo@example.gov.uk'), 'clerk');
const ada = as(person('Ada Admin', 'ada@example.gov.uk'), 'admin');
const keith = { name: 'Keith Trowell', jobTitle: 'Senior Lawyer (Corporate Governance)', area: 'Legal', roles: ['officer'] };
const dana = { name: 'Dana Deputy', jobTitle: 'Lawyer', area: 'legal', roles: ['officer', 'author'] };

let t: TestStack;
beforeAll(async () => {
  t = await startStackAt('2017-01-09');
});
afterAll(() => stopStack(t));

const put = (email: string, body: unknown, who = cleo) => t.api.request('PUT', `/api/people/${encodeURIComponent(email)}`, { as: who, body });
const fieldsOf = (res: { body: any }) => Object.keys(res.body.error?.fields ?? {}).sort();

describe('the people directory API', () => {
  it('stores, lists (by name, or by area in any case), reads and replaces people', async () => {
    const created = await put('Dana.Deputy@Example.gov.uk', dana);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ email: 'dana.deputy@example.gov.uk', name: 'Dana Deputy', jobTitle: 'Lawyer', area: 'legal', roles: ['officer', 'author'], deputy: null, away: false, awayUntil: null });
    expect((await put('k.trowell@example.gov.uk', { ...keith, deputy: 'DANA.deputy@example.gov.uk', awayUntil: '2017-01-20' }, ada)).status).toBe(200);
    expect((await put('f.finance@example.gov.uk', { name: 'Fiona Finance', area: 'Finance' })).status).toBe(200);

    const all = await t.api.get('/api/people', { as: cleo });
    expect(all.status).toBe(200);
    expect(all.body.people.map((p: { name: string }) => p.name)).toEqual(['Dana Deputy', 'Fiona Finance', 'Keith Trowell']);
    const legal = await t.api.get('/api/people?area=LEGAL', { as: ada });
    expect(legal.body.people.map((p: { email: string }) => p.email)).toEqual(['dana.deputy@example.gov.uk', 'k.trowell@example.gov.uk']);
    const one = await t.api.get('/api/people/K.Trowell%40example.gov.uk', { as: cleo });
    expect(one.body).toMatchObject({ ...keith, email: 'k.trowell@example.gov.uk', deputy: 'dana.deputy@example.gov.uk', awayUntil: '2017-01-20', updatedBy: { email: 'ada@example.gov.uk' } });

    const replaced = await put('f.finance@example.gov.uk', { name: 'Fiona Finance', area: 'Finance', jobTitle: 'Chief Finance Officer (s151)', unknownField: 'ignored' });
    expect(replaced.body).toMatchObject({ jobTitle: 'Chief Finance Officer (s151)' });
    expect(replaced.body).not.toHaveProperty('unknownField');
  });

  it('answers 400 naming each bad field, and stores nothing', async () => {
    const before = (await t.api.get('/api/people', { as: cleo })).body;
    const bad = await put('not-an-address', { name: '', roles: ['mayor'], deputy: 'nobody', away: 'maybe', awayUntil: '2017-02-30' });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('invalid-input');
    expect(fieldsOf(bad)).toEqual(['away', 'awayUntil', 'deputy', 'email', 'name', 'roles.0']);
    expect(fieldsOf(await put('x@example.gov.uk', 'not an object'))).toEqual(['body']);
    expect((await t.api.get('/api/people', { as: cleo })).body).toEqual(before);
  });

  it('refuses a person as their own deputy, a deputy not in the directory and a loop of deputies (400 on deputy)', async () => {
    for (const [email, deputy, rule] of [
      ['dana.deputy@example.gov.uk', 'Dana.Deputy@example.gov.uk', /themselves/],
      ['dana.deputy@example.gov.uk', 'stranger@example.gov.uk', /not in the people directory/],
      ['dana.deputy@example.gov.uk', 'k.trowell@example.gov.uk', /loop of deputies: dana.deputy@example.gov.uk -> k.trowell@example.gov.uk -> dana.deputy@example.gov.uk/],
    ] as const) {
      const res = await put(email, { ...dana, deputy });
      expect([res.status, fieldsOf(res)]).toEqual([400, ['deputy']]);
      expect(res.body.error.fields.deputy).toMatch(rule);
    }
    // A longer loop, through a third person.
    expect((await put('f.finance@example.gov.uk', { name: 'Fiona Finance', area: 'Finance', deputy: 'k.trowell@example.gov.uk' })).status).toBe(200);
    const loop = await put('dana.deputy@example.gov.uk', { ...dana, deputy: 'f.finance@example.gov.uk' });
    expect([loop.status, fieldsOf(loop)]).toEqual([400, ['deputy']]);
    expect((await t.api.get('/api/people/dana.deputy@example.gov.uk', { as: cleo })).body.deputy).toBeNull();
  });

  it('will not remove someone who is a deputy (409), removes anyone else (204), then answers 404', async () => {
    const refused = await t.api.request('DELETE', '/api/people/dana.deputy@example.gov.uk', { as: cleo });
    expect([refused.status, refused.body.error.code, fieldsOf(refused)]).toEqual([409, 'conflict', ['email']]);
    expect((await t.api.request('DELETE', '/api/people/f.finance@example.gov.uk', { as: ada })).status).toBe(204);
    expect((await t.api.get('/api/people/f.finance@example.gov.uk', { as: cleo })).status).toBe(404);
    expect((await t.api.request('DELETE', '/api/people/f.finance@example.gov.uk', { as: cleo })).status).toBe(404);
    expect((await t.api.get(`/api/people/${'x'.repeat(300)}`, { as: cleo })).status).toBe(404);
  });

  it('is for admins and clerks only: 403 for everyone else, 401 without credentials', async () => {
    for (const role of ['officer', 'author', 'manager'] as const) {
      const who = as(person('Someone', `${role}@example.gov.uk`), role);
      expect((await t.api.get('/api/people', { as: who })).status).toBe(403);
      expect((await t.api.get('/api/people/dana.deputy@example.gov.uk', { as: who })).status).toBe(403);
      expect((await put('new@example.gov.uk', { name: 'New' }, who)).status).toBe(403);
      expect((await t.api.request('DELETE', '/api/people/k.trowell@example.gov.uk', { as: who })).status).toBe(403);
    }
    expect((await t.api.get('/api/people')).status).toBe(401);
    expect((await t.api.get('/api/people/k.trowell@example.gov.uk')).body).toMatchObject({ error: { code: 'unauthorized' } });
  });
});

describe('the /people page', () => {
  const pages = () => pageClient(t);

  it('lists the directory and adds a person through its form', async () => {
    const page = await pages().get('/people', cleo);
    expect(page.status).toBe(200);
    const text = textOf(page.html);
    expect(text).toContain('Keith Trowell');
    expect(text).toContain('Senior Lawyer (Corporate Governance)');
    expect(text).toContain('Away until Friday 20 January 2017');
    const added = await pages().post(
      '/people',
      new URLSearchParams([
        ['csrfToken', csrfOf(page.html)],
        ['mode', 'add'],
        ['email', 'Rita.Risk@example.gov.uk'],
        ['name', 'Rita Risk'],
        ['jobTitle', 'Risk Manager'],
        ['area', 'Risk'],
        ['roles', 'officer'],
        ['roles', 'clerk'],
        ['deputy', 'dana.deputy@example.gov.uk'],
        ['awayUntil-day', '3'],
        ['awayUntil-month', '2'],
        ['awayUntil-year', '2017'],
        ['action', 'save'],
      ]),
      cleo,
    );
    expect([added.status, added.location]).toEqual([303, '/people?updated=saved']);
    expect((await t.api.get('/api/people/rita.risk@example.gov.uk', { as: cleo })).body).toMatchObject({
      name: 'Rita Risk',
      jobTitle: 'Risk Manager',
      area: 'Risk',
      roles: ['officer', 'clerk'],
      deputy: 'dana.deputy@example.gov.uk',
      away: false,
      awayUntil: '2017-02-03',
    });
    const edit = await pages().get('/people?edit=rita.risk%40example.gov.uk', cleo);
    expect(textOf(edit.html)).toContain('Change Rita Risk');
  });

  it('shows a refused form again with a GOV.UK error summary, its values kept, and changes nothing', async () => {
    const page = await pages().get('/people', ada);
    const before = (await t.api.get('/api/people', { as: cleo })).body;
    const refused = await pages().post(
      '/people',
      { csrfToken: csrfOf(page.html), mode: 'edit', email: 'dana.deputy@example.gov.uk', name: '', deputy: 'dana.deputy@example.gov.uk', 'awayUntil-day': '31', 'awayUntil-month': '2', 'awayUntil-year': '2017', action: 'save' },
      ada,
    );
    expect(refused.status).toBe(400);
    expect(refused.html).toContain('govuk-error-summary');
    const text = textOf(refused.html);
    expect(text).toContain('Enter the name');
    expect(text).toContain('Away until must be a real date');
    const deputy = await pages().post('/people', { csrfToken: csrfOf(page.html), mode: 'edit', email: 'dana.deputy@example.gov.uk', name: 'Dana Deputy', deputy: 'k.trowell@example.gov.uk', action: 'save' }, ada);
    expect(deputy.status).toBe(400);
    expect(textOf(deputy.html)).toContain('That deputy would make a loop of deputies');
    const removal = await pages().post('/people', { csrfToken: csrfOf(page.html), mode: 'edit', email: 'dana.deputy@example.gov.uk', name: 'Dana Deputy', action: 'remove' }, ada);
    expect(removal.status).toBe(409);
    expect(textOf(removal.html)).toContain('cannot be removed while they are the deputy of');
    const again = await pages().post('/people', { csrfToken: csrfOf(page.html), mode: 'add', email: 'dana.deputy@example.gov.uk', name: 'Dana Deputy', action: 'save' }, ada);
    expect(textOf(again.html)).toContain('is already in the directory');
    expect((await t.api.get('/api/people', { as: cleo })).body).toEqual(before);
  });

  it('refuses a form without its token, and is not for officers', async () => {
    expect((await pages().post('/people', { mode: 'add', email: 'z@example.gov.uk', name: 'Z', action: 'save' }, cleo)).status).toBe(403);
    expect((await pages().get('/people', as(person('Olive', 'olive@example.gov.uk'), 'officer'))).status).toBe(403);
    expect((await t.api.get('/api/people/z@example.gov.uk', { as: cleo })).status).toBe(404);
  });
});

describe('the start-a-run form and the directory', () => {
  const form = (fields: Record<string, string>) => ({
    ...planFields('Equality and Diversity Plan 2017-20'),
    'stages-0-body': 'Cabinet',
    'stages-0-kind': 'executive',
    'stages-0-meetingDate-day': '9',
    'stages-0-meetingDate-month': '3',
    'stages-0-meetingDate-year': '2017',
    ...fields,
  });
  const valueOf = (html: string, id: string) => new RegExp(`id="${id}" name="${id}" type="[a-z]+"[^>]* value="([^"]*)"`).exec(html)?.[1];

  it('offers the directory on each sign-off row and fills officers from a person chosen or an area with one person', async () => {
    const page = await pageClient(t).get('/runs/new', cleo);
    expect(page.html).toContain('id="signoffs-0-person"');
    expect(page.html).toMatch(/<option value="k.trowell@example.gov.uk"[^>]*>Keith Trowell, Senior Lawyer \(Corporate Governance\), Legal<\/option>/);
    const filled = await pageClient(t).post(
      '/runs/new',
      {
        csrfToken: csrfOf(page.html),
        ...form({ 'signoffs-0-area': 'Risk', 'signoffs-1-area': 'Legal', 'signoffs-1-person': 'k.trowell@example.gov.uk', 'signoffs-2-area': 'Legal' }),
        action: 'fill-officers',
      },
      cleo,
    );
    expect(filled.status).toBe(200);
    expect([valueOf(filled.html, 'signoffs-0-officer-name'), valueOf(filled.html, 'signoffs-0-officer-email'), valueOf(filled.html, 'signoffs-0-officer-role')]).toEqual(['Rita Risk', 'rita.risk@example.gov.uk', 'Risk Manager']);
    expect([valueOf(filled.html, 'signoffs-1-officer-name'), valueOf(filled.html, 'signoffs-1-officer-role')]).toEqual(['Keith Trowell', 'Senior Lawyer (Corporate Governance)']);
    // Two people work in Legal: that row waits for the clerk's choice.
    expect(valueOf(filled.html, 'signoffs-2-officer-name')).toBe('');
  });

  it("starts a run whose officer is the person chosen, job title as the officer's role", async () => {
    const page = await pageClient(t).get('/runs/new', cleo);
    const formId = /name="formId" value="([^"]+)"/.exec(page.html)![1];
    const started = await pageClient(t).post(
      '/runs/new',
      { csrfToken: csrfOf(page.html), formId, ...form({ 'signoffs-0-area': 'Legal', 'signoffs-0-person': 'k.trowell@example.gov.uk' }), action: 'start' },
      cleo,
    );
    expect(started.status).toBe(303);
    const runId = /^\/runs\/([^/?]+)\?/.exec(started.location ?? '')![1];
    const run = (await t.api.get(`/api/runs/${runId}`, { as: cleo })).body;
    expect(run.signoffs.map((s: { area: string; officer: unknown }) => [s.area, s.officer])).toEqual([
      ['Legal', { name: 'Keith Trowell', email: 'k.trowell@example.gov.uk', role: 'Senior Lawyer (Corporate Governance)' }],
    ]);
  });
});

describe('report intake and the directory', () => {
  it("fills the address of an officer the report names without one from the stored directory", async () => {
    const report = [
      'Cabinet – 9 March 2017',
      'Anti-Social Behaviour Policy 2017',
      'Report Author:\tTerry Hughes, Community Safety Manager, terry.hughes@example.gov.uk',
      'Key Decision:\tNo',
      '',
      'Implications\tComments\tSigned off by',
      'Legal\tNone.\tKeith Trowell, Senior Lawyer, 20/02/2017',
      'Finance\tNone.\tSam Patel, Accountant, 21/02/2017',
    ].join('\n');
    const res = await t.api.post('/api/intake', { text: report }, { as: cleo });
    expect(res.status).toBe(200);
    expect(res.body.run.signoffs.map((s: { area: string; officer: { email: string } }) => [s.area, s.officer.email])).toEqual([
      ['Legal', 'k.trowell@example.gov.uk'],
      ['Finance', ''],
    ]);
    expect(res.body.warnings).toEqual(expect.arrayContaining([expect.stringMatching(/^signoffs\.0\.officer\.email: .*k\.trowell@example\.gov\.uk taken from the people directory \(Keith Trowell\)/)]));
  });
});
