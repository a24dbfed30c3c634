/**
 * The `Set-Cookie` values of the sign-in flow. The session cookie holds the ID token the pages verify
 * (functions/edge/pageAuth.ts) and lives exactly as long as it; the sign-in state cookie is sent back only to
 * the callback. SameSite=Lax: the issuer's redirect back to us is a top-level GET, which Lax cookies follow.
 */
import { SESSION_COOKIE } from '../edge/pageAuth';
import { SIGN_IN_STATE_COOKIE, SIGN_IN_STATE_SECONDS } from './signInState';

const CALLBACK_PATH = '/auth/callback';

export function sessionCookie(idToken: string, expires: Date): string {
  return `${SESSION_COOKIE}=${idToken}; Expires=${expires.toUTCString()}; Path=/; HttpOnly; Secure; SameSite=Lax`;
}

export function clearedSessionCookie(): string {
  return `${SESSION_COOKIE}=; Expires=Thu, 01 Jan 1970 00:00:00 GMT; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax`;
}

export function signInStateCookie(sealed: string): string {
  return `${SIGN_IN_STATE_COOKIE}=${sealed}; Max-Age=${SIGN_IN_STATE_SECONDS}; Path=${CALLBACK_PATH}; HttpOnly; Secure; SameSite=Lax`;
}

export function clearedSignInStateCookie(): string {
  return `${SIGN_IN_STATE_COOKIE}=; Max-Age=0; Path=${CALLBACK_PATH}; HttpOnly; Secure; SameSite=Lax`;
}

/** A cookie's value from API Gateway's `event.cookies` (or a raw Cookie header's parts). */
export function cookieValue(cookies: string[] | undefined, name: string): string | undefined {
  for (const cookie of cookies ?? []) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === name) return cookie.slice(eq + 1).trim() || undefined;
  }
  return undefined;
}
