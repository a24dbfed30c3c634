import { createHash } from 'node:crypto';
import { SignJWT, type JWTPayload } from 'jose';
import { DEFAULT_ROLES_CLAIM, type Role } from '../../../functions/edge/auth';
import { DEV_TOKEN_AUDIENCE, DEV_TOKEN_ISSUER, verifyDevToken } from '../../../functions/edge/jwt';

/**
 * What API Gateway's JWT authorizer does, locally: verify the caller's token (HS256 with the data directory's
 * key, functions/edge/jwt.ts as the pages do) and hand the claims to the handler as strings, arrays flattened to
 * `[a b]` as API Gateway does. And the dev tokens themselves, which stand for the issuer's ID tokens.
 */
export const TOKEN_ISSUER = DEV_TOKEN_ISSUER;
export const TOKEN_AUDIENCE = DEV_TOKEN_AUDIENCE;
/** Token lifetimes run on the real clock: the virtual clock jumps months ahead in tests. */
export const TOKEN_LIFETIME_SECONDS = 12 * 3600;

export interface DevIdentity {
  email: string;
  name: string;
  roles: Role[];
}

export function signingKey(secret: string): Uint8Array {
  return new TextEncoder().encode(secret);
}

/** An ID token as the issuer would mint it: the e-mail verified (the dev sign-in is trusted to name anyone). */
export async function issueToken(key: Uint8Array, who: DevIdentity, rolesClaim = DEFAULT_ROLES_CLAIM): Promise<string> {
  const email = who.email.trim().toLowerCase();
  return new SignJWT({ email, email_verified: true, name: who.name, [rolesClaim]: who.roles, token_use: 'id' })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(createHash('sha256').update(email).digest('hex').slice(0, 32))
    .setIssuer(TOKEN_ISSUER)
    .setAudience(TOKEN_AUDIENCE)
    .setIssuedAt()
    .setExpirationTime(Math.floor(Date.now() / 1000) + TOKEN_LIFETIME_SECONDS)
    .sign(key);
}

/** The claims of a dev ID token signed with `key`; undefined for anything else (an access token included). */
export function verifyToken(key: Uint8Array, token: string): Promise<JWTPayload | undefined> {
  return verifyDevToken(token, key);
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
