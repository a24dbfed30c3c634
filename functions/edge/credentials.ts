/**
 * The credential a request presents, read one way everywhere (the pages, the sign-in flow, the local gateway):
 * `Authorization: Bearer <token>`, or the `ratify_session` cookie where a cookie may stand for the caller (pages
 * only: an API call needs the header, so a cross-site form can never act through the browser's cookie).
 */
export const SESSION_COOKIE = 'ratify_session';

export interface Credential {
  /** The ID token as presented. */
  token: string;
  via: 'bearer' | 'cookie';
}

/** What a request carries: API Gateway's lower-cased headers and `cookies` (or a raw `cookie` header). */
export interface CredentialSource {
  headers?: Record<string, string | undefined>;
  cookies?: string[];
}

/** The token of `Authorization: Bearer <token>`. */
export function bearerToken(authorization: string | null | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

/** The parts of `Cookie` headers (`a=1; b=2`), as API Gateway lists them in `event.cookies`. */
export function cookieParts(header: string | string[] | null | undefined): string[] {
  return (Array.isArray(header) ? header : [header ?? ''])
    .flatMap((h) => h.split(';'))
    .map((c) => c.trim())
    .filter(Boolean);
}

/** A cookie's value, percent-decoded; undefined when absent, empty or not decodable. */
export function cookieValue(cookies: string[] | undefined, name: string): string | undefined {
  for (const cookie of cookies ?? []) {
    const eq = cookie.indexOf('=');
    if (eq > 0 && cookie.slice(0, eq).trim() === name) {
      try {
        return decodeURIComponent(cookie.slice(eq + 1).trim()) || undefined;
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

/** The bearer token, else (when `cookie` is allowed, as on pages) the session cookie. */
export function presentedCredential(source: CredentialSource, accept: { cookie: boolean } = { cookie: true }): Credential | undefined {
  const headers = source.headers ?? {};
  const bearer = bearerToken(headers.authorization ?? headers.Authorization);
  if (bearer) return { token: bearer, via: 'bearer' };
  if (!accept.cookie) return undefined;
  const token = cookieValue(source.cookies ?? cookieParts(headers.cookie), SESSION_COOKIE);
  return token ? { token, via: 'cookie' } : undefined;
}
