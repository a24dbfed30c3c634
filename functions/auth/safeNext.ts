/**
 * Where to go after signing in: only a path of this site, so the sign-in flow can never bounce a browser to
 * another site (`//evil`, `/\evil`, `https://evil`, control characters). Anything else, or the sign-in routes
 * themselves (a loop), is the dashboard.
 */
const BASE = 'https://ratify.invalid';

export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\\]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, BASE);
  } catch {
    return '/';
  }
  if (url.origin !== BASE) return '/';
  if (url.pathname === '/auth' || url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}
