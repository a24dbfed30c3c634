import middy from '@middy/core';
import httpHeaderNormalizer from '@middy/http-header-normalizer';
import httpJsonBodyParser from '@middy/http-json-body-parser';
import httpUrlencodeBodyParser from '@middy/http-urlencode-body-parser';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import { z } from 'zod';
import { forbidden, invalid, throwIfInvalid } from '../domain/errors';
import { HttpError, errorBody, isKnownError, statusOfError, type KnownError } from './errors';
import { actorFromClaims, hasAnyRole, type Actor, type Role } from './auth';
import { logger, withRunId } from '../platform/logger';
import { IDEMPOTENCY_FIELD, requestHash, runOnce } from './idempotency';
import type { StoredAnswer } from '../store/idempotency';

/**
 * The HTTP edge every API handler goes through (middy chain): headers normalised, caller authenticated and
 * authorised, body size-checked and parsed, params/query/body validated with zod, Idempotency-Key honoured,
 * the answer serialised, and every failure turned into `{"error": {"code", "message", "fields"?}}`.
 */

export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_IDEMPOTENCY_KEY_LENGTH = 255;

type AuthMode = 'required' | 'public';
/**
 * json: JSON sent as `application/json` (or `+json`): a text/plain or form body, which any site can make a
 * browser send, is refused; form: urlencoded (or JSON when sent as JSON); raw: the body string as sent.
 */
export type BodyFormat = 'json' | 'form' | 'raw';
type StringMap = z.ZodType<Record<string, string | undefined>>;

export interface ApiSpec<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, A extends AuthMode> {
  name: string;
  /** 'required' (default): the caller comes from the verified JWT claims, else 401. */
  auth?: A;
  /** The caller needs any of these roles (admin always passes), else 403. */
  roles?: Role[];
  params?: P;
  query?: Q;
  body?: B;
  bodyFormat?: BodyFormat;
  /** Honour the Idempotency-Key header: a retry gets the first answer back. */
  idempotent?: boolean;
}

export interface ApiRequest<B extends z.ZodType, P extends z.ZodType, Q extends z.ZodType, A extends AuthMode> {
  body: z.infer<B>;
  params: z.infer<P>;
  query: z.infer<Q>;
  /** The caller; undefined on public routes. */
  actor: A extends 'public' ? Actor | undefined : Actor;
  event: APIGatewayProxyEventV2;
  /** The request's Idempotency-Key as the edge claimed it (`idempotent` handlers only; undefined without one). */
  idempotencyKey?: string;
}

export interface ApiAnswer {
  statusCode: number;
  /** Objects are sent as JSON; strings pass through (set content-type for HTML); Buffers go base64-encoded. */
  body?: unknown;
  headers?: Record<string, string>;
  cookies?: string[];
}

export type ApiHandler = (event: APIGatewayProxyEventV2, context: Context) => Promise<APIGatewayProxyStructuredResultV2>;

/** What the chain learns about a request before the handler runs. */
interface EdgeState {
  actor?: Actor;
  /** The body exactly as received, for the idempotency hash. */
  rawBody: string;
}
type EdgeRequest = middy.Request<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>;

export function apiHandler<
  B extends z.ZodType = z.ZodUnknown,
  P extends z.ZodType = StringMap,
  Q extends z.ZodType = StringMap,
  A extends AuthMode = 'required',
>(spec: ApiSpec<B, P, Q, A>, fn: (req: ApiRequest<B, P, Q, A>) => Promise<ApiAnswer>): ApiHandler {
  const states = new WeakMap<APIGatewayProxyEventV2, EdgeState>();
  const stateOf = (event: APIGatewayProxyEventV2): EdgeState => {
    const state = states.get(event);
    if (!state) throw new Error('request state missing: the edge middleware did not run');
    return state;
  };

  const core = async (event: APIGatewayProxyEventV2): Promise<APIGatewayProxyStructuredResultV2> => {
    const state = stateOf(event);
    const fields: Record<string, string> = {};
    const params = validate('params', spec.params, event.pathParameters ?? {}, fields);
    const query = validate('query', spec.query, event.queryStringParameters ?? {}, fields);
    const body = validate('body', spec.body, event.body, fields);
    // One 400 naming every bad field, wherever it was.
    throwIfInvalid(fields);
    const key = spec.idempotent ? idempotencyKeyOf(event) : undefined;
    const run = async () =>
      serialise(await fn({ body, params, query, actor: state.actor as ApiRequest<B, P, Q, A>['actor'], event, idempotencyKey: key }));

    if (!key) return run();
    const method = event.requestContext?.http?.method ?? '';
    const answer = await runOnce(state.actor?.email ?? 'anonymous', key, requestHash(`${method} ${event.rawPath}`, state.rawBody), () =>
      run() as Promise<StoredAnswer>,
    );
    return answer as APIGatewayProxyStructuredResultV2;
  };

  const handler = middy<APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Error, Context>()
    .use(httpHeaderNormalizer())
    .use(injectLambdaContext(logger, { resetKeys: true }))
    .use({ onError: answerError })
    .use({
      before: (request: EdgeRequest) => {
        logger.appendKeys({ handler: spec.name });
        // Every line about a run names it, refusals before the handler included.
        const rawRunId = request.event.pathParameters?.runId;
        if (rawRunId) withRunId(rawRunId);
        const rawBody = decodeBody(request.event);
        // A binary body (an uploaded file) counts in bytes as sent, not as the longer text it decodes to.
        const { body, isBase64Encoded } = request.event;
        const size = isBase64Encoded && body ? Buffer.byteLength(body, 'base64') : Buffer.byteLength(rawBody);
        if (size > MAX_BODY_BYTES) {
          throw new HttpError('payload-too-large', `The request body is over ${MAX_BODY_BYTES / 1024 / 1024} MB`);
        }
        states.set(request.event, { rawBody, actor: authenticate(request.event, spec) });
      },
    })
    .use({ before: parseBody(spec.bodyFormat ?? 'json') })
    .handler(core);
  return handler as unknown as ApiHandler;
}

