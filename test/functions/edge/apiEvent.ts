import type { APIGatewayProxyEventV2, Context } from 'aws-lambda';

/** A minimal API Gateway v2 event, as the authorizer would pass it, for driving handlers in unit tests. */
export function apiEvent(opts: {
  method?: string;
  path?: string;
  body?: string;
  headers?: Record<string, string>;
  claims?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  isBase64Encoded?: boolean;
}): APIGatewayProxyEventV2 {
  const method = opts.method ?? 'POST';
  const path = opts.path ?? '/api/things';
  return {
    version: '2.0',
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(opts.query ?? {}).toString(),
    headers: { 'content-type': 'application/json', ...opts.headers },
    queryStringParameters: opts.query,
    pathParameters: opts.pathParameters,
    body: opts.body,
    isBase64Encoded: opts.isBase64Encoded ?? false,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      domainName: 'localhost',
      domainPrefix: 'localhost',
      http: { method, path, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'req-1',
      routeKey: `${method} ${path}`,
      stage: '$default',
      time: '26/Nov/2026:10:00:00 +0000',
      timeEpoch: 0,
      ...(opts.claims ? { authorizer: { jwt: { claims: opts.claims, scopes: [] } } } : {}),
    },
  } as APIGatewayProxyEventV2;
}

export const clerk = { email: 'cleo.clerk@example.gov.uk', email_verified: 'true', name: 'Cleo Clerk', 'cognito:groups': '[clerk]' };
export const author = { email: 'terry.hughes@example.gov.uk', email_verified: 'true', name: 'Terry Hughes', 'cognito:groups': '[author]' };

export const lambdaContext = {
  functionName: 'ratify-test',
  awsRequestId: 'req-1',
  getRemainingTimeInMillis: () => 30_000,
} as unknown as Context;
