import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { localStackClient, type Answer, type Caller, type LocalEmail, type LocalStackClient } from '../../infra/local/client';
import { startLocalStack, type LocalStack, type LocalStackOptions } from '../../infra/local/stack';

/**
 * The real embedded stack for integration tests: a temporary data directory, a virtual clock, dev auth on,
 * every server on a free port, and the stack's one HTTP client (infra/local/client.ts) to speak to the gateway
 * like any client would.
 *
 *   const t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
 *   const res = await t.api.post('/api/runs', body, { as: { email: 'cleo@example.gov.uk', roles: ['clerk'] } });
 *   await t.advanceClock('2017-02-10T00:00:00Z');
 *   expect(await t.emails()).toHaveLength(3);
 *   await t.stop();
 */
export type { Answer, Caller, LocalEmail };

export interface RequestOptions {
  as?: Caller;
  headers?: Record<string, string>;
  /** The answer's bytes as a Buffer (a Word document, say). */
  binary?: boolean;
}

export interface TestStack {
  url: string;
  stack: LocalStack;
  dataDir: string;
  /** The client itself, for what the shorthands below do not cover. */
  client: LocalStackClient;
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
  const client = localStackClient(stack.url);
  const { request } = client;
  return {
    url: stack.url,
    stack,
    dataDir: stack.dataDir,
    client,
    api: {
      get: (path, o) => request('GET', path, o),
      post: (path, body, o) => request('POST', path, { ...o, body }),
      patch: (path, body, o) => request('PATCH', path, { ...o, body }),
      request,
    },
    token: client.token,
    advanceClock: client.setClock,
    now: async () => (await client.clock()).now.toISOString(),
    emails: client.emails,
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
}
