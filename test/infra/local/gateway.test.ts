import { mkdtemp, rm } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ApiFunctionDef } from '../../../infra/definitions/functions';
import { virtualClock } from '../../../infra/local/clock';
import { SignJWT } from 'jose';
import { issueToken, signingKey } from '../../../infra/local/gateway/auth';
import { startGateway, type Gateway } from '../../../infra/local/gateway/server';
import { lazyHandler } from '../../../infra/local/lambdas';

const entry = 'test/infra/local/fixtures/echoHandlers.ts';
const fn = (id: string, handler: string, routes: string[], extra: Partial<ApiFunctionDef> = {}): ApiFunctionDef => ({
  kind: 'api',
  id,
  entry,
  handler,
  routes,
  permissions: {},
  description: id,
  ...extra,
});
const functions = [
  fn('Echo', 'echo', ['POST /api/runs/{runId}/stages/{stageId}/decision', 'GET /api/runs/{runId}', 'GET /runs/{runId}']),
  fn('EchoNew', 'echo', ['GET /runs/new']),
  fn('PublicPage', 'publicPage', ['GET /signoff/{link}'], { public: true }),
  fn('Bare', 'bare', ['GET /api/bare']),
  fn('Crash', 'crash', ['GET /api/crash']),
];

const key = signingKey('a-test-signing-key-of-at-least-32-chars');
let dir: string;
let gateway: Gateway;
let devGateway: Gateway;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ratify-gateway-'));
  const clock = virtualClock(dir, new Date('2027-02-09T09:30:00Z'));
  const common = {
    functions,
    loadHandler: (def: ApiFunctionDef) => lazyHandler(def),
    jwtKey: key,
    rolesClaim: 'cognito:groups',
    clock,
    advanceClock: async (t: Date) => clock.set!(t),
    emails: async () => [],
    health: async () => ({ dynamodb: true }),
    onError: () => undefined,
  };
  gateway = await startGateway({ ...common, devAuth: false });
  devGateway = await startGateway({ ...common, devAuth: true });
  gateway.markReady();
  devGateway.markReady();
});

afterAll(async () => {
  await gateway.close();
  await devGateway.close();
  await rm(dir, { recursive: true, force: true });
});

const clerkToken = () => issueToken(key, { email: 'Cleo.Clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk', 'manager'] });

