import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { conflict, invalid, notFound, unauthorized } from '../../../functions/domain/errors';
import { HttpError, errorBody, isKnownError, statusOfError, type KnownError } from '../../../functions/edge/errors';
import { fieldsOf, MAX_BODY_BYTES } from '../../../functions/edge/http';
import { defaultSizing, type ApiFunctionDef } from '../../definitions/functions';
import type { StackClock } from '../clock';
import type { LocalEmailView } from '../ses';
import { lambdaContext } from '../lambdaContext';
import { close, listen } from '../net';
import { serveAsset } from './assets';
import { clearedSessionCookie, sessionCookie } from '../../../functions/edge/cookies';
import { cookieParts, presentedCredential } from '../../../functions/edge/credentials';
import { apiGatewayClaims, issueToken, TOKEN_LIFETIME_SECONDS, verifyToken } from './auth';
import { readBoundedBody } from './body';
import { safeNext } from '../../../functions/edge/safeNext';
import { devIdentitySchema, parseLoginForm, renderLoginPage, toIdentity } from './devLogin';
import { apiGatewayEvent } from './event';
import { SIGN_IN_PATH, type LocalSignIn } from './localSignIn';
import { compileRoute, matchRoute, type CompiledRoute } from './routes';

/**
 * The local HTTP gateway: API Gateway (HTTP API, payload 2.0, JWT authorizer) for every API function of
 * infra/definitions/functions.ts, called in-process, plus the local-only endpoints of docs/API.md.
 */
export type ApiLambda = (event: APIGatewayProxyEventV2, context: Context) => Promise<unknown>;

export interface GatewayOptions {
  port?: number;
  functions: ApiFunctionDef[];
  /** Loads a handler module on first use (after the stack has set the handlers' environment). */
  loadHandler(def: ApiFunctionDef): ApiLambda;
  jwtKey: Uint8Array;
  rolesClaim: string;
  devAuth: boolean;
  clock: StackClock;
  /** Virtual clock: run every timer due up to `instant`, then set the clock; resolves when the engine is idle. */
  advanceClock(instant: Date): Promise<void>;
  emails(): Promise<LocalEmailView[]>;
  /**
   * Runs a scheduled function of the functions list now (`POST /_local/schedules/{id}`), as its EventBridge rule
   * would on AWS: the embedded stack has no scheduler of its own. Undefined: not a scheduled function.
   */
  runSchedule?(id: string): Promise<unknown> | undefined;
  /**
   * The stack's own sign-in (`/local/sign-in`, one-time links), where unsigned page visits go when dev auth is
   * off; without it they answer 401.
   */
  localSignIn?: LocalSignIn;
  /** Each component and whether it answers. */
  health(): Promise<Record<string, boolean>>;
  onError?(err: unknown, where: string): void;
}

export interface Gateway {
  url: string;
  port: number;
  /** Until called, API routes answer 503 (the engine and state machine are still starting). */
  markReady(): void;
  close(): Promise<void>;
}

/** What API Gateway answers when a function fails, and for a body over the 1 MB the API takes. */
const internalError = () => new HttpError('internal-error', 'Something went wrong on our side; it has been logged');
const tooLarge = () => new HttpError('payload-too-large', 'The request body is over 1 MB');
const clockBodySchema = z.object({ now: z.iso.datetime({ offset: true }) });
/** Plain http on localhost: the session cookie cannot be Secure here (the only difference from AWS). */
const LOCAL_COOKIES = { secure: false };
const JSON_TYPE = /^application\/(.+\+)?json\s*($|;)/i;

