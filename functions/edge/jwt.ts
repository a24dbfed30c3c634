/**
 * Verifying ID tokens, one way for every part that does (pages, the sign-in callback, the local gateway):
 * - dev tokens (the embedded stack only): HS256 with the data directory's key, issuer `ratify-local`;
 * - on AWS: RS256/ES256 against the issuer's published keys (JWKS), found through its OpenID configuration,
 *   which the sign-in flow also reads its endpoints from (fetched once per issuer, again after a failure).
 * Only ID tokens are accepted: a Cognito access token (`token_use: access`) verifies too, but names no one.
 */
import { createRemoteJWKSet, errors, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { z } from 'zod';

/** The only issuer, and audience, of dev tokens (the embedded stack's). */
export const DEV_TOKEN_ISSUER = 'ratify-local';
export const DEV_TOKEN_AUDIENCE = 'ratify';

const ASYMMETRIC = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384'];
const openIdConfigurationSchema = z.looseObject({ jwks_uri: z.url().optional() });
export type OpenIdConfiguration = z.infer<typeof openIdConfigurationSchema>;

let configurations = new Map<string, Promise<OpenIdConfiguration>>();

/** `<issuer>/.well-known/openid-configuration` (Cognito and Entra ID both publish one); a failure is not kept. */
export function openIdConfiguration(issuer: string): Promise<OpenIdConfiguration> {
  let pending = configurations.get(issuer);
  if (!pending) {
    pending = fetchConfiguration(issuer).catch((err: unknown) => {
      configurations.delete(issuer);
      throw err;
    });
    configurations.set(issuer, pending);
  }
  return pending;
}

async function fetchConfiguration(issuer: string): Promise<OpenIdConfiguration> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OpenID configuration of ${issuer} answered ${res.status}`);
  return openIdConfigurationSchema.parse(await res.json());
}

/** Claims of an ID token: Cognito marks its tokens `token_use`, other issuers' ID tokens carry none. */
export function isIdToken(claims: JWTPayload): boolean {
  return claims.token_use === undefined || claims.token_use === 'id';
}

const devTokenChecks = { issuer: DEV_TOKEN_ISSUER, audience: DEV_TOKEN_AUDIENCE, algorithms: ['HS256'] };

async function checkDevToken(token: string, key: Uint8Array | string): Promise<JWTPayload> {
  const secret = typeof key === 'string' ? new TextEncoder().encode(key) : key;
  return (await jwtVerify(token, secret, devTokenChecks)).payload;
}

/** The claims of a dev ID token signed with `key` (the embedded stack's), or undefined when it is not one. */
export async function verifyDevToken(token: string, key: Uint8Array | string): Promise<JWTPayload | undefined> {
  try {
    const claims = await checkDevToken(token, key);
    return isIdToken(claims) ? claims : undefined;
  } catch (err) {
    if (err instanceof errors.JOSEError) return undefined;
    throw err;
  }
}

type Verifier = (token: string) => Promise<JWTPayload>;
let cached: { config: string; verify: Verifier } | undefined;

/** The verifier for the current environment (the embedded stack changes it between runs, so it is keyed by it). */
function verifier(): Verifier {
  const issuer = process.env.RATIFY_AUTH_ISSUER;
  const audience = process.env.RATIFY_AUTH_CLIENT_ID;
  const devKey = process.env.RATIFY_DEV_TOKEN_KEY;
  if (!issuer || !audience) throw new Error('RATIFY_AUTH_ISSUER and RATIFY_AUTH_CLIENT_ID must be set to verify callers');
  const config = JSON.stringify([issuer, audience, devKey ?? null]);
  if (cached?.config === config) return cached.verify;

  let verify: Verifier;
  if (devKey) {
    // A shared key on AWS would let anyone who learns it sign in as anyone: the CDK stack never sets it (a test
    // checks), and should it ever be set there, every page fails rather than trusting it.
    if (process.env.AWS_LAMBDA_FUNCTION_NAME || issuer !== DEV_TOKEN_ISSUER || audience !== DEV_TOKEN_AUDIENCE) {
      throw new Error(`RATIFY_DEV_TOKEN_KEY is for the embedded stack only (issuer ${DEV_TOKEN_ISSUER}, never on Lambda)`);
    }
    verify = (token) => checkDevToken(token, devKey);
  } else {
    let keys: Promise<JWTVerifyGetKey> | undefined;
    const getKeys = () => {
      keys ??= jwksOf(issuer).catch((err: unknown) => {
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

/** The issuer's signing keys, from the `jwks_uri` of its OpenID configuration (cached by jose). */
async function jwksOf(issuer: string): Promise<JWTVerifyGetKey> {
  const { jwks_uri } = await openIdConfiguration(issuer);
  if (!jwks_uri) throw new Error(`The OpenID configuration of ${issuer} names no jwks_uri`);
  return createRemoteJWKSet(new URL(jwks_uri), { timeoutDuration: 5000 });
}

/**
 * The verified claims of an ID token for `RATIFY_AUTH_ISSUER` and `RATIFY_AUTH_CLIENT_ID`, or undefined when it
 * is not one we accept (bad signature, expired, an access token, ...). An issuer we cannot reach throws.
 */
export async function verifyIdToken(token: string): Promise<JWTPayload | undefined> {
  const verify = verifier();
  try {
    const claims = await verify(token);
    return isIdToken(claims) ? claims : undefined;
  } catch (err) {
    if (isRefusal(err)) return undefined;
    throw err;
  }
}

/** A token we refuse, as opposed to an issuer we cannot reach (that is an outage: it fails loudly). */
function isRefusal(err: unknown): boolean {
  return err instanceof errors.JOSEError && !(err instanceof errors.JWKSTimeout) && err.code !== 'ERR_JOSE_GENERIC';
}

/** Tests switch issuers: forget the verifier and every OpenID configuration fetched. */
export function forgetVerifiers(): void {
  cached = undefined;
  configurations = new Map();
}
