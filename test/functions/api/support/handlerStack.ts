/**
 * Calls the exported API handlers directly, with API Gateway v2 events as the JWT authorizer passes them, while
 * the real embedded stack (DynamoDB, SES, Step Functions on a virtual clock) serves the AWS calls they make.
 */
import type { ApiHandler } from '../../../../functions/edge/http';
import type { Role } from '../../../../functions/edge/auth';
import { startTestStack, type Caller, type TestStack } from '../../../support/localStack';
import { apiEvent, lambdaContext } from '../../edge/apiEvent';

export interface HandlerAnswer {
  status: number;
  body: any;
  headers: Record<string, string>;
}

export interface HandlerRequest {
  method: string;
  path: string;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
  body?: unknown;
  /** The verified caller; none = no authorizer claims. */
  as?: Caller;
}

export interface HandlerStack {
  t: TestStack;
  call(handler: ApiHandler, request: HandlerRequest): Promise<HandlerAnswer>;
  /** Lets the engine finish the follow-on work (e-mails, waits) of what was just done. */
  settle(): Promise<void>;
  stop(): Promise<void>;
}

/** Monday 9 January 2017, 09:00: every meeting of `runBody()` is ahead. */
export const START = '2017-01-09T09:00:00.000Z';

export async function startHandlerStack(clockStart = START): Promise<HandlerStack> {
  const t = await startTestStack({ clockStart });
  const rolesClaim = t.stack.env.RATIFY_ROLES_CLAIM;
  // API Gateway flattens a list claim to `[clerk manager]`.
  const claimsOf = (c: Caller) => ({ email: c.email, email_verified: 'true', name: c.name ?? c.email, [rolesClaim]: `[${c.roles.join(' ')}]` });
  return {
    t,
    call: async (handler, r) => {
      const event = apiEvent({
        method: r.method,
        path: r.path,
        pathParameters: r.pathParameters,
        query: r.query,
        body: r.body === undefined ? undefined : JSON.stringify(r.body),
        claims: r.as ? claimsOf(r.as) : undefined,
      });
      const result = await handler(event, lambdaContext);
      const headers = (result.headers ?? {}) as Record<string, string>;
      const json = (headers['content-type'] ?? '').includes('json') && result.body;
      return { status: result.statusCode ?? 200, body: json ? JSON.parse(result.body!) : result.body, headers };
    },
    settle: async () => {
      await t.advanceClock(await t.now());
    },
    stop: () => t.stop(),
  };
}

export const person = (name: string, email: string, ...roles: Role[]): Caller => ({ name, email, roles });

export const clerk = person('Cleo Clerk', 'cleo.clerk@example.gov.uk', 'clerk');
export const otherClerk = person('Kit Clerk', 'kit.clerk@example.gov.uk', 'clerk');
export const manager = person('Mo Manager', 'mo.manager@example.gov.uk', 'manager');
export const admin = person('Ada Admin', 'ada.admin@example.gov.uk', 'admin');
export const author = person('Terry Hughes', 'terry.hughes@example.gov.uk', 'author');
export const legal = person('Keith Trowell', 'k.trowell@example.gov.uk', 'officer');
export const finance = person('Fiona Finance', 'f.finance@example.gov.uk', 'officer');
export const strangerAuthor = person('Sam Tanner', 'sam.tanner@example.gov.uk', 'author');
export const strangerOfficer = person('Lee Hart', 'lee.hart@example.gov.uk', 'officer');
/** Named on no run and holding no role. */
export const nobody = person('Nia Nobody', 'nia.nobody@example.gov.uk');

/** A body for `POST /api/runs`: three meetings from 26 January, Legal before the first, Finance before Cabinet. */
export function runBody(title = 'Community Safety Partnership Plan 2017/18') {
  return {
    plan: { title, author: { name: author.name, email: author.email } },
    stages: [
      { id: 'board', body: 'Management Board', kind: 'board', meetingDate: '2017-01-26' },
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-02-16' },
      { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-03-01' },
    ],
    signoffs: [
      { area: 'Legal', officer: { name: legal.name, email: legal.email } },
      { area: 'Finance', officer: { name: finance.name, email: finance.email }, requiredBefore: 'cabinet' },
    ],
  };
}

/** The error part of an answer, for comparing with the documented status and code. */
export const refusal = (a: HandlerAnswer) => ({ status: a.status, code: a.body?.error?.code });
