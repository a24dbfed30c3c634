/**
 * The one HTTP client for a running local stack, used by the demo and the tests alike: dev tokens, JSON requests
 * with a bearer token and an optional Idempotency-Key, and the local endpoints (health, clock, e-mails). It speaks
 * only the documented API, like any other client, so what it proves is what a real caller would see.
 */
import type { Role } from '../../functions/domain/actor';

/** Who a request is made as: a dev token is minted for this person with these roles. */
export interface Caller {
  email: string;
  name?: string;
  roles: Role[];
}

export interface RequestOptions {
  as?: Caller;
  /** Sent as `Idempotency-Key`, so a retried write is answered, not repeated. */
  idempotencyKey?: string;
  headers?: Record<string, string>;
  /** JSON-encoded unless already a string (tests send malformed bodies on purpose). */
  body?: unknown;
  /** Keep the answer's bytes (a Word document, say) as a Buffer instead of decoding them as text. */
  binary?: boolean;
}

export interface Answer<T = any> {
  status: number;
  /** Parsed JSON when the answer is JSON, else the text (a Buffer with `binary`). */
  body: T;
  headers: Headers;
}

/** An e-mail as `GET /_local/emails` lists it. */
export interface LocalEmail {
  to: string[];
  cc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  sentAt: string;
}

/** The stack's clock as a client sees it: a virtual one answers `/_local/clock`, a real one is this machine's. */
export interface ClockReading {
  now: Date;
  kind: 'virtual' | 'real';
}

export type Health = 'healthy' | 'unhealthy' | 'nothing';

export class ApiFailure extends Error {
  constructor(
    readonly method: string,
    readonly path: string,
    readonly status: number,
    readonly body: unknown,
  ) {
    super(`${method} ${path} answered ${status}: ${JSON.stringify(body)}`);
  }
}

export type LocalStackClient = ReturnType<typeof localStackClient>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const isOk = (status: number) => status >= 200 && status <= 299;

export function localStackClient(baseUrl: string) {
  const tokens = new Map<string, Promise<string>>();

  /** Any request; the answer whatever its status (tests look at refusals too). */
  async function request<T = any>(method: string, path: string, o: RequestOptions = {}): Promise<Answer<T>> {
    const headers: Record<string, string> = {};
    if (o.body !== undefined) headers['content-type'] = 'application/json';
    if (o.as) headers.authorization = `Bearer ${await token(o.as)}`;
    if (o.idempotencyKey) headers['idempotency-key'] = o.idempotencyKey;
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...headers, ...o.headers },
      body: o.body === undefined ? undefined : typeof o.body === 'string' ? o.body : JSON.stringify(o.body),
      // Redirects are part of what pages answer (sign-in, forms): the caller sees them, not their target.
      redirect: 'manual',
    });
    if (o.binary) return { status: res.status, body: Buffer.from(await res.arrayBuffer()) as T, headers: res.headers };
    const text = await res.text();
    let body: unknown = text;
    if (text && (res.headers.get('content-type') ?? '').includes('json')) {
      try {
        body = JSON.parse(text);
      } catch {
        // Broken JSON: keep the text, so the failure shows what came back.
      }
    }
    return { status: res.status, body: body as T, headers: res.headers };
  }

  /** The body of a 2xx answer; anything else throws an ApiFailure. */
  async function call<T = any>(method: string, path: string, o: RequestOptions = {}): Promise<T> {
    const res = await request<T>(method, path, o);
    if (!isOk(res.status)) throw new ApiFailure(method, path, res.status, res.body);
    return res.body;
  }

  /** A dev token for the caller, minted once per person and roles. */
  function token(as: Caller): Promise<string> {
    const key = JSON.stringify([as.email.toLowerCase(), as.name ?? '', [...as.roles].sort()]);
    let pending = tokens.get(key);
    if (!pending) {
      const body = { email: as.email, name: as.name, roles: as.roles };
      pending = request('POST', '/api/dev/token', { body }).then((res) => {
        if (res.status === 404) throw new Error(`Dev sign-in is off on ${baseUrl}: start the stack with RATIFY_DEV_AUTH=1`);
        if (res.status !== 200) throw new ApiFailure('POST', '/api/dev/token', res.status, res.body);
        return res.body.token as string;
      });
      // A failed mint is not cached, so a later call can try again.
      pending.catch(() => tokens.delete(key));
      tokens.set(key, pending);
    }
    return pending;
  }

  async function health(): Promise<Health> {
    try {
      const res = await fetch(`${baseUrl}/health`, { signal: AbortSignal.timeout(2_000) });
      const body = (await res.json().catch(() => undefined)) as { status?: string } | undefined;
      return res.status === 200 && body?.status === 'ok' ? 'healthy' : 'unhealthy';
    } catch {
      return 'nothing';
    }
  }

  /**
   * True once /health is ok, false when nothing answers at all; a server answering but not (yet) healthy gets
   * `timeoutMs` to become so (a stack still starting), then this throws.
   */
  async function waitHealthy(timeoutMs = 15_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const state = await health();
      if (state !== 'unhealthy') return state === 'healthy';
      if (Date.now() > deadline) throw new Error(`Something answers on ${baseUrl} but its /health is not ok: is it a Ratify stack?`);
      await sleep(500);
    }
  }

  async function clock(): Promise<ClockReading> {
    const res = await request('GET', '/_local/clock');
    if (res.status === 200 && typeof res.body?.now === 'string') return { now: new Date(res.body.now), kind: 'virtual' };
    return { now: new Date(), kind: 'real' };
  }

  /** Moves a virtual clock (running every timer due on the way); resolves with its instant once the engine is idle. */
  async function setClock(instant: string | Date): Promise<string> {
    const now = instant instanceof Date ? instant.toISOString() : instant;
    return (await call('POST', '/_local/clock', { body: { now } })).now as string;
  }

  async function emails(): Promise<LocalEmail[]> {
    const sent = await call('GET', '/_local/emails');
    if (!Array.isArray(sent)) throw new ApiFailure('GET', '/_local/emails', 200, sent);
    return sent as LocalEmail[];
  }

  /**
   * Waits for follow-on work: a virtual clock is set to its own instant, which answers once the engine is idle;
   * with a real clock, waits until no e-mail has been sent for a second and a half (at most 15 s).
   */
  async function settle(): Promise<void> {
    const now = await clock();
    if (now.kind === 'virtual') {
      await setClock(now.now);
      return;
    }
    const deadline = Date.now() + 15_000;
    let count = (await emails()).length;
    let quietSince = Date.now();
    while (Date.now() < deadline && Date.now() - quietSince < 1_500) {
      await sleep(250);
      const next = (await emails()).length;
      if (next !== count) [count, quietSince] = [next, Date.now()];
    }
  }

  return { baseUrl, request, call, token, health, waitHealthy, clock, setClock, emails, settle };
}
