/**
 * The sign-in flow against a small OpenID Connect issuer run by the test (node:http): discovery, JWKS, an
 * authorization endpoint that signs the user in at once, and a token endpoint that checks the code and the PKCE
 * verifier and answers an RS256 ID token carrying the nonce it was given.
 */
import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { handler } from '../../../functions/auth/signIn';
import { installClock, resetClock } from '../../../functions/platform/clock';
import { forgetVerifiers } from '../../../functions/edge/jwt';
import { pageCaller } from '../../../functions/edge/pageAuth';
import { forgetLinkSecret } from '../../../functions/store/linkSecret';
import { apiEvent, lambdaContext } from '../edge/apiEvent';

const CLIENT_ID = 'dashboard-client';
const PUBLIC_URL = 'https://ratify.council.example.gov.uk';

let server: Server;
let issuer: string;
let privateKey: KeyLike;
/** Codes the authorization endpoint handed out: what the token endpoint will accept for each. */
const codes = new Map<string, { challenge: string; nonce: string; redirectUri: string; clientId: string }>();
let claimsToIssue: JWTPayload = {};
let tokenRequests: URLSearchParams[] = [];

beforeAll(async () => {
  const pair = await generateKeyPair('RS256');
  privateKey = pair.privateKey;
  const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', issuer);
    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (url.pathname === '/tenant/.well-known/openid-configuration') {
      return json(200, {
        issuer,
        jwks_uri: `${issuer}/keys`,
        authorization_endpoint: `${issuer}/authorize`,
        token_endpoint: `${issuer}/token`,
        end_session_endpoint: `${issuer}/logout`,
      });
    }
    if (url.pathname === '/tenant/keys') return json(200, { keys: [jwk] });
    if (url.pathname === '/tenant/authorize') {
      const code = randomBytes(16).toString('hex');
      const q = url.searchParams;
      codes.set(code, { challenge: q.get('code_challenge')!, nonce: q.get('nonce')!, redirectUri: q.get('redirect_uri')!, clientId: q.get('client_id')! });
      res.writeHead(302, { location: `${q.get('redirect_uri')}?code=${code}&state=${encodeURIComponent(q.get('state')!)}` });
      return res.end();
    }
    if (url.pathname === '/tenant/token' && req.method === 'POST') {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        const form = new URLSearchParams(body);
        tokenRequests.push(form);
        const granted = codes.get(form.get('code') ?? '');
        const verifierOk = granted && createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url') === granted.challenge;
        if (!granted || !verifierOk || form.get('redirect_uri') !== granted.redirectUri || form.get('client_id') !== granted.clientId) {
          return json(400, { error: 'invalid_grant' });
        }
        codes.delete(form.get('code')!);
        void new SignJWT({ email: 'cleo@example.gov.uk', email_verified: true, name: 'Cleo Clerk', roles: ['clerk'], nonce: granted.nonce, ...claimsToIssue })
          .setProtectedHeader({ alg: 'RS256', kid: 'k1' })
          .setIssuer(issuer)
          .setAudience(CLIENT_ID)
          .setIssuedAt()
          .setExpirationTime('1h')
          .sign(privateKey)
          .then((idToken) => json(200, { id_token: idToken, access_token: 'opaque', token_type: 'Bearer', expires_in: 3600 }));
      });
      return;
    }
    json(404, {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/tenant`;
});
afterAll(async () => new Promise((resolve) => server.close(resolve)));

const saved = { ...process.env };
const ENV = ['RATIFY_AUTH_ISSUER', 'RATIFY_AUTH_CLIENT_ID', 'RATIFY_PUBLIC_URL', 'RATIFY_LINK_SECRET', 'RATIFY_DEV_TOKEN_KEY', 'RATIFY_ROLES_CLAIM', 'RATIFY_AUTH_DOMAIN'];
beforeEach(() => {
  process.env.RATIFY_AUTH_ISSUER = issuer;
  process.env.RATIFY_AUTH_CLIENT_ID = CLIENT_ID;
  process.env.RATIFY_PUBLIC_URL = PUBLIC_URL;
  process.env.RATIFY_LINK_SECRET = 'a-link-signing-key-of-at-least-32-characters';
  process.env.RATIFY_ROLES_CLAIM = 'roles';
  delete process.env.RATIFY_DEV_TOKEN_KEY;
  delete process.env.RATIFY_AUTH_DOMAIN;
  claimsToIssue = {};
  tokenRequests = [];
});
afterEach(() => {
  for (const name of ENV) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  forgetVerifiers();
  forgetLinkSecret();
});

async function get(path: string, opts: { query?: Record<string, string>; cookies?: string[] } = {}): Promise<APIGatewayProxyStructuredResultV2> {
  const event: APIGatewayProxyEventV2 = apiEvent({ method: 'GET', path, query: opts.query, headers: {} });
  if (opts.cookies) event.cookies = opts.cookies;
  return (await handler(event, lambdaContext)) as APIGatewayProxyStructuredResultV2;
}

const location = (res: APIGatewayProxyStructuredResultV2) => String(res.headers?.location);
/** What a browser would send back: name=value of each cookie set (not cleared). */
const cookieJar = (res: APIGatewayProxyStructuredResultV2) => (res.cookies ?? []).map((c) => c.split(';')[0]).filter((c) => !c.endsWith('='));

/** The browser's trip to the issuer: its authorization endpoint redirects straight back with a code. */
async function visitIssuer(authorizeUrl: string): Promise<Record<string, string>> {
  const res = await fetch(authorizeUrl, { redirect: 'manual' });
  expect(res.status).toBe(302);
  const back = new URL(res.headers.get('location')!);
  expect(`${back.origin}${back.pathname}`).toBe(`${PUBLIC_URL}/auth/callback`);
  return Object.fromEntries(back.searchParams);
}

describe('signing in through the issuer', () => {
  it('goes to the issuer with PKCE, comes back with a session cookie for the token’s lifetime, and lands on the page asked for', async () => {
    const login = await get('/auth/login', { query: { next: '/runs/abc?tab=1' } });
    expect(login.statusCode).toBe(303);
    const authorize = new URL(location(login));
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${issuer}/authorize`);
    expect(authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(login.cookies).toEqual([expect.stringMatching(/^ratify_sign_in=[^;]+; Max-Age=600; Path=\/auth\/callback; HttpOnly; Secure; SameSite=Lax$/)]);

    const callback = await get('/auth/callback', { query: await visitIssuer(location(login)), cookies: cookieJar(login) });
    expect(callback.statusCode).toBe(303);
    expect(location(callback)).toBe('/runs/abc?tab=1');
    const session = callback.cookies!.find((c) => c.startsWith('ratify_session='))!;
    expect(session).toMatch(/; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
    const expires = Date.parse(/Expires=([^;]+)/.exec(session)![1]);
    expect(expires).toBeGreaterThan(Date.now() + 59 * 60_000);
    expect(expires).toBeLessThanOrEqual(Date.now() + 60 * 60_000);
    expect(callback.cookies).toContainEqual(expect.stringMatching(/^ratify_sign_in=; Max-Age=0/));
    // The token exchange sent the verifier; the cookie now names the caller to every page.
    expect(tokenRequests[0].get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await pageCaller({ headers: {}, cookies: cookieJar(callback) }))?.actor).toEqual({ email: 'cleo@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] });
  });

  it('never sends a browser to another site after signing in', async () => {
    // Each of these is `//evil.example...` once a browser has normalised it.
    for (const next of ['//evil.example/steal', '/.//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/%09/evil.example']) {
      const login = await get('/auth/login', { query: { next } });
      const callback = await get('/auth/callback', { query: await visitIssuer(location(login)), cookies: cookieJar(login) });
      expect([next, location(callback)]).toEqual([next, '/']);
    }
  });

  it('refuses a callback without the sign-in cookie, with another state, or after ten minutes, and sets no session', async () => {
    const login = await get('/auth/login');
    const answer = await visitIssuer(location(login));
    const noCookie = await get('/auth/callback', { query: answer });
    const otherState = await get('/auth/callback', { query: { ...answer, state: 'x'.repeat(43) }, cookies: cookieJar(login) });
    installClock({ now: () => new Date(Date.now() + 11 * 60_000) });
    const late = await get('/auth/callback', { query: answer, cookies: cookieJar(login) }).finally(resetClock);
    for (const res of [noCookie, otherState, late]) {
      expect(res.statusCode).toBe(400);
      expect(res.cookies?.some((c) => c.startsWith('ratify_session='))).toBe(false);
    }
    expect(tokenRequests).toHaveLength(0);
  });

  it('refuses an ID token whose nonce is not the one this browser sent', async () => {
    claimsToIssue = { nonce: 'another-browsers-nonce' };
    const login = await get('/auth/login');
    const callback = await get('/auth/callback', { query: await visitIssuer(location(login)), cookies: cookieJar(login) });
    expect(callback.statusCode).toBe(401);
    expect(callback.cookies?.some((c) => c.startsWith('ratify_session='))).toBe(false);
  });

  it('refuses an ID token whose e-mail the issuer has not verified', async () => {
    for (const email_verified of [false, undefined]) {
      claimsToIssue = { email_verified };
      const login = await get('/auth/login');
      const callback = await get('/auth/callback', { query: await visitIssuer(location(login)), cookies: cookieJar(login) });
      expect(callback.statusCode).toBe(401);
      expect(callback.cookies?.some((c) => c.startsWith('ratify_session='))).toBe(false);
    }
  });

  it('refuses a code the issuer does not accept (used twice)', async () => {
    const login = await get('/auth/login');
    const answer = await visitIssuer(location(login));
    expect((await get('/auth/callback', { query: answer, cookies: cookieJar(login) })).statusCode).toBe(303);
    const replay = await get('/auth/callback', { query: answer, cookies: cookieJar(login) });
    expect(replay.statusCode).toBe(400);
    expect(replay.body).toContain('Sign in again');
  });

  it('shows the issuer’s refusal as not signed in', async () => {
    const login = await get('/auth/login');
    const { state } = await visitIssuer(location(login));
    const res = await get('/auth/callback', { query: { state, error: 'access_denied' }, cookies: cookieJar(login) });
    expect(res.statusCode).toBe(401);
  });
});

