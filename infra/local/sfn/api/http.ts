import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ACTIONS, type StepFunctionsApi } from './actions';
import { SfnApiError, apiErrors } from './errors';

/**
 * The Step Functions JSON 1.0 protocol over HTTP: `POST /` with `X-Amz-Target: AWSStepFunctions.<Action>` and a
 * JSON body; answers are JSON with dates as epoch seconds, errors `{"__type", "message"}` with status 400.
 * Signatures are not checked (any dummy credentials work). A few `/_engine/*` routes let a parent process
 * drive a virtual clock.
 */
export interface HttpHooks {
  beginRequest(): void;
  endRequest(): void;
  advanceTo?(instant: Date): Promise<void>;
  waitForIdle(): Promise<void>;
  now(): Date;
}

const MAX_BODY_BYTES = 2 * 1024 * 1024;
const CONTENT_TYPE = 'application/x-amz-json-1.0';

/** Dates become epoch seconds (with milliseconds), as the JSON protocol carries timestamps. */
export function toWire(value: unknown): unknown {
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(toWire);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined).map(([k, v]) => [k, toWire(v)]));
  }
  return value;
}

function send(res: ServerResponse, status: number, body: unknown, requestId: string): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': CONTENT_TYPE,
    'content-length': Buffer.byteLength(text),
    'x-amzn-requestid': requestId,
  });
  res.end(text);
}

function sendError(res: ServerResponse, error: SfnApiError, requestId: string): void {
  res.setHeader('x-amzn-errortype', error.code);
  send(res, error.statusCode, { __type: `com.amazonaws.states#${error.code}`, message: error.message }, requestId);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    // Past the limit the rest is read and dropped, so the client gets its 413 instead of a reset connection.
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
    });
    req.on('end', () => {
      if (size > MAX_BODY_BYTES) reject(new SfnApiError('RequestEntityTooLargeException', 'Request body is too large', 413));
      else resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', reject);
  });
}

async function handle(api: StepFunctionsApi, hooks: HttpHooks, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const requestId = randomUUID();
  try {
    const body = await readBody(req);
    const path = (req.url ?? '/').split('?')[0];
    if (path.startsWith('/_engine/')) {
      await handleEngineRoute(hooks, req.method ?? 'GET', path, body, res, requestId);
      return;
    }
    const target = String(req.headers['x-amz-target'] ?? '');
    const action = target.startsWith('AWSStepFunctions.') ? ACTIONS[target.slice('AWSStepFunctions.'.length)] : undefined;
    if (req.method !== 'POST' || !action) throw apiErrors.unknownOperation(target || `${req.method} ${path}`);
    let input: unknown;
    try {
      input = body.trim() === '' ? {} : JSON.parse(body);
    } catch {
      throw apiErrors.serialization('The request body is not valid JSON');
    }
    if (input === null || typeof input !== 'object' || Array.isArray(input)) throw apiErrors.serialization('The request body must be a JSON object');
    const method = api[action] as (input: unknown) => Promise<unknown>;
    const output = await method.call(api, input);
    send(res, 200, toWire(output), requestId);
  } catch (err) {
    if (err instanceof SfnApiError) {
      sendError(res, err, requestId);
    } else {
      console.error('Step Functions engine: request failed', err);
      sendError(res, new SfnApiError('InternalServerError', 'An internal error occurred', 500), requestId);
    }
  }
}

async function handleEngineRoute(hooks: HttpHooks, method: string, path: string, body: string, res: ServerResponse, requestId: string): Promise<void> {
  if (path === '/_engine/clock' && method === 'GET') {
    send(res, 200, { now: hooks.now().toISOString() }, requestId);
    return;
  }
  if (path === '/_engine/clock' && method === 'POST') {
    if (!hooks.advanceTo) throw new SfnApiError('ValidationException', 'The engine runs on a real clock', 409);
    const instant = new Date(String((JSON.parse(body || '{}') as { now?: unknown }).now));
    if (Number.isNaN(instant.getTime())) throw apiErrors.validation(["Value at 'now' failed to satisfy constraint: Member must be an ISO 8601 instant"]);
    await hooks.advanceTo(instant);
    send(res, 200, { now: hooks.now().toISOString() }, requestId);
    return;
  }
  if (path === '/_engine/idle' && method === 'POST') {
    await hooks.waitForIdle();
    send(res, 200, { idle: true }, requestId);
    return;
  }
  throw new SfnApiError('UnknownOperationException', `Unknown route ${method} ${path}`, 404);
}

export async function startHttpServer(api: StepFunctionsApi, hooks: HttpHooks, port: number, host: string): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    // A request being handled keeps the engine from reporting idle; /_engine routes wait for idleness themselves.
    const counted = !(req.url ?? '').startsWith('/_engine/');
    if (counted) hooks.beginRequest();
    handle(api, hooks, req, res)
      .catch((err: unknown) => console.error('Step Functions engine: could not answer a request', err))
      .finally(() => {
        if (counted) hooks.endRequest();
      });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  return { server, port: (server.address() as AddressInfo).port };
}