function authenticate(event: APIGatewayProxyEventV2, spec: { auth?: AuthMode; roles?: Role[] }): Actor | undefined {
  if (spec.auth === 'public') return undefined;
  const claims = (event.requestContext as { authorizer?: { jwt?: { claims?: Record<string, unknown> } } }).authorizer?.jwt?.claims;
  const actor = actorFromClaims(claims);
  if (spec.roles?.length && !hasAnyRole(actor, spec.roles)) {
    throw forbidden(`This needs the role ${spec.roles.join(' or ')}`);
  }
  return actor;
}

function decodeBody(event: APIGatewayProxyEventV2): string {
  if (event.body === undefined || event.body === null) return '';
  return event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
}

// The content-type is checked here first (so the refusal names `body`); the option is missing from the package's types.
const jsonParser = httpJsonBodyParser({ disableContentTypeCheck: true } as Parameters<typeof httpJsonBodyParser>[0]);
const formParser = httpUrlencodeBodyParser();
const JSON_TYPE = /^application\/(.+\+)?json($|;)/;
const FORM_TYPE = /^application\/x-www-form-urlencoded($|;)/;

/** Parses the body with middy's parsers; their 415s become our 400 naming the body. */
function parseBody(format: BodyFormat) {
  return async (request: EdgeRequest) => {
    const { event } = request;
    if (format === 'raw' || event.body === undefined || event.body === null || event.body === '') {
      if (format !== 'raw') event.body = undefined;
      return;
    }
    const contentType = (event.headers?.['content-type'] ?? '').trim().toLowerCase();
    const asForm = format === 'form' && !JSON_TYPE.test(contentType);
    if (asForm && !FORM_TYPE.test(contentType)) {
      throw invalid('Send the form as application/x-www-form-urlencoded', { body: `unsupported content-type ${contentType || '(none)'}` });
    }
    if (!asForm && !JSON_TYPE.test(contentType)) {
      throw invalid('Send the body as application/json', { body: `unsupported content-type ${contentType || '(none)'}` });
    }
    try {
      await (asForm ? formParser : jsonParser).before!(request as never);
    } catch {
      throw asForm
        ? invalid('The request body is not a valid form', { body: 'not a valid urlencoded form' })
        : invalid('The request body is not valid JSON', { body: 'not valid JSON' });
    }
  };
}

/** The parsed value, or undefined with the issues added to `fields`. */
function validate<S extends z.ZodType>(
  where: 'params' | 'query' | 'body',
  schema: S | undefined,
  value: unknown,
  fields: Record<string, string>,
): z.infer<S> {
  if (!schema) return value as z.infer<S>;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  Object.assign(fields, fieldsOf(parsed.error, where));
  return undefined as z.infer<S>;
}

/** zod issues -> `{"stages.0.meetingDate": "..."}`; an issue about the whole value is keyed by where it came from. */
export function fieldsOf(error: z.ZodError, root = 'body'): Record<string, string> {
  const fields: Record<string, string> = {};
  const add = (path: PropertyKey[], message: string) => {
    const key = path.length ? path.map(String).join('.') : root;
    fields[key] = fields[key] ? `${fields[key]}; ${message}` : message;
  };
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) add([...issue.path, k], 'is not a known field');
    } else {
      add(issue.path, issue.message);
    }
  }
  return fields;
}

function serialise(answer: ApiAnswer): APIGatewayProxyStructuredResultV2 {
  const headers: Record<string, string> = { ...answer.headers };
  const hasType = Object.keys(headers).some((h) => h.toLowerCase() === 'content-type');
  const result: APIGatewayProxyStructuredResultV2 = { statusCode: answer.statusCode, headers };
  if (answer.cookies?.length) result.cookies = answer.cookies;
  if (answer.body === undefined) return result;
  if (typeof answer.body === 'string') {
    result.body = answer.body;
  } else if (Buffer.isBuffer(answer.body)) {
    result.body = answer.body.toString('base64');
    result.isBase64Encoded = true;
  } else {
    result.body = JSON.stringify(answer.body);
    if (!hasType) headers['content-type'] = 'application/json';
  }
  return result;
}

function idempotencyKeyOf(event: APIGatewayProxyEventV2): string | undefined {
  const key = event.headers?.['idempotency-key']?.trim();
  if (!key) return undefined;
  if (key.length > MAX_IDEMPOTENCY_KEY_LENGTH) {
    throw invalid('The Idempotency-Key header is too long', { [IDEMPOTENCY_FIELD]: `at most ${MAX_IDEMPOTENCY_KEY_LENGTH} characters` });
  }
  return key;
}

/** onError: domain and edge errors keep their code and message; anything else is logged and answered generically. */
async function answerError(request: EdgeRequest): Promise<void> {
  const err = request.error;
  let known: KnownError;
  if (isKnownError(err)) {
    known = err;
    // `message` is the logger's own key (the line's text): the error's message goes under `detail`.
    logger.info('request refused', { status: statusOfError(known), code: known.code, detail: known.message });
  } else {
    logger.error('unexpected error', { error: err instanceof Error ? err : String(err) });
    known = new HttpError('internal-error', 'Something went wrong on our side; it has been logged');
  }
  request.response = {
    statusCode: statusOfError(known),
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(errorBody(known)),
  };
}