/** A GET with any Host header (fetch would send the one of the URL). */
function rawGet(port: number, path: string, host: string): Promise<{ status: number }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method: 'GET', setHost: false, headers: host ? { host } : {} }, (res) => {
      res.resume();
      res.on('end', () => resolve({ status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function call(path: string, init: RequestInit & { base?: Gateway } = {}) {
  const res = await fetch(`${(init.base ?? gateway).url}${path}`, { redirect: 'manual', ...init });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, json: () => JSON.parse(text) };
}

describe('the local gateway', () => {
  it('builds an API Gateway v2 event with path parameters, query, lower-cased headers, cookies and claims', async () => {
    const res = await call('/api/runs/r%201/stages/cab/decision?x=1&x=2&y=%C3%A9', {
      method: 'POST',
      headers: { authorization: `Bearer ${await clerkToken()}`, 'Content-Type': 'application/json', 'X-Trace': 'abc', cookie: 'a=1; b=2' },
      body: '{"outcome":"approved"}',
    });
    expect(res.status).toBe(200);
    const { event, actor } = res.json();
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'POST /api/runs/{runId}/stages/{stageId}/decision',
      rawPath: '/api/runs/r%201/stages/cab/decision',
      rawQueryString: 'x=1&x=2&y=%C3%A9',
      queryStringParameters: { x: '1,2', y: 'é' },
      pathParameters: { runId: 'r 1', stageId: 'cab' },
      cookies: ['a=1', 'b=2'],
      body: '{"outcome":"approved"}',
      isBase64Encoded: false,
      requestContext: {
        http: { method: 'POST', path: '/api/runs/r%201/stages/cab/decision' },
        stage: '$default',
        timeEpoch: new Date('2027-02-09T09:30:00Z').getTime(),
        authorizer: { jwt: { claims: { email: 'cleo.clerk@example.gov.uk', 'cognito:groups': '[clerk manager]' } } },
      },
    });
    expect(event.headers['x-trace']).toBe('abc');
    expect(event.headers['content-type']).toBe('application/json');
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.authorizer.jwt.claims.sub).toMatch(/^[0-9a-f]{32}$/);
    expect(actor).toEqual({ email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk', 'manager'] });
    expect(res.headers.get('set-cookie')).toBe('seen=1; Path=/');
  });

  it('base64-encodes binary bodies', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251]);
    const res = await call('/api/runs/r1/stages/s1/decision', {
      method: 'POST',
      headers: { authorization: `Bearer ${await clerkToken()}`, 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const { event } = res.json();
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64')).toEqual(bytes);
  });

  it('answers 401 in the error shape without a token, with a bad token and with a token signed by another key', async () => {
    const foreign = await issueToken(signingKey('another-key-another-key-another-key!'), { email: 'x@example.gov.uk', name: 'X', roles: ['admin'] });
    for (const authorization of [undefined, 'Bearer not-a-jwt', `Bearer ${foreign}`]) {
      const res = await call('/api/runs/r1', { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(res.json().error.code).toBe('unauthorized');
    }
  });

  it('accepts the session cookie instead of a bearer token on pages', async () => {
    const res = await call('/runs/r1', { headers: { cookie: `ratify_session=${await clerkToken()}` } });
    expect(res.status).toBe(200);
    expect(res.json().actor.email).toBe('cleo.clerk@example.gov.uk');
  });

  it('takes no session cookie on API routes: a form another site makes the browser send cannot act through it', async () => {
    const res = await call('/api/runs/r1/stages/cab/decision', {
      method: 'POST',
      headers: { cookie: `ratify_session=${await clerkToken()}`, 'content-type': 'text/plain' },
      body: '{"outcome":"approved"}',
    });
    expect(res.status).toBe(401);
    expect((await call('/api/runs/r1', { headers: { cookie: `ratify_session=${await clerkToken()}` } })).status).toBe(401);
  });

  it('refuses an access token (token_use: access), which names no one', async () => {
    const access = await new SignJWT({ email: 'cleo.clerk@example.gov.uk', email_verified: true, 'cognito:groups': ['clerk'], token_use: 'access' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('ratify-local')
      .setAudience('ratify')
      .setExpirationTime('1h')
      .sign(key);
    expect((await call('/api/runs/r1', { headers: { authorization: `Bearer ${access}` } })).status).toBe(401);
    expect((await call('/runs/r1', { headers: { cookie: `ratify_session=${access}` } })).status).toBe(401);
  });

  it('answers only to its own addresses: another Host (a rebound DNS name) reaches nothing, /_local/ included', async () => {
    const port = gateway.port;
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, `LOCALHOST:${port}`]) {
      expect([host, (await rawGet(port, '/health', host)).status]).toEqual([host, 200]);
    }
    for (const host of [`evil.example:${port}`, 'localhost', `localhost:${port + 1}`, `127.0.0.1.evil.example:${port}`]) {
      for (const path of ['/_local/emails', '/health', '/api/runs/r1', '/dev/login', '/assets/govuk-frontend.min.css']) {
        expect([host, path, (await rawGet(port, path, host)).status]).toEqual([host, path, 421]);
      }
    }
    // No Host at all: Node's HTTP server refuses it before the gateway sees it.
    expect((await rawGet(port, '/_local/emails', '')).status).toBe(400);
  });

  it('prefers the literal route over a path parameter', async () => {
    const res = await call('/runs/new', { headers: { authorization: `Bearer ${await clerkToken()}` } });
    expect(res.json().event.routeKey).toBe('GET /runs/new');
  });

  it('serves public routes without a token and without claims', async () => {
    const res = await call('/signoff/abc123');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.text).toBe('<p>link abc123</p>');
  });

  it('sends a bare object answer as JSON with 200, as API Gateway does', async () => {
    const res = await call('/api/bare', { headers: { authorization: `Bearer ${await clerkToken()}` } });
    expect(res.status).toBe(200);
    expect(res.json()).toEqual({ path: '/api/bare' });
  });

  it('answers 500 in the error shape when a function throws', async () => {
    const res = await call('/api/crash', { headers: { authorization: `Bearer ${await clerkToken()}` } });
    expect(res.status).toBe(500);
    expect(res.json().error.code).toBe('internal-error');
    expect(res.text).not.toContain('blew up');
  });

  it('answers 404 in the error shape for an unknown route or method', async () => {
    for (const [method, path] of [['GET', '/api/nothing'], ['DELETE', '/api/runs/r1']]) {
      const res = await call(path, { method });
      expect(res.status).toBe(404);
      expect(res.json().error.code).toBe('not-found');
    }
  });

  it('answers 413 to a body over 1 MB, before asking for credentials', async () => {
    const res = await call('/api/runs/r1/stages/s1/decision', { method: 'POST', body: 'x'.repeat(1024 * 1024 + 1) });
    expect(res.status).toBe(413);
    expect(res.json().error.code).toBe('payload-too-large');
  });

  it('answers 413 to a streamed body without a length once it passes 1 MB', async () => {
    const chunk = new Uint8Array(256 * 1024);
    const stream = new ReadableStream({
      start(controller) {
        for (let i = 0; i < 5; i++) controller.enqueue(chunk);
        controller.close();
      },
    });
    const res = await call('/api/runs/r1/stages/s1/decision', { method: 'POST', body: stream, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
  });

  it('hides the dev endpoints unless dev auth is on', async () => {
    expect((await call('/api/dev/token', { method: 'POST', body: '{"email":"a@b.uk","roles":[]}' })).status).toBe(404);
    expect((await call('/dev/login')).status).toBe(404);
  });

  it('issues a dev token that the gateway accepts, and names bad fields of the request', async () => {
    const json = { 'content-type': 'application/json' };
    const res = await call('/api/dev/token', { base: devGateway, method: 'POST', headers: json, body: JSON.stringify({ email: 'Terry@example.gov.uk', name: 'Terry', roles: ['author'] }) });
    expect(res.status).toBe(200);
    const who = await call('/api/runs/r1', { base: devGateway, headers: { authorization: `Bearer ${res.json().token}` } });
    expect(who.json().actor).toEqual({ email: 'terry@example.gov.uk', name: 'Terry', roles: ['author'] });
    const bad = await call('/api/dev/token', { base: devGateway, method: 'POST', headers: json, body: JSON.stringify({ email: 'nope', roles: ['king'] }) });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.json().error.fields).sort()).toEqual(['email', 'roles.0']);
    const notUnicode = await call('/api/dev/token', { base: devGateway, method: 'POST', headers: json, body: '{"email":"a@b.uk","name":"\\ud800","roles":[]}' });
    expect([notUnicode.status, Object.keys(notUnicode.json().error.fields)]).toEqual([400, ['name']]);
    // A JSON body only as JSON: not as the text/plain a cross-site form can send.
    for (const type of ['text/plain', 'application/x-www-form-urlencoded', undefined]) {
      const plain = await call('/api/dev/token', { base: devGateway, method: 'POST', headers: type ? { 'content-type': type } : {}, body: '{"email":"a@b.uk","roles":["admin"]}' });
      expect([type, plain.status, Object.keys(plain.json().error.fields)]).toEqual([type, 400, ['body']]);
    }
    const claims = await call('/api/runs/r1', { base: devGateway, headers: { authorization: `Bearer ${res.json().token}` } });
    expect(claims.json().event.requestContext.authorizer.jwt.claims.email_verified).toBe('true');
  });

  it('signs in through the dev login page and sends the browser back where it was going', async () => {
    const page = await call('/runs/r1', { base: devGateway, headers: { accept: 'text/html' } });
    expect(page.status).toBe(303);
    expect(page.headers.get('location')).toBe('/dev/login?next=%2Fruns%2Fr1');
    const form = await call('/dev/login?next=%2Fruns%2Fr1', { base: devGateway });
    expect(form.status).toBe(200);
    expect(form.text).toContain('govuk-template');
    expect(form.text).toContain('name="next" value="/runs/r1"');
    const signIn = await call('/dev/login', {
      base: devGateway,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=officer%40example.gov.uk&name=Keith&roles=officer&roles=author&next=%2Fruns%2Fr1',
    });
    expect(signIn.status).toBe(303);
    expect(signIn.headers.get('location')).toBe('/runs/r1');
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
    const after = await call('/runs/r1', { base: devGateway, headers: { cookie } });
    expect(after.json().actor).toEqual({ email: 'officer@example.gov.uk', name: 'Keith', roles: ['officer', 'author'] });
  });

  it('shows the sign-in form again with the errors named when it is filled in wrong', async () => {
    const res = await call('/dev/login', {
      base: devGateway,
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=not-an-address&next=%2F%2Fevil.example',
    });
    expect(res.status).toBe(400);
    expect(res.text).toContain('There is a problem');
    expect(res.text).toContain('name="next" value="/"');
  });

  it('sends the browser only to a path of this site after the dev sign-in, whatever `next` hides', async () => {
    // Form-decoded: a tab (browsers drop it: `//host`), a line feed (used to break the Location header: 500).
    for (const next of ['%2F%09%2Fevil.example', '%2F%0a%2Fx', '%2F.%2F%2Fevil.example', '%2Fa%2F..%2F%2Fevil.example', '%2F%252e%2F%2Fevil.example']) {
      const signIn = await call('/dev/login', {
        base: devGateway,
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: `email=officer%40example.gov.uk&next=${next}`,
      });
      expect([next, signIn.status, signIn.headers.get('location')]).toEqual([next, 303, '/']);
    }
    const form = await call('/dev/login?next=%2F%2e%2F%2Fevil.example', { base: devGateway });
    expect(form.text).toContain('name="next" value="/"');
  });

  it('serves the GOV.UK Frontend stylesheet, fonts and images, and nothing outside them', async () => {
    const css = await call('/assets/govuk-frontend.min.css');
    expect(css.status).toBe(200);
    expect(css.headers.get('content-type')).toContain('text/css');
    expect((await call('/assets/govuk-frontend.min.js')).status).toBe(200);
    expect((await call('/assets/images/favicon.ico')).headers.get('content-type')).toBe('image/x-icon');
    const font = css.text.match(/\/assets\/fonts\/[^)]+\.woff2/)![0];
    expect((await call(font)).status).toBe(200);
    expect((await call('/assets/..%2f..%2fpackage.json')).status).toBe(404);
  });
});