export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const routes: CompiledRoute<ApiFunctionDef>[] = opts.functions.flatMap((def) =>
    def.routes.map((key) => compileRoute(key, def)),
  );
  let ready = false;
  let clockQueue: Promise<unknown> = Promise.resolve();
  /** The stack's own addresses (set once listening): any other Host is a rebound name or a mistake. */
  let ownHosts = new Set<string>();

  const server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      opts.onError?.(err, `${req.method} ${req.url}`);
      if (!res.headersSent) sendError(res, internalError());
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = req.url ?? '/';
    const path = url.split('?')[0];

    // DNS rebinding: a page of another site whose name now points here must not reach anything, /_local/ least.
    const host = (headerValue(req, 'host') ?? '').toLowerCase();
    if (!ownHosts.has(host)) {
      return sendJson(res, 421, { error: { code: 'misdirected-request', message: `This stack answers only as ${[...ownHosts][0]}` } });
    }
    if (path === '/health' && method === 'GET') return health(res);
    if (path.startsWith('/_local/')) return local(method, path, req, res);
    if (path === '/api/dev/token' || path === '/dev/login' || path === '/dev/logout') return devAuth(method, path, url, req, res);
    if (opts.localSignIn?.handles(path)) return signIn(opts.localSignIn, method, path, url, req, res);
    if (path.startsWith('/assets/') && (method === 'GET' || method === 'HEAD')) {
      if (await serveAsset(path.slice('/assets/'.length), res, method === 'HEAD')) return;
      return sendError(res, notFound(`No asset at ${path}`));
    }

    const match = matchRoute(routes, method, path);
    if (!match) return sendError(res, notFound(`No route for ${method} ${path}`));
    if (!ready) return sendJson(res, 503, { error: { code: 'unavailable', message: 'The local stack is still starting' } });

    const body = await readBoundedBody(req, MAX_BODY_BYTES);
    if (body.kind === 'too-large') return sendError(res, tooLarge());

    const def = match.route.target;
    let claims: Record<string, string> | undefined;
    let scopes: string[] | null = null;
    if (!def.public) {
      // The session cookie stands for the caller on pages only: an API call needs the Authorization header, so
      // a form another site makes the browser send cannot act through the cookie.
      const credential = presentedCredential(
        { headers: { authorization: headerValue(req, 'authorization') }, cookies: cookieParts(req.headers.cookie) },
        { cookie: !path.startsWith('/api/') },
      );
      const payload = credential ? await verifyToken(opts.jwtKey, credential.token) : undefined;
      if (!payload) {
        const signInPage = opts.devAuth ? '/dev/login' : opts.localSignIn ? SIGN_IN_PATH : undefined;
        if (signInPage && method === 'GET' && !path.startsWith('/api/') && accepts(req, 'text/html')) {
          return redirect(res, `${signInPage}?next=${encodeURIComponent(url)}`);
        }
        return sendError(res, unauthorized());
      }
      claims = apiGatewayClaims(payload);
      scopes = typeof payload.scope === 'string' ? payload.scope.split(' ') : null;
    }

    const event = apiGatewayEvent({
      method,
      url,
      headers: req.headers,
      body: body.body,
      sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      httpVersion: req.httpVersion,
      routeKey: match.route.routeKey,
      pathParameters: match.pathParameters,
      claims,
      scopes,
      at: opts.clock.now(),
    });
    const context = lambdaContext(def.id, { ...defaultSizing.api, ...def.sizing });
    let result: unknown;
    try {
      result = await opts.loadHandler(def)(event, context);
    } catch (err) {
      // What API Gateway does when the function itself fails.
      opts.onError?.(err, `${def.id} (${match.route.routeKey})`);
      return sendError(res, internalError());
    }
    writeLambdaResult(res, result, method === 'HEAD');
  }

  async function health(res: ServerResponse): Promise<void> {
    const components = { gateway: ready, ...(await opts.health()) };
    const ok = Object.values(components).every(Boolean);
    sendJson(res, ok ? 200 : 503, ok ? { status: 'ok' } : { status: 'unavailable', components });
  }

  async function local(method: string, path: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (path === '/_local/emails' && method === 'GET') {
      return sendJson(res, 200, await opts.emails());
    }
    const schedule = /^\/_local\/schedules\/([A-Za-z0-9]{1,64})$/.exec(path);
    if (schedule && method === 'POST') {
      const run = opts.runSchedule?.(schedule[1]);
      if (!run) return sendError(res, notFound(`No scheduled function ${schedule[1]}`));
      return sendJson(res, 200, { result: (await run) ?? null });
    }
    if (path === '/_local/clock' && opts.clock.kind === 'virtual') {
      if (method === 'GET') return sendJson(res, 200, { now: opts.clock.now().toISOString() });
      if (method === 'POST') return moveClock(req, res);
    }
    return sendError(res, notFound(`No local endpoint ${method} ${path}`));
  }

  async function moveClock(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const parsed = await readJson(req, res, clockBodySchema);
    if (!parsed) return;
    const target = new Date(parsed.now);
    // One move at a time, each answering once the engine is idle.
    const run = clockQueue.then(async () => {
      const current = opts.clock.now();
      if (target.getTime() < current.getTime()) {
        throw conflict(`The clock cannot go back: it is already ${current.toISOString()}`, { now: 'before the current instant' });
      }
      await opts.advanceClock(target);
      // Idle includes the sign-in e-mails asked for (they are sent after the page answers).
      await opts.localSignIn?.idle();
      return opts.clock.now().toISOString();
    });
    clockQueue = run.catch(() => undefined);
    try {
      sendJson(res, 200, { now: await run });
    } catch (err) {
      if (isKnownError(err)) return sendError(res, err);
      throw err;
    }
  }

  async function devAuth(method: string, path: string, url: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!opts.devAuth) return sendError(res, notFound(`No route for ${method} ${path}`));
    if (path === '/api/dev/token' && method === 'POST') {
      const input = await readJson(req, res, devIdentitySchema);
      if (!input) return;
      return sendJson(res, 200, { token: await issueToken(opts.jwtKey, toIdentity(input), opts.rolesClaim) });
    }
    if (path === '/dev/login' && method === 'GET') {
      const next = new URLSearchParams(url.split('?')[1] ?? '').get('next');
      return sendHtml(res, 200, renderLoginPage({ next: safeNext(next) }));
    }
    if (path === '/dev/login' && method === 'POST') {
      const body = await readBoundedBody(req, MAX_BODY_BYTES);
      if (body.kind === 'too-large') return sendError(res, tooLarge());
      const form = parseLoginForm(body.body?.toString('utf8') ?? '');
      if (!form.identity) return sendHtml(res, 400, renderLoginPage({ next: form.values.next, values: form.values, errors: form.errors }));
      const token = await issueToken(opts.jwtKey, form.identity, opts.rolesClaim);
      return redirect(res, form.values.next, [sessionCookie(token, new Date(Date.now() + TOKEN_LIFETIME_SECONDS * 1000), LOCAL_COOKIES)]);
    }
    if (path === '/dev/logout' && (method === 'GET' || method === 'POST')) {
      return redirect(res, '/dev/login', [clearedSessionCookie(LOCAL_COOKIES)]);
    }
    return sendError(res, notFound(`No route for ${method} ${path}`));
  }

  /** The stack's own sign-in pages (./localSignIn.ts): forms are urlencoded. */
  async function signIn(provider: LocalSignIn, method: string, path: string, url: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (!ready) return sendJson(res, 503, { error: { code: 'unavailable', message: 'The local stack is still starting' } });
    const body = await readBoundedBody(req, MAX_BODY_BYTES);
    if (body.kind === 'too-large') return sendError(res, tooLarge());
    const headers: Record<string, string | undefined> = {};
    for (const name of Object.keys(req.headers)) headers[name] = headerValue(req, name);
    const answer = await provider.answer({
      method,
      path,
      query: new URLSearchParams(url.split('?')[1] ?? ''),
      headers,
      form: method === 'POST' ? new URLSearchParams(body.body?.toString('utf8') ?? '') : new URLSearchParams(),
    });
    writeLambdaResult(res, answer, method === 'HEAD');
  }

  /** A JSON body validated with `schema`, or undefined once a 400/413 has been sent. */
  async function readJson<S extends z.ZodType>(req: IncomingMessage, res: ServerResponse, schema: S): Promise<z.infer<S> | undefined> {
    const body = await readBoundedBody(req, MAX_BODY_BYTES);
    if (body.kind === 'too-large') {
      sendError(res, tooLarge());
      return undefined;
    }
    if (body.body?.length && !JSON_TYPE.test(headerValue(req, 'content-type') ?? '')) {
      sendError(res, invalid('Send the body as application/json', { body: `unsupported content-type ${headerValue(req, 'content-type') || '(none)'}` }));
      return undefined;
    }
    let value: unknown;
    try {
      value = body.body ? JSON.parse(body.body.toString('utf8')) : undefined;
    } catch {
      sendError(res, invalid('The request body is not valid JSON', { body: 'not valid JSON' }));
      return undefined;
    }
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      const fields = fieldsOf(parsed.error);
      sendError(res, invalid(`Invalid input: ${Object.keys(fields).join(', ')}`, fields));
      return undefined;
    }
    return parsed.data;
  }

  const port = await listen(server, opts.port);
  ownHosts = new Set([`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]);
  return {
    url: `http://localhost:${port}`,
    port,
    markReady: () => {
      ready = true;
    },
    close: async () => {
      await opts.localSignIn?.idle();
      await close(server);
    },
  };
}

