import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, type JWTPayload } from 'jose';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, forgetVerifiers, isIdToken, openIdConfiguration, verifyDevToken } from '../../../functions/edge/jwt';

const key = 'a-local-signing-key-of-at-least-32-characters';
const devToken = (claims: JWTPayload) =>
  new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer(DEV_TOKEN_ISSUER).setAudience(DEV_TOKEN_AUDIENCE).setExpirationTime('1h').sign(new TextEncoder().encode(key));

describe('dev tokens', () => {
  it('verify with the key, as ID tokens only', async () => {
    expect(await verifyDevToken(await devToken({ email: 'a@example.gov.uk', token_use: 'id' }), key)).toMatchObject({ email: 'a@example.gov.uk' });
    expect(await verifyDevToken(await devToken({ email: 'a@example.gov.uk', token_use: 'access' }), key)).toBeUndefined();
    expect(await verifyDevToken(await devToken({ email: 'a@example.gov.uk' }), `${key}-other`)).toBeUndefined();
    expect(await verifyDevToken('junk', key)).toBeUndefined();
  });

  it('count as ID tokens when marked so, or unmarked (issuers other than Cognito)', () => {
    expect(isIdToken({ token_use: 'id' })).toBe(true);
    expect(isIdToken({})).toBe(true);
    expect(isIdToken({ token_use: 'access' })).toBe(false);
  });
});

describe('the OpenID configuration', () => {
  let server: Server;
  let issuer: string;
  let requests = 0;
  let fail = true;
  beforeAll(async () => {
    server = createServer((req, res) => {
      requests++;
      res.setHeader('content-type', 'application/json');
      if (fail) {
        res.statusCode = 503;
        return res.end('{}');
      }
      res.end(JSON.stringify({ issuer, jwks_uri: `${issuer}/keys`, token_endpoint: `${issuer}/token` }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}/pool`;
  });
  afterAll(async () => new Promise((resolve) => server.close(resolve)));
  afterEach(forgetVerifiers);

  it('is fetched once per issuer for every reader, and again after a failure', async () => {
    await expect(openIdConfiguration(issuer)).rejects.toThrow(/answered 503/);
    fail = false;
    const [a, b] = await Promise.all([openIdConfiguration(issuer), openIdConfiguration(`${issuer}`)]);
    expect(a).toEqual(b);
    expect(a).toMatchObject({ jwks_uri: `${issuer}/keys`, token_endpoint: `${issuer}/token` });
    expect(requests).toBe(2);
  });
});
