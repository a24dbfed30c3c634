import { randomUUID } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { cookieParts } from '../../../functions/edge/credentials';
import { LOCAL_ACCOUNT } from '../net';

/**
 * An API Gateway HTTP API (payload format 2.0) event for one request: lower-cased headers with duplicates
 * joined by commas, cookies in `cookies` (not in the headers), query parameters decoded and joined by commas,
 * binary bodies base64-encoded, and the verified JWT claims in `requestContext.authorizer.jwt`.
 */
export interface RequestFacts {
  method: string;
  /** The request target as received, e.g. `/api/runs?status=running` */
  url: string;
  headers: IncomingHttpHeaders;
  body: Buffer | undefined;
  sourceIp: string;
  httpVersion: string;
  routeKey: string;
  pathParameters?: Record<string, string>;
  claims?: Record<string, string>;
  scopes?: string[] | null;
  /** The stack clock's instant. */
  at: Date;
}

export function apiGatewayEvent(facts: RequestFacts): APIGatewayProxyEventV2 {
  const [rawPath, rawQueryString = ''] = splitTarget(facts.url);
  const headers: Record<string, string> = {};
  let cookies: string[] = [];
  for (const [name, value] of Object.entries(facts.headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    if (lower === 'cookie') {
      cookies = cookieParts(value);
      continue;
    }
    headers[lower] = Array.isArray(value) ? value.join(',') : value;
  }
  const query = queryParameters(rawQueryString);
  const hasBody = facts.body !== undefined && facts.body.length > 0;
  const binary = hasBody && !isTextual(headers['content-type']);
  const event: APIGatewayProxyEventV2 = {
    version: '2.0',
    routeKey: facts.routeKey,
    rawPath,
    rawQueryString,
    ...(cookies.length ? { cookies } : {}),
    headers,
    ...(query ? { queryStringParameters: query } : {}),
    requestContext: {
      accountId: LOCAL_ACCOUNT,
      apiId: 'local',
      domainName: headers.host?.split(':')[0] ?? 'localhost',
      domainPrefix: (headers.host ?? 'localhost').split('.')[0].split(':')[0],
      http: {
        method: facts.method.toUpperCase(),
        path: rawPath,
        protocol: `HTTP/${facts.httpVersion}`,
        sourceIp: facts.sourceIp,
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: randomUUID(),
      routeKey: facts.routeKey,
      stage: '$default',
      time: clfTime(facts.at),
      timeEpoch: facts.at.getTime(),
      ...(facts.claims ? { authorizer: { jwt: { claims: facts.claims, scopes: facts.scopes ?? null } } } : {}),
    } as APIGatewayProxyEventV2['requestContext'],
    ...(facts.pathParameters && Object.keys(facts.pathParameters).length ? { pathParameters: facts.pathParameters } : {}),
    isBase64Encoded: binary,
    ...(hasBody ? { body: binary ? facts.body!.toString('base64') : facts.body!.toString('utf8') } : {}),
  };
  return event;
}

function splitTarget(url: string): [string, string?] {
  const q = url.indexOf('?');
  return q < 0 ? [url] : [url.slice(0, q), url.slice(q + 1)];
}

function queryParameters(raw: string): Record<string, string> | undefined {
  if (!raw) return undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of new URLSearchParams(raw)) out[k] = k in out ? `${out[k]},${v}` : v;
  return Object.keys(out).length ? out : undefined;
}

/** Text media types reach the function as text; anything else (files, multipart) base64-encoded. */
function isTextual(contentType: string | undefined): boolean {
  if (!contentType) return true;
  const type = contentType.split(';')[0].trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/(.+\+)?(json|xml)$/.test(type) ||
    type === 'application/x-www-form-urlencoded' ||
    type === 'application/javascript'
  );
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** `26/Nov/2026:10:00:00 +0000`, the format of requestContext.time */
function clfTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
