/**
 * The edge every page goes through. Pages are public routes (see functions/edge/pageAuth.ts), so here: the
 * caller is verified from the session cookie or bearer token (none: off to the sign-in page, or 401), roles are
 * checked as the API checks them (403), every POST must come from our own pages and carry the form token tied
 * to the session (403 otherwise), and failures become GOV.UK error pages rather than JSON.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { z } from 'zod';
import { hasAnyRole, type Actor, type Role } from '../edge/auth';
import { DomainError } from '../domain/errors';
import { statusOfError } from '../edge/errors';
import { apiHandler, type ApiAnswer } from '../edge/http';
import { logger } from '../platform/logger';
import { pageCaller, type PageCredential } from '../edge/pageAuth';
import { linkSecret } from '../store/linkSecret';
import { CSRF_FIELD, csrfToken, isSameOriginRequest, isValidCsrfToken } from '../edge/csrf';

export { errorPage, htmlPage, PAGE_HEADERS } from '../edge/pageShell';
import { errorPage, htmlPage, layoutContext, type NavItem } from '../edge/pageShell';

export interface PageRequest {
  event: APIGatewayProxyEventV2;
  method: string;
  actor: Actor;
  credential: PageCredential;
  params: Record<string, string>;
  query: Record<string, string | undefined>;
  /** The posted form (empty for a GET). */
  form: URLSearchParams;
  /** The token the page's forms must carry. */
  csrfToken: string;
}

export type PageResult =
  | { view: string; status?: number; context: Record<string, unknown> }
  | { redirect: string }
  /** A file or picture answered as it is (an export, an SVG). */
  | { answer: ApiAnswer };

export interface PageSpec {
  name: string;
  /** The caller needs any of these roles (admin always passes), else 403. */
  roles?: Role[];
  /** The current item of the service navigation. */
  nav?: NavItem;
}


const idSchema = z.string().min(1).max(200);
const paramsSchema = z.record(z.string(), idSchema);

const titles: Record<number, string> = {
  400: 'There is a problem with the request',
  403: 'You cannot do this',
  404: 'Page not found',
  409: 'This cannot be done now',
  410: 'This is no longer available',
};

/** The request's path and query, for coming back after signing in. */
function here(event: APIGatewayProxyEventV2): string {
  return `${event.rawPath}${event.rawQueryString ? `?${event.rawQueryString}` : ''}`;
}

function notSignedIn(event: APIGatewayProxyEventV2, method: string): ApiAnswer {
  const signIn = process.env.RATIFY_SIGN_IN_URL;
  if (signIn && method === 'GET') {
    return { statusCode: 303, headers: { location: `${signIn}?next=${encodeURIComponent(here(event))}`, 'cache-control': 'no-store' } };
  }
  return errorPage(401, 'Sign in to use Ratify', 'You need to be signed in to see this page.', undefined, signIn ? { href: signIn, text: 'Sign in' } : undefined);
}

function formOf(event: APIGatewayProxyEventV2): URLSearchParams {
  if (!event.body) return new URLSearchParams();
  const text = event.isBase64Encoded ? Buffer.from(event.body, 'base64').toString('utf8') : event.body;
  return new URLSearchParams(text);
}

export function pageHandler(spec: PageSpec, fn: (req: PageRequest) => Promise<PageResult>) {
  return apiHandler({ name: spec.name, auth: 'public', bodyFormat: 'raw' }, async ({ event }) => {
    const method = event.requestContext?.http?.method?.toUpperCase() ?? 'GET';
    const caller = await pageCaller(event);
    if (!caller) return notSignedIn(event, method);
    const { actor, credential } = caller;
    if (spec.roles?.length && !hasAnyRole(actor, spec.roles)) {
      return errorPage(403, titles[403], `This page is for the role ${spec.roles.join(' or ')}.`, actor);
    }
    const params = paramsSchema.safeParse(event.pathParameters ?? {});
    if (!params.success) return errorPage(404, titles[404], 'Check the address.', actor);

    const secret = await linkSecret();
    const form = method === 'POST' ? formOf(event) : new URLSearchParams();
    if (method === 'POST' && !(isSameOriginRequest(event.headers ?? {}) && isValidCsrfToken(form.get(CSRF_FIELD), credential.token, secret))) {
      logger.info('page form refused', { reason: 'cross-site or without a valid form token', handler: spec.name });
      return errorPage(403, 'This form could not be sent', 'Go back to the page, reload it and try again.', actor);
    }
    const token = csrfToken(credential.token, secret);
    try {
      const result = await fn({
        event,
        method,
        actor,
        credential,
        params: params.data,
        query: event.queryStringParameters ?? {},
        form,
        csrfToken: token,
      });
      if ('redirect' in result) return { statusCode: 303, headers: { location: result.redirect, 'cache-control': 'no-store' } };
      if ('answer' in result) return result.answer;
      return htmlPage(result.status ?? 200, result.view, { ...layoutContext(actor, spec.nav, token), ...result.context });
    } catch (err) {
      if (err instanceof DomainError) {
        const status = statusOfError(err);
        return errorPage(status, titles[status] ?? titles[400], err.message, actor);
      }
      logger.error('page failed', { error: err instanceof Error ? err : String(err), handler: spec.name });
      return errorPage(500, 'Sorry, there is a problem with the service', 'Try again later. The problem has been logged.', actor);
    }
  });
}
