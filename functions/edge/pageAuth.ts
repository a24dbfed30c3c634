/**
 * Who is calling a page. Pages are public routes: API Gateway's JWT authorizer reads only the Authorization
 * header, and a browser sends its session cookie instead. So each page verifies the same ID token itself, from
 * `Authorization: Bearer <token>` or the `ratify_session` cookie (DESIGN.md "Auth"):
 * - locally (`RATIFY_DEV_TOKEN_KEY` set by the embedded stack): HS256 with the data directory's key, as the
 *   local gateway checks API calls;
 * - on AWS: RS256/ES256 against the issuer's published keys (JWKS, found through its OpenID configuration).
 * Either way the issuer is `RATIFY_AUTH_ISSUER` and the audience `RATIFY_AUTH_CLIENT_ID`.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';
import { actorFromClaims, type Actor } from './auth';

export const SESSION_COOKIE = 'ratify_session';

/** The only issuer of dev tokens (the embedded stack's). */
export const DEV_TOKEN_ISSUER = 'ratify-local';

export interface PageCredential {
  /** The ID token as presented. */
  token: string;
  via: 'bearer' | 'cookie';
}

export interface PageCaller {
  actor: Actor;
  credential: PageCredential;
}

/** The token from `Authorization: Bearer ...`, else from the session cookie. */
export function presentedCredential(event: Pick<APIGatewayProxyEventV2, 'headers' | 'cookies'>): PageCredential | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(event.headers?.authorization ?? event.headers?.Authorization ?? '');
  if (bearer) return { token: bearer[1], via: 'bearer' };
  const cookies = event.cookies ?? (event.headers?.cookie ?? '').split(';');
  for (const cookie of cookies) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === SESSION_COOKIE) {
      const value = safeDecode(cookie.slice(eq + 1).trim());
      if (value) return { token: value, via: 'cookie' };
    }
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return '';
  }
}

type Verifier = (token: string) => Promise<JWTPayload>;
let cached: { config: string; verify: Verifier } | undefined;

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];
const openIdConfigurationSchema = z.object({ jwks_uri: z.url() });

/** The verifier for the current environment (the embedded stack changes it between runs, so it is keyed by it). */
function verifier(): Verifier {
  const issuer = process.env.RATIFY_AUTH_ISSUER;
  const audience = process.env.RATIFY_AUTH_CLIENT_ID;
  const devKey = process.env.RATIFY_DEV_TOKEN_KEY;
  if (!issuer || !audience) throw new Error('RATIFY_AUTH_ISSUER and RATIFY_AUTH_CLIENT_ID must be set for pages to verify callers');
  const config = JSON.stringify([issuer, audience, devKey ?? null]);
  if (cached?.config === config) return cached.verify;

  let verify: Verifier;
  if (devKey) {
    // A shared key on AWS would let anyone who learns it sign in as anyone: the CDK stack never sets it (a test
    // checks), and should it ever be set there, every page fails rather than trusting it.
    if (process.env.AWS_LAMBDA_FUNCTION_NAME || issuer !== DEV_TOKEN_ISSUER) {
      throw new Error(`RATIFY_DEV_TOKEN_KEY is for the embedded stack only (issuer ${DEV_TOKEN_ISSUER}, never on Lambda)`);
    }
    const key = new TextEncoder().encode(devKey);
    verify = async (token) => (await jwtVerify(token, key, { issuer, audience, algorithms: ['HS256'] })).payload;
  } else {
    let keys: Promise<JWTVerifyGetKey> | undefined;
    const getKeys = () => {
      keys ??= discoverJwks(issuer).catch((err: unknown) => {
        keys = undefined;
        throw err;
      });
      return keys;
    };
    verify = async (token) => (await jwtVerify(token, await getKeys(), { issuer, audience, algorithms: ASYMMETRIC })).payload;
  }
  cached = { config, verify };
  return verify;
}

/** The issuer's signing keys, from the `jwks_uri` of its OpenID configuration (Cognito, Entra ID, ...). */
async function discoverJwks(issuer: string): Promise<JWTVerifyGetKey> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OpenID configuration of ${issuer} answered ${res.status}`);
  const { jwks_uri } = openIdConfigurationSchema.parse(await res.json());
  return createRemoteJWKSet(new URL(jwks_uri), { timeoutDuration: 5000 });
}

/** The verified claims of an ID token, or undefined when it is not one we accept (bad signature, expired, ...). */
export async function verifyIdToken(token: string): Promise<JWTPayload | undefined> {
  const verify = verifier();
  try {
    const claims = await verify(token);
    // Cognito access tokens verify too, but carry no e-mail: only ID tokens name the caller.
    if (claims.token_use !== undefined && claims.token_use !== 'id') return undefined;
    return claims;
  } catch (err) {
    if (isRefusal(err)) return undefined;
    throw err;
  }
}

/** A token we refuse, as opposed to an issuer we cannot reach (that is an outage: it fails loudly). */
function isRefusal(err: unknown): boolean {
  return err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout) && err.code !== 'ERR_JOSE_GENERIC';
}

/** The signed-in caller of a page, or undefined when no valid credential came with the request. */
export async function pageCaller(event: Pick<APIGatewayProxyEventV2, 'headers' | 'cookies'>): Promise<PageCaller | undefined> {
  const credential = presentedCredential(event);
  if (!credential) return undefined;
  const claims = await verifyIdToken(credential.token);
  if (!claims || typeof claims.email !== 'string' || !claims.email) return undefined;
  return { actor: actorFromClaims(claims), credential };
}

/** Tests switch issuers. */
export function forgetPageVerifier(): void {
  cached = undefined;
}
