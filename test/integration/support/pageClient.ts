/**
 * A browser-like client for the pages, over HTTP against the local stack: GET with a bearer token (or a cookie),
 * POST forms urlencoded with the form token the page gave, no redirects followed.
 */
import type { Caller, TestStack } from '../../support/localStack';

export interface PageAnswer {
  status: number;
  html: string;
  location: string | null;
  headers: Headers;
}

export function pageClient(t: TestStack) {
  const auth = async (as: Caller | undefined, via: 'bearer' | 'cookie'): Promise<Record<string, string>> => {
    if (!as) return {};
    const token = await t.token(as);
    return via === 'bearer' ? { authorization: `Bearer ${token}` } : { cookie: `ratify_session=${token}` };
  };
  const send = async (method: string, path: string, init: { as?: Caller; via?: 'bearer' | 'cookie'; body?: string; headers?: Record<string, string> }): Promise<PageAnswer> => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      redirect: 'manual',
      headers: {
        accept: 'text/html',
        ...(init.body !== undefined ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
        ...(await auth(init.as, init.via ?? 'bearer')),
        ...init.headers,
      },
      body: init.body,
    });
    return { status: res.status, html: await res.text(), location: res.headers.get('location'), headers: res.headers };
  };
  return {
    get: (path: string, as?: Caller, via: 'bearer' | 'cookie' = 'bearer', headers?: Record<string, string>) => send('GET', path, { as, via, headers }),
    post: (path: string, fields: Record<string, string> | URLSearchParams, as?: Caller, headers?: Record<string, string>) =>
      send('POST', path, { as, body: new URLSearchParams(fields).toString(), headers }),
    /** GETs `formPage` for its form token, then posts the form to `path` with it. */
    submit: async (formPage: string, path: string, fields: Record<string, string>, as: Caller, headers?: Record<string, string>) => {
      const page = await send('GET', formPage, { as });
      return send('POST', path, { as, body: new URLSearchParams({ csrfToken: csrfOf(page.html), ...fields }).toString(), headers });
    },
  };
}

export function csrfOf(html: string): string {
  const m = /name="csrfToken" value="([^"]+)"/.exec(html);
  if (!m) throw new Error('The page has no form token');
  return m[1];
}

/** The text of an HTML fragment, tags dropped and whitespace collapsed, for readable assertions. */
export function textOf(html: string): string {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The HTML of the element with the id (up to its matching close tag of the same name). */
export function sectionOf(html: string, id: string): string {
  const start = html.search(new RegExp(`<(\\w+)[^>]*\\sid="${id}"`));
  if (start < 0) return '';
  const tag = /^<(\w+)/.exec(html.slice(start))![1];
  let depth = 0;
  const re = new RegExp(`<(/?)${tag}\\b[^>]*>`, 'g');
  re.lastIndex = start;
  for (let m = re.exec(html); m; m = re.exec(html)) {
    depth += m[1] ? -1 : 1;
    if (depth === 0) return html.slice(start, re.lastIndex);
  }
  return html.slice(start);
}
