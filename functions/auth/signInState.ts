/**
 * What the sign-in flow remembers between `/auth/login` and `/auth/callback`: the `state` sent to the issuer, the
 * PKCE verifier, the `nonce` the ID token must carry and the page asked for. It travels in a short-lived cookie
 * HMAC-signed with the link-signing key (under its own label), so nothing is stored server-side and a callback
 * is accepted only in the browser that started it.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';

export const SIGN_IN_STATE_COOKIE = 'ratify_sign_in';
/** Long enough to type a password and an MFA code, short enough that a stale callback is refused. */
export const SIGN_IN_STATE_SECONDS = 600;
const LABEL = 'ratify-sign-in-state:v1';

export const signInStateSchema = z.object({
  state: z.string().min(16),
  verifier: z.string().min(43).max(128),
  nonce: z.string().min(16),
  next: z.string().startsWith('/'),
  /** Expiry, milliseconds since the epoch. */
  exp: z.number().int(),
});
export type SignInState = z.infer<typeof signInStateSchema>;

function mac(payload: string, secret: string): string {
  return createHmac('sha256', secret).update(`${LABEL}\n${payload}`).digest('base64url');
}

/** `<base64url JSON>.<HMAC>` */
export function sealSignInState(state: SignInState, secret: string): string {
  const payload = Buffer.from(JSON.stringify(state)).toString('base64url');
  return `${payload}.${mac(payload, secret)}`;
}

/** The state, or undefined when the value is malformed, not signed with `secret`, or expired at `now`. */
export function openSignInState(sealed: string | undefined, secret: string, now: Date): SignInState | undefined {
  if (!sealed) return undefined;
  const [payload, signature, extra] = sealed.split('.');
  if (!payload || !signature || extra !== undefined) return undefined;
  const expected = Buffer.from(mac(payload, secret));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
  const parsed = signInStateSchema.safeParse(json);
  if (!parsed.success || parsed.data.exp <= now.getTime()) return undefined;
  return parsed.data;
}

/** Equal `state` values, compared in constant time. */
export function sameState(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
