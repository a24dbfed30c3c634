import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type JWTPayload, type KeyLike } from 'jose';
import { forgetVerifiers, verifyIdToken } from '../../../functions/edge/jwt';
import { pageCaller } from '../../../functions/edge/pageAuth';

const saved = { ...process.env };
afterEach(() => {
  for (const name of ['RATIFY_AUTH_ISSUER', 'RATIFY_AUTH_CLIENT_ID', 'RATIFY_DEV_TOKEN_KEY', 'RATIFY_ROLES_CLAIM', 'AWS_LAMBDA_FUNCTION_NAME']) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
  forgetVerifiers();
});

const devKey = 'a-local-signing-key-of-at-least-32-characters';
const devToken = (claims: JWTPayload, opts: { key?: string; issuer?: string; audience?: string; expires?: string } = {}) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(opts.issuer ?? 'ratify-local')
    .setAudience(opts.audience ?? 'ratify')
    .setIssuedAt()
    .setExpirationTime(opts.expires ?? '1h')
    .sign(new TextEncoder().encode(opts.key ?? devKey));

describe('verifying the caller of a page on the local stack (HS256 dev tokens)', () => {
  beforeEach(() => {
    process.env.RATIFY_AUTH_ISSUER = 'ratify-local';
    process.env.RATIFY_AUTH_CLIENT_ID = 'ratify';
    process.env.RATIFY_DEV_TOKEN_KEY = devKey;
    process.env.RATIFY_ROLES_CLAIM = 'cognito:groups';
  });

  it('accepts a token signed with the key, for our issuer and audience, and reads the caller from it', async () => {
    const token = await devToken({ email: 'Cleo@Example.gov.uk', email_verified: true, name: 'Cleo Clerk', 'cognito:groups': ['clerk', 'manager'], token_use: 'id' });
    expect(await pageCaller({ headers: {}, cookies: [`ratify_session=${token}`] })).toEqual({
      actor: { email: 'cleo@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk', 'manager'] },
      credential: { token, via: 'cookie' },
    });
  });

  it('refuses tokens signed with another key, for another audience or issuer, expired, or without an e-mail', async () => {
    const claims = { email: 'cleo@example.gov.uk', email_verified: true, 'cognito:groups': ['clerk'] };
    for (const token of [
      await devToken(claims, { key: `${devKey}-other` }),
      await devToken(claims, { audience: 'someone-else' }),
      await devToken(claims, { issuer: 'elsewhere' }),
      await devToken(claims, { expires: '-1m' }),
      await devToken({ email_verified: true, 'cognito:groups': ['clerk'] }),
      await devToken({ ...claims, email_verified: false }),
      await devToken({ ...claims, email_verified: undefined }),
      await devToken({ ...claims, token_use: 'access' }),
      'not-a-token',
    ]) {
      expect(await pageCaller({ headers: { authorization: `Bearer ${token}` } })).toBeUndefined();
    }
  });
});

describe('the dev token key outside the embedded stack', () => {
  const claims = { email: 'cleo@example.gov.uk', 'cognito:groups': ['clerk'] };
  beforeEach(() => {
    process.env.RATIFY_AUTH_CLIENT_ID = 'ratify';
    process.env.RATIFY_DEV_TOKEN_KEY = devKey;
  });

  it('is never trusted on Lambda: every page fails instead', async () => {
    process.env.RATIFY_AUTH_ISSUER = 'ratify-local';
    process.env.AWS_LAMBDA_FUNCTION_NAME = 'RatifyStack-RunPage';
    await expect(verifyIdToken(await devToken(claims))).rejects.toThrow(/embedded stack only/);
  });

  it('is never trusted with another issuer than the embedded stack’s', async () => {
    process.env.RATIFY_AUTH_ISSUER = 'https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_pool';
    await expect(verifyIdToken(await devToken(claims, { issuer: process.env.RATIFY_AUTH_ISSUER }))).rejects.toThrow(/embedded stack only/);
  });
});

describe('verifying the caller of a page on AWS (the issuer’s published keys)', () => {
  let server: Server;
  let issuer: string;
  let privateKey: KeyLike;
  let jwksRequests = 0;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256');
    privateKey = pair.privateKey;
    const jwk = { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
    server = createServer((req, res) => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/pool/.well-known/openid-configuration') return res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/.well-known/jwks.json` }));
      if (req.url === '/pool/.well-known/jwks.json') {
        jwksRequests++;
        return res.end(JSON.stringify({ keys: [jwk] }));
      }
      res.statusCode = 404;
      res.end('{}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));

  beforeEach(() => {
    process.env.RATIFY_AUTH_ISSUER = issuer;
    process.env.RATIFY_AUTH_CLIENT_ID = 'dashboard-client';
    delete process.env.RATIFY_DEV_TOKEN_KEY;
  });

  const idToken = (claims: JWTPayload, audience = 'dashboard-client') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1' }).setIssuer(issuer).setAudience(audience).setIssuedAt().setExpirationTime('1h').sign(privateKey);

  it('accepts an ID token signed with a key the issuer publishes, found through its OpenID configuration', async () => {
    const token = await idToken({ email: 'mia@example.gov.uk', email_verified: true, name: 'Mia Manager', 'cognito:groups': ['manager'], token_use: 'id' });
    expect((await pageCaller({ headers: { authorization: `Bearer ${token}` } }))?.actor).toEqual({ email: 'mia@example.gov.uk', name: 'Mia Manager', roles: ['manager'] });
    await verifyIdToken(token);
    expect(jwksRequests).toBe(1);
  });

  it('names no caller from an ID token whose e-mail the issuer has not verified (a user may have changed it)', async () => {
    for (const email_verified of [false, 'false', undefined]) {
      const token = await idToken({ email: 'mia@example.gov.uk', email_verified, name: 'Mia Manager', token_use: 'id' });
      expect(await pageCaller({ headers: { authorization: `Bearer ${token}` } })).toBeUndefined();
    }
  });

  it('refuses access tokens, tokens for another client, and HS256 tokens on AWS', async () => {
    expect(await verifyIdToken(await idToken({ email: 'mia@example.gov.uk', token_use: 'access' }))).toBeUndefined();
    expect(await verifyIdToken(await idToken({ email: 'mia@example.gov.uk' }, 'another-client'))).toBeUndefined();
    const hs = await devToken({ email: 'mia@example.gov.uk' }, { issuer, audience: 'dashboard-client' });
    expect(await verifyIdToken(hs)).toBeUndefined();
  });

  it('fails loudly when the issuer cannot be reached, rather than treating the caller as signed out', async () => {
    process.env.RATIFY_AUTH_ISSUER = 'http://127.0.0.1:9/nowhere';
    const token = await idToken({ email: 'mia@example.gov.uk' });
    await expect(verifyIdToken(token)).rejects.toThrow();
  });
});