/** API Gateway's reading of a payload 2.0 result: structured, or any other value sent as JSON with 200. */
function writeLambdaResult(res: ServerResponse, result: unknown, headOnly: boolean): void {
  const structured = result && typeof result === 'object' && 'statusCode' in result ? (result as APIGatewayProxyStructuredResultV2) : undefined;
  if (!structured) {
    const body = typeof result === 'string' ? result : JSON.stringify(result ?? null);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(headOnly ? undefined : body);
    return;
  }
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(structured.headers ?? {})) headers[name.toLowerCase()] = String(value);
  if (structured.cookies?.length) headers['set-cookie'] = structured.cookies;
  const body = structured.body === undefined ? undefined : Buffer.from(structured.body, structured.isBase64Encoded ? 'base64' : 'utf8');
  if (body && !headers['content-type']) headers['content-type'] = 'application/json';
  res.writeHead(structured.statusCode ?? 200, headers);
  res.end(headOnly ? undefined : body);
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(value));
}

function sendError(res: ServerResponse, error: KnownError): void {
  sendJson(res, statusOfError(error), errorBody(error));
}

function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
}

function redirect(res: ServerResponse, location: string, cookies: string[] = []): void {
  res.writeHead(303, { location, ...(cookies.length ? { 'set-cookie': cookies } : {}) });
  res.end();
}

function headerValue(req: IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

function accepts(req: IncomingMessage, type: string): boolean {
  return (headerValue(req, 'accept') ?? '').includes(type);
}
