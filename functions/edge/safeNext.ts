/**
 * Where to go after signing in (the AWS sign-in flow and the local dev sign-in alike): only a path of this site,
 * so a sign-in can never bounce a browser to another site. The value is judged after percent-decoding and after
 * the URL parser's own normalisation (`/./`, `/../`, `%2e`), because a browser resolves those too: `/.//evil`
 * is `//evil`, another host. Anything that is not plainly a path of this site, or is a sign-in route itself (a
 * loop), is the dashboard.
 */
const BASE = 'https://ratify.invalid';
// Control characters (C0, DEL, C1), white space and backslashes: browsers drop or rewrite them in a URL, and a
// raw one breaks the Location header.
// eslint-disable-next-line no-control-regex
const UNSAFE_RAW = /[\u0000-\u0020\u007f-\u009f\\]/;
// eslint-disable-next-line no-control-regex
const UNSAFE_DECODED = /[\u0000-\u001f\u007f-\u009f\\]/;
const SIGN_IN_ROUTES = /^\/(auth|dev\/login|dev\/logout|local\/sign-in|local\/sign-out)(\/|$)/;

/** The path of this site to go to, normalised, or `/`. */
export function safeNext(next: string | null | undefined): string {
  if (typeof next !== 'string' || !next.startsWith('/') || UNSAFE_RAW.test(next)) return '/';
  const decoded = decodeAll(next);
  if (decoded === undefined || UNSAFE_DECODED.test(decoded)) return '/';
  // Both as sent and as decoded, the normalised path must stay on this site and not start a new authority.
  const url = pathOnThisSite(next);
  if (!url || !pathOnThisSite(decoded)) return '/';
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (SIGN_IN_ROUTES.test(url.pathname)) return '/';
  // What we answer must read back as itself: a path of this site.
  const again = pathOnThisSite(path);
  return again && again.href === url.href ? path : '/';
}

function pathOnThisSite(value: string): URL | undefined {
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return undefined;
  }
  if (url.origin !== BASE || url.pathname.startsWith('//') || !value.startsWith('/') || value.startsWith('//')) return undefined;
  return url;
}

/** Percent-decoded until nothing changes (double encoding included), or undefined when it is not valid UTF-8. */
function decodeAll(value: string): string | undefined {
  let current = value;
  for (let i = 0; i < 5; i++) {
    let next: string;
    try {
      next = decodeURIComponent(current);
    } catch {
      return undefined;
    }
    if (next === current) return current;
    current = next;
  }
  return undefined;
}
