/**
 * What the sign-in flow remembers between `/auth/login` and `/auth/callback`: the `state` sent to the issuer, the
 * PKCE verifier, the `nonce` the ID token must carry and the page asked for. It travels in a short-lived cookie,
 * a sealed token (functions/platform/sealedToken.ts) under its own label, so nothing is stored server-side and a
 * callback is accepted only in the browser that started it.
 */
import { z } from 'zod';
import { clearedCookie, setCookie } from '../edge/cookies';
import { sealedTokenKind } from '../platform/sealedToken';

export const SIGN_IN_STATE_COOKIE = 'ratify_sign_in';
/** Long enough to type a password and an MFA code, short enough that a stale callback is refused. */
export const SIGN_IN_STATE_SECONDS = 600;
const signInStates = sealedTokenKind('ratify-sign-in-state:v1\n');
/** The cookie goes back only to the callback. */
const CALLBACK_PATH = '/auth/callback';

export const signInStateSchema = z.object({
  state: z.string().min(16),
  verifier: z.string().min(43).max(128),
  nonce: z.string().min(16),
  next: z.string().startsWith('/'),
  /** Expiry, milliseconds since the epoch. */
  exp: z.number().int(),
});
export type SignInState = z.infer<typeof signInStateSchema>;

/** `<base64url JSON>.<HMAC>` */
export function sealSignInState(state: SignInState, secret: string): string {
  return signInStates.seal(state, secret);
}

/** The state, or undefined when the value is malformed, not signed with `secret`, or expired at `now`. */
export function openSignInState(sealed: string | undefined, secret: string, now: Date): SignInState | undefined {
  const opened = signInStates.open(sealed, secret);
  if (!opened.ok) return undefined;
  const parsed = signInStateSchema.safeParse(opened.payload);
  if (!parsed.success || parsed.data.exp <= now.getTime()) return undefined;
  return parsed.data;
}

/** The sign-in state cookie (AWS only, so always Secure), sent back only to the callback. */
export function signInStateCookie(sealed: string): string {
  return setCookie(SIGN_IN_STATE_COOKIE, sealed, { secure: true, path: CALLBACK_PATH, maxAgeSeconds: SIGN_IN_STATE_SECONDS });
}

export function clearedSignInStateCookie(): string {
  return clearedCookie(SIGN_IN_STATE_COOKIE, { secure: true, path: CALLBACK_PATH });
}
