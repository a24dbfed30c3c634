import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Role } from '../../functions/edge/auth';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/stack';

/**
 * The real embedded stack for integration tests: a temporary data directory, a virtual clock, dev auth on,
 * every server on a free port, and small HTTP helpers that speak to the gateway like any client would.
 *
 *   const t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
 *   const res = await t.api.post('/api/runs', body, { as: { email: 'cleo@example.gov.uk', roles: ['clerk'] } });
 *   await t.advanceClock('2017-02-10T00:00:00Z');
 *   expect(await t.emails()).toHaveLength(3);
 *   await t.stop();
 */
export interface Caller {
  email: string;
  name?: string;
  roles: Role[];
}

export interface RequestOptions {
  as?: Caller;
  headers?: Record<string, string>;
}

export interface Answer<T = any> {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text. */
  body: T;
  headers: Headers;
}

export interface LocalEmail {
  to: string[];
  cc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  sentAt: string;
}

export interface TestStack {
  url: string;
  stack: LocalStack;
  dataDir: string;
  api: {
    get<T = any>(path: string, opts?: RequestOptions): Promise<Answer<T>>;
    post<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<Answer<T>>;
    patch<T = any>(path: string, body?: unknown, opts?: RequestOptions): Promise<Answer<T>>;
    request<T = any>(method: string, path: string, opts?: RequestOptions & { body?: unknown }): Promise<Answer<T>>;
  };
  /** A dev token for the caller (cached). */
  token(as: Caller): Promise<string>;
  /** POST /_local/clock: runs every timer due on the way; resolves when the engine is idle. */
  advanceClock(instant: string | Date): Promise<string>;
  now(): Promise<string>;
  emails(): Promise<LocalEmail[]>;
  /** Stops and starts again on the same data directory (persistence across restarts). */
  restart(): Promise<TestStack>;
  /** Stops the stack and deletes the data directory (unless it was given). */
  stop(): Promise<void>;
}

export const DEFAULT_TEST_CLOCK_START = '2026-11-26T09:00:00.000Z';

export async function startTestStack(options: Partial<LocalStackOptions> = {}): Promise<TestStack> {
  const ownDir = !options.dataDir;
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ratify-test-')));
  const opts: LocalStackOptions = {
    clock: 'virtual',
    clockStart: DEFAULT_TEST_CLOCK_START,
    devAuth: true,
    quiet: true,
    ...options,
    dataDir,
  };
  let stack: LocalStack;
  try {
    stack = await startLocalStack(opts);
  } catch (err) {
    if (ownDir) await rm(dataDir, { recursive: true, force: true });
    throw err;
  }
  return wrap(stack, opts, ownDir);
}

function wrap(stack: LocalStack, opts: LocalStackOptions, ownDir: boolean): TestStack {
  const tokens = new Map<string, Promise<string>>();

  const raw = async (method: string, path: string, body: unknown, headers: Record<string, string>): Promise<Answer> => {
    const res = await fetch(`${stack.url}${path}`, {
      method,
      headers: { ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
      redirect: 'manual',
    });
    const text = await res.text();
    const isJson = (res.headers.get('content-type') ?? '').includes('json');
    return { status: res.status, body: isJson && text ? JSON.parse(text) : text, headers: res.headers };
  };

  const token = (as: Caller): Promise<string> => {
    const key = JSON.stringify([as.email.toLowerCase(), as.name ?? '', [...as.roles].sort()]);
    let pending = tokens.get(key);
    if (!pending) {
      pending = raw('POST', '/api/dev/token', { email: as.email, name: as.name, roles: as.roles }, {}).then((res) => {
        if (res.status !== 200) throw new Error(`No dev token for ${as.email}: ${res.status} ${JSON.stringify(res.body)}`);
        return res.body.token as string;
      });
      tokens.set(key, pending);
    }
    return pending;
  };

  const request = async (method: string, path: string, o: RequestOptions & { body?: unknown } = {}): Promise<Answer> => {
    const headers = { ...o.headers };
    if (o.as) headers.authorization = `Bearer ${await token(o.as)}`;
    return raw(method, path, o.body, headers);
  };

  const t: TestStack = {
    url: stack.url,
    stack,
    dataDir: stack.dataDir,
    api: {
      get: (path, o) => request('GET', path, o),
      post: (path, body, o) => request('POST', path, { ...o, body }),
      patch: (path, body, o) => request('PATCH', path, { ...o, body }),
      request,
    },
    token,
    advanceClock: async (instant) => {
      const now = instant instanceof Date ? instant.toISOString() : instant;
      const res = await raw('POST', '/_local/clock', { now }, {});
      if (res.status !== 200) throw new Error(`Clock not moved to ${now}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.now as string;
    },
    now: async () => (await raw('GET', '/_local/clock', undefined, {})).body.now as string,
    emails: async () => (await raw('GET', '/_local/emails', undefined, {})).body as LocalEmail[],
    restart: async () => {
      await stack.stop();
      // Same ports would race with sockets still closing; the data directory is what carries over.
      const next = await startLocalStack({ ...opts, port: undefined });
      return wrap(next, opts, ownDir);
    },
    stop: async () => {
      await stack.stop();
      if (ownDir) await rm(opts.dataDir, { recursive: true, force: true });
    },
  };
  return t;
}