describe('signing out', () => {
  it('clears the session cookie and signs out of the issuer too, coming back to the dashboard', async () => {
    const res = await get('/auth/logout', { cookies: ['ratify_session=a.b.c'] });
    expect(res.statusCode).toBe(303);
    const to = new URL(location(res));
    expect(`${to.origin}${to.pathname}`).toBe(`${issuer}/logout`);
    expect(Object.fromEntries(to.searchParams)).toEqual({ client_id: CLIENT_ID, post_logout_redirect_uri: `${PUBLIC_URL}/`, id_token_hint: 'a.b.c' });
    expect(res.cookies).toEqual([expect.stringMatching(/^ratify_session=; .*Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/)]);
  });

  it('uses the Cognito hosted UI’s logout when the domain is configured', async () => {
    process.env.RATIFY_AUTH_DOMAIN = 'https://ratify.auth.eu-west-2.amazoncognito.com';
    const to = new URL(location(await get('/auth/logout')));
    expect(`${to.origin}${to.pathname}`).toBe('https://ratify.auth.eu-west-2.amazoncognito.com/logout');
    expect(to.searchParams.get('logout_uri')).toBe(`${PUBLIC_URL}/`);
  });
});

describe('on the embedded stack', () => {
  it('leads to the dev sign-in and sign-out instead', async () => {
    process.env.RATIFY_DEV_TOKEN_KEY = 'a-local-signing-key-of-at-least-32-characters';
    expect(location(await get('/auth/login', { query: { next: '/meetings' } }))).toBe('/dev/login?next=%2Fmeetings');
    expect(location(await get('/auth/logout'))).toBe('/dev/logout');
  });
});
