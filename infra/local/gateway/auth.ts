import { createHash } from 'node:crypto';
import { jwtVerify, SignJWT, type JWTPayload } from 'jose';
import type { Role } from '../../../functions/edge/auth';
import { DEV_TOKEN_ISSUER, SESSION_COOKIE } from '../../../functions/edge/pageAuth';

/**
 * What API Gateway's JWT authorizer does, locally: verify the caller's token (HS256 with the data directory's
 * key) and hand the claims to the handler as strings, arrays flattened to `[a b]` as API Gateway does.
 */
/** The issuer the pages accept for dev tokens; the session cookie is also theirs (functions/edge/pageAuth.ts). */
export const TOKEN_ISSUER = DEV_TOKEN_ISSUER;
export const TOKEN_AUDIENCE = 'ratify';
export const TOKEN_LIFETIME = '12h';

export interface DevIdentity {
  email: string;
  name: string;
  roles: Role[];
}

export function signingKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

export async function issueToken(key: Uint8Array, who: DevIdentity, rolesClaim = 'cognito:groups'): Promise<string> {
  const email = who.email.trim().toLowerCase();
  return new SignJWT({ email, name: who.name, [rolesClaim]: who.roles, token_use: 'id' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(createHash('sha256').update(email).digest('hex').slice(0, 32))
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    // Token lifetimes run on the real clock: the virtual clock jumps months ahead in tests.
    .setExpirationTime(TOKEN_LIFETIME)
    .sign(key);
}

export async function verifyToken(key: Uint8Array, token: string): Promise<JWTPayload | undefined> {
  try {
    const { payload } = await jwtVerify(token, key, { issuer: TOKEN_ISSUER, audience: TOKEN_AUDIENCE, algorithms: ['HS256'] });
    return payload;
  } catch {
    return undefined;
  }
}

/** The token from `Authorization: Bearer ...`, else from the session cookie. */
export function presentedToken(authorization: string | undefined, cookies: string[]): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  for (const cookie of cookies) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === SESSION_COOKIE) return decodeURIComponent(cookie.slice(eq + 1).trim());
  }
  return undefined;
}

/** API Gateway passes every claim as a string: arrays as `[a b]`, numbers as digits, objects as JSON. */
export function apiGatewayClaims(payload: JWTPayload): Record<string, string> {
  const claims: Record<string, string> = {};
  for (const [name, value] of Object.entries(payload)) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) claims[name] = `[${value.map(String).join(' ')}]`;
    else if (typeof value === 'object') claims[name] = JSON.stringify(value);
    else claims[name] = String(value);
  }
  return claims;
}

export function sessionCookie(token: string, maxAgeSeconds = 12 * 3600): string {
  return `${SESSION_COOKIE}=${encodeURIComponent(token)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0`;
}
