/**
 * The demo's HTTP client for a running stack: dev tokens per person, JSON in and out, Idempotency-Key, and the
 * local endpoints (clock, e-mails). It speaks only the documented API, like any other client.
 */
import type { Role } from '../../../functions/edge/auth';

export interface Person {
  name: string;
  email: string;
}

export interface Caller {
  person: Person;
  roles: Role[];
}

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

export interface StackClock {
  now: Date;
  kind: 'virtual' | 'real';
}

export type RatifyClient = ReturnType<typeof ratifyClient>;

export function ratifyClient(baseUrl: string) {
  const tokens = new Map<string, Promise<string>>();

  async function send(method: string, path: string, body?: unknown, headers: Record<string, string> = {}) {
    const res = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: keep the text for the error message.
    }
    return { status: res.status, body: parsed as any };
  }

  function token(caller: Caller): Promise<string> {
    const key = `${caller.person.email.toLowerCase()} ${[...caller.roles].sort().join(',')}`;
    let pending = tokens.get(key);
    if (!pending) {
      pending = send('POST', '/api/dev/token', { email: caller.person.email, name: caller.person.name, roles: caller.roles }).then((res) => {
        if (res.status === 404) throw new Error(`Dev sign-in is off on ${baseUrl}: start the stack with RATIFY_DEV_AUTH=1`);
        if (res.status !== 200) throw new ApiFailure('POST', '/api/dev/token', res.status, res.body);
        return res.body.token as string;
      });
      tokens.set(key, pending);
    }
    return pending;
  }

  /** A documented API call as `caller`; anything but 2xx throws an ApiFailure. */
  async function call(method: string, path: string, caller: Caller, body?: unknown, idempotencyKey?: string): Promise<any> {
    const headers: Record<string, string> = { authorization: `Bearer ${await token(caller)}` };
    if (idempotencyKey) headers['idempotency-key'] = idempotencyKey;
    const res = await send(method, path, body, headers);
    if (res.status < 200 || res.status > 299) throw new ApiFailure(method, path, res.status, res.body);
    return res.body;
  }

  /** The stack's clock: `GET /_local/clock` with a virtual clock; a real one is this machine's. */
  async function clock(): Promise<StackClock> {
    const res = await send('GET', '/_local/clock');
    if (res.status === 200 && typeof res.body?.now === 'string') return { now: new Date(res.body.now), kind: 'virtual' };
    return { now: new Date(), kind: 'real' };
  }

  async function emails(): Promise<unknown[]> {
    const res = await send('GET', '/_local/emails');
    if (res.status !== 200 || !Array.isArray(res.body)) throw new ApiFailure('GET', '/_local/emails', res.status, res.body);
    return res.body;
  }

  /**
   * Waits for follow-on work: a virtual clock answers `POST /_local/clock` with its own instant once the engine
   * is idle; with a real clock, waits until no e-mail has been sent for a second and a half (at most 15 s).
   */
  async function settle(): Promise<void> {
    const now = await clock();
    if (now.kind === 'virtual') {
      const res = await send('POST', '/_local/clock', { now: now.now.toISOString() });
      if (res.status !== 200) throw new ApiFailure('POST', '/_local/clock', res.status, res.body);
      return;
    }
    const deadline = Date.now() + 15_000;
    let count = (await emails()).length;
    let quietSince = Date.now();
    while (Date.now() < deadline && Date.now() - quietSince < 1_500) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      const next = (await emails()).length;
      if (next !== count) [count, quietSince] = [next, Date.now()];
    }
  }

  return { baseUrl, token, call, clock, emails, settle };
}
