/**
 * Cross-site request forgery protection of the pages' forms. Every form carries a token that is a labelled MAC
 * (functions/platform/sealedToken.ts) of the caller's session credential, so a token works only with the session it
 * was made for; and a POST whose browser says it came from another site (Sec-Fetch-Site, Origin) is refused
 * whatever it carries.
 */
import { createHash } from 'node:crypto';
import { labelledMac, sameSecret } from '../platform/sealedToken';

export const CSRF_FIELD = 'csrfToken';
const LABEL = 'ratify-page-form:v1\n';

/** The form token for a session (the credential's token), keyed by a server secret. */
export function csrfToken(sessionToken: string, secret: string): string {
  return labelledMac(LABEL, createHash('sha256').update(sessionToken).digest('hex'), secret);
}

export function isValidCsrfToken(given: string | null | undefined, sessionToken: string, secret: string): boolean {
  return sameSecret(given, csrfToken(sessionToken, secret));
}

/**
 * False when the browser tells us the request came from another site: `Sec-Fetch-Site` other than
 * same-origin or none (typed into the address bar), or an `Origin` whose host is not the one addressed.
 */
export function isSameOriginRequest(headers: Record<string, string | undefined>): boolean {
  const site = headers['sec-fetch-site'];
  if (site && site !== 'same-origin' && site !== 'none') return false;
  const origin = headers.origin;
  if (origin === undefined) return true;
  const host = headers.host;
  try {
    return !!host && new URL(origin).host === host;
  } catch {
    // `Origin: null` (opaque origins) or junk.
    return false;
  }
}
