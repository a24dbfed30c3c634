/**
 * The `Set-Cookie` values Ratify writes, one way: HttpOnly and SameSite=Lax always (the issuer's redirect back to
 * us is a top-level GET, which Lax cookies follow), Secure on AWS; the embedded stack (plain http on localhost)
 * differs only in that. The session cookie holds the ID token the pages verify and lives as long as it.
 */
import { SESSION_COOKIE } from './credentials';

export interface CookieOptions {
  /** Sent over HTTPS only: true on AWS, false on the embedded stack's http://localhost. */
  secure: boolean;
  path?: string;
  expires?: Date;
  maxAgeSeconds?: number;
}

export function setCookie(name: string, value: string, o: CookieOptions): string {
  return [
    `${name}=${encodeURIComponent(value)}`,
    ...(o.expires ? [`Expires=${o.expires.toUTCString()}`] : []),
    ...(o.maxAgeSeconds !== undefined ? [`Max-Age=${o.maxAgeSeconds}`] : []),
    `Path=${o.path ?? '/'}`,
    'HttpOnly',
    ...(o.secure ? ['Secure'] : []),
    'SameSite=Lax',
  ].join('; ');
}

/** The same cookie (name, path) removed. */
export function clearedCookie(name: string, o: { secure: boolean; path?: string }): string {
  return setCookie(name, '', { ...o, maxAgeSeconds: 0 });
}

export function sessionCookie(idToken: string, expires: Date, o: { secure: boolean }): string {
  return setCookie(SESSION_COOKIE, idToken, { secure: o.secure, expires });
}

export function clearedSessionCookie(o: { secure: boolean }): string {
  return clearedCookie(SESSION_COOKIE, o);
}
