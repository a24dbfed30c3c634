/**
 * Signing in on a stack started as the README's first command starts it (no dev auth): the local
 * administrator's one-time address from the start-up banner, and the one-time links e-mailed to people of the
 * directory through the local SES (docs/API.md "Starting the local stack").
 */
import { startTestStack, type TestStack } from '../support/localStack';
import { textOf } from './support/pageClient';
import { london } from './support/time';

let t: TestStack;
beforeAll(async () => {
  t = await startTestStack({ devAuth: false, clockStart: london('2017-01-09', '09:00') });
});
afterAll(async () => {
  await t.advanceClock(await t.now()).catch(() => undefined);
  await t.stop();
});

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function get(pathOrUrl: string, headers: Record<string, string> = {}) {
  const res = await fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${t.url}${pathOrUrl}`, { redirect: 'manual', headers: { accept: 'text/html', ...headers } });
  return { status: res.status, html: await res.text(), location: res.headers.get('location'), setCookie: res.headers.get('set-cookie') };
}

async function post(pathOrUrl: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  const res = await fetch(pathOrUrl.startsWith('http') ? pathOrUrl : `${t.url}${pathOrUrl}`, {
    method: 'POST',
    redirect: 'manual',
    headers: { ...FORM, ...headers },
    body: new URLSearchParams(fields).toString(),
  });
  return { status: res.status, html: await res.text(), location: res.headers.get('location'), setCookie: res.headers.get('set-cookie') };
}

/** The ID token the session cookie holds, and its claims. */
function session(setCookie: string | null): { cookie: string; token: string; claims: Record<string, unknown> } {
  const cookie = (setCookie ?? '').split(';')[0];
  const token = decodeURIComponent(cookie.replace(/^ratify_session=/, ''));
  return { cookie, token, claims: JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) };
}

/** Presses the button of a one-time sign-in page. */
const signIn = (link: string, next?: string) => post(link, next ? { next } : {});

let adminToken: string;
const asAdmin = () => ({ authorization: `Bearer ${adminToken}` });

const formTokenOf = (html: string) => /name="formToken" value="([^"]+)"/.exec(html)![1];
async function askForLink(email: string, next = '/') {
  const form = await get(`/local/sign-in?next=${encodeURIComponent(next)}`);
  expect(form.status).toBe(200);
  return post('/local/sign-in', { formToken: formTokenOf(form.html), email, next });
}
const linkIn = (text: string | null) => /http:\/\/localhost:\d+\/local\/sign-in\/[A-Za-z0-9_-]{43}(\?next=[^\s]+)?/.exec(text ?? '')?.[0];

describe("the local administrator's one-time sign-in address", () => {
  it('shows who it signs in, signs in as an administrator once when its button is pressed, then never again', async () => {
    const link = t.stack.adminSignInUrl;
    expect(link).toMatch(/^http:\/\/localhost:\d+\/local\/sign-in\/[A-Za-z0-9_-]{43}$/);
    const shown = await get(link);
    expect(shown.status).toBe(200);
    expect(textOf(shown.html)).toContain('admin@ratify.localhost');
    expect(shown.setCookie).toBeNull();

    const first = await signIn(link, '/people');
    expect([first.status, first.location]).toEqual([303, '/people']);
    const { cookie, token, claims } = session(first.setCookie);
    expect(claims).toMatchObject({ email: 'admin@ratify.localhost', email_verified: true, name: 'Local administrator', 'cognito:groups': ['admin'] });
    adminToken = token;
    expect((await get('/people', { cookie })).status).toBe(200);
    expect((await t.api.get('/api/people', { headers: asAdmin() })).status).toBe(200);

    const again = await signIn(link);
    expect([again.status, again.setCookie]).toEqual([410, null]);
    expect(textOf(again.html)).toContain('already been used');
    expect((await get(link)).status).toBe(410);
  });

  it('signs in no one once 24 hours have passed on the stack\'s clock', async () => {
    const link = await t.stack.issueAdminSignInUrl();
    await t.advanceClock(new Date(Date.parse(await t.now()) + 24 * 3600_000 + 60_000).toISOString());
    const shown = await get(link);
    expect(shown.status).toBe(410);
    expect(textOf(shown.html)).toContain('has expired');
    const pressed = await signIn(link);
    expect([pressed.status, pressed.setCookie]).toEqual([410, null]);
  });

  it('is not a token that can be guessed or altered: another one answers 404', async () => {
    const link = t.stack.adminSignInUrl;
    const altered = link.slice(0, -1) + (link.endsWith('A') ? 'B' : 'A');
    expect((await get(altered)).status).toBe(404);
    expect((await signIn(`${t.url}/local/sign-in/short`)).status).toBe(404);
  });
});

describe('the one-time links e-mailed to people of the directory', () => {
  beforeAll(async () => {
    const put = await t.api.request('PUT', '/api/people/k.trowell%40example.gov.uk', {
      headers: asAdmin(),
      body: { name: 'Keith Trowell', jobTitle: 'Senior Lawyer', area: 'Legal', roles: ['clerk', 'officer'] },
    });
    expect(put.status).toBe(200);
  });

  it('arrive in the local inbox and sign the person in with their roles from the directory, once', async () => {
    const before = (await t.emails()).length;
    const asked = await askForLink('K.Trowell@Example.gov.uk', '/runs/new');
    expect(asked.status).toBe(200);
    expect(textOf(asked.html)).toContain('Check your email');
    await t.advanceClock(await t.now());
    const sent = (await t.emails()).slice(before);
    expect(sent.map((e) => [e.to, e.subject])).toEqual([[['k.trowell@example.gov.uk'], 'Sign in to Ratify']]);
    expect(sent[0].text).toContain('Dear Keith Trowell');
    expect(sent[0].text).toContain('within 15 minutes');
    const link = linkIn(sent[0].text)!;
    expect(link).toContain('?next=%2Fruns%2Fnew');
    expect(sent[0].html).toContain(link.replace(/&/g, '&amp;'));

    const shown = await get(link);
    expect(shown.status).toBe(200);
    expect(textOf(shown.html)).toContain('clerk, officer');
    const signedIn = await signIn(link, '/runs/new');
    expect([signedIn.status, signedIn.location]).toEqual([303, '/runs/new']);
    const { cookie, claims } = session(signedIn.setCookie);
    expect(claims).toMatchObject({ email: 'k.trowell@example.gov.uk', name: 'Keith Trowell', 'cognito:groups': ['clerk', 'officer'] });
    // The same session cookie as the dev sign-in's: the pages take it (a clerk's page here).
    const page = await get('/runs/new', { cookie });
    expect(page.status).toBe(200);
    expect(textOf(page.html)).toContain('Signed in as Keith Trowell');
    expect((await signIn(link)).status).toBe(410);
  });

  it('are not sent to an address that is not in the directory, which gets the very same page', async () => {
    const known = await askForLink('k.trowell@example.gov.uk');
    const unknown = await askForLink('nobody@example.gov.uk');
    expect(unknown.status).toBe(known.status);
    const page = (html: string, email: string) => textOf(html).replace(email, '<address>');
    expect(page(unknown.html, 'nobody@example.gov.uk')).toBe(page(known.html, 'k.trowell@example.gov.uk'));
    await t.advanceClock(await t.now());
    const emails = await t.emails();
    expect(emails.filter((e) => e.to.includes('nobody@example.gov.uk'))).toEqual([]);
    expect(emails.filter((e) => e.to.includes('k.trowell@example.gov.uk')).length).toBe(2);
  });

  it('work for 15 minutes on the stack\'s clock', async () => {
    const before = (await t.emails()).length;
    await askForLink('k.trowell@example.gov.uk');
    await t.advanceClock(await t.now());
    const link = linkIn((await t.emails())[before].text)!;
    await t.advanceClock(new Date(Date.parse(await t.now()) + 16 * 60_000).toISOString());
    const pressed = await signIn(link);
    expect([pressed.status, pressed.setCookie]).toEqual([410, null]);
    expect(textOf(pressed.html)).toContain('has expired');
  });

  it('are asked for only through the form itself: another site, a missing form token or a bad address are refused', async () => {
    const form = await get('/local/sign-in');
    const before = (await t.emails()).length;
    const crossSite = await post('/local/sign-in', { formToken: formTokenOf(form.html), email: 'k.trowell@example.gov.uk' }, { 'sec-fetch-site': 'cross-site' });
    expect(crossSite.status).toBe(403);
    expect((await post('/local/sign-in', { email: 'k.trowell@example.gov.uk' })).status).toBe(403);
    const bad = await post('/local/sign-in', { formToken: formTokenOf(form.html), email: 'not-an-address' });
    expect(bad.status).toBe(400);
    expect(bad.html).toContain('govuk-error-summary');
    expect(textOf(bad.html)).toContain('Enter an email address in the correct format');
    await t.advanceClock(await t.now());
    expect((await t.emails()).length).toBe(before);
  });
});

describe('without dev auth', () => {
  it('sends a signed-out page visit to the sign-in page and back after it; the API answers 401', async () => {
    const visit = await get('/runs/new?x=1');
    expect([visit.status, visit.location]).toEqual([303, '/local/sign-in?next=%2Fruns%2Fnew%3Fx%3D1']);
    const form = await get(visit.location!);
    expect(form.html).toContain('name="next" value="/runs/new?x=1"');
    expect((await t.api.get('/api/runs')).status).toBe(401);
  });

  it('keeps the dev sign-in off, and signs out through the stack\'s own sign-out', async () => {
    expect((await get('/dev/login')).status).toBe(404);
    expect((await t.api.post('/api/dev/token', { email: 'x@example.gov.uk', roles: ['admin'] })).status).toBe(404);
    const out = await get('/auth/logout');
    expect([out.status, out.location]).toEqual([303, '/local/sign-out']);
    const cleared = await get('/local/sign-out');
    expect([cleared.status, cleared.location]).toEqual([303, '/local/sign-in']);
    expect(cleared.setCookie).toMatch(/^ratify_session=; Max-Age=0/);
  });
});
