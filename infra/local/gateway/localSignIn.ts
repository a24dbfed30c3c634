/**
 * The embedded stack's own identity provider, for a stack started without dev auth (`npm start`):
 * - the local administrator signs in with a one-time address the start-up banner prints (as Jupyter does),
 *   valid 24 hours;
 * - anyone in the people directory asks for a one-time link at `/local/sign-in`, e-mailed through the SES API
 *   (so it shows in the local inbox) and valid 15 minutes; the page answers the same whoever asks, and the e-mail
 *   is sent after the answer, so neither the words nor the time taken tell who is in the directory.
 * A link opens a page that signs in only when its button is pressed (a POST: mail scanners and link previews open
 * addresses too), once. Signing in sets the session cookie the dev sign-in sets, with an ID token carrying the
 * person's roles from the directory (the administrator always has `admin`). Tokens are 256 random bits; only their
 * keyed digest is stored (functions/store/signInTokens.ts). Expiry follows the stack's clock; the session, like a
 * dev token, lasts 12 hours of real time.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { longDateTime } from '../../../functions/domain/emails/dates';
import { composeSignInEmail } from '../../../functions/domain/emails/signIn';
import { renderComposedEmail } from '../../../functions/domain/emails/render';
import type { Role } from '../../../functions/domain/actor';
import { clearedSessionCookie, sessionCookie } from '../../../functions/edge/cookies';
import { isSameOriginRequest } from '../../../functions/edge/csrf';
import { errorPage, PAGE_HEADERS } from '../../../functions/edge/pageShell';
import type { ApiAnswer } from '../../../functions/edge/http';
import { safeNext } from '../../../functions/edge/safeNext';
import { labelledMac, sealedTokenKind } from '../../../functions/platform/sealedToken';
import { sendEmail } from '../../../functions/platform/sendEmail';
import { getPerson } from '../../../functions/store/people';
import { getSignInToken, putSignInToken, useSignInToken, type SignInTokenRecord } from '../../../functions/store/signInTokens';
import { issueToken, TOKEN_LIFETIME_SECONDS, type DevIdentity } from './auth';
import { renderGatewayView } from './views';

export const SIGN_IN_PATH = '/local/sign-in';
export const SIGN_OUT_PATH = '/local/sign-out';
export const ADMIN_LINK_HOURS = 24;
export const EMAIL_LINK_MINUTES = 15;
/** The local administrator when RATIFY_ADMIN_EMAIL / RATIFY_ADMIN_NAME say nothing else. */
export const DEFAULT_ADMIN = { email: 'admin@ratify.localhost', name: 'Local administrator' } as const;

const DIGEST_LABEL = 'ratify-local-sign-in:v1\n';
/** The e-mail form carries a sealed token of its own (an hour), so no other site can post it for a browser. */
const formTokens = sealedTokenKind('ratify-local-sign-in-form:v1\n');
const FORM_TOKEN_SECONDS = 3600;
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;
const emailSchema = z.email('Enter an email address in the correct format, like name@example.gov.uk').max(254);
/** Plain http on localhost: the session cookie cannot be Secure here (the dev sign-in's cookie too). */
const LOCAL_COOKIES = { secure: false };

export interface LocalSignInOptions {
  jwtKey: Uint8Array;
  rolesClaim: string;
  clock: { now(): Date };
  /** The data directory's link-signing key: keys the stored digests and the form tokens. */
  linkSecret: string;
  /** The gateway's address, for the links e-mailed. */
  publicUrl(): string;
  admin?: { email: string; name: string };
  onError?(err: unknown, where: string): void;
}

export interface SignInRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  /** The urlencoded form of a POST. */
  form: URLSearchParams;
}

export interface LocalSignIn {
  /** True for the paths it answers. */
  handles(path: string): boolean;
  answer(req: SignInRequest): Promise<ApiAnswer>;
  /** A new one-time sign-in address of the local administrator (24 hours). */
  issueAdminLink(): Promise<string>;
  /** Resolves once every sign-in e-mail asked for so far has been sent (or failed). */
  idle(): Promise<void>;
}

type Problem = 'unknown' | 'used' | 'expired' | 'not-in-directory';

export function localSignIn(opts: LocalSignInOptions): LocalSignIn {
  const admin = { email: (opts.admin?.email ?? DEFAULT_ADMIN.email).trim().toLowerCase(), name: opts.admin?.name?.trim() || DEFAULT_ADMIN.name };
  const pending = new Set<Promise<void>>();
  const digestOf = (token: string) => labelledMac(DIGEST_LABEL, token, opts.linkSecret);
  const base = () => opts.publicUrl().replace(/\/+$/, '');

  async function issue(purpose: SignInTokenRecord['purpose'], email: string, name: string | null, seconds: number): Promise<{ token: string; expiresAt: Date }> {
    const token = randomBytes(32).toString('base64url');
    const at = opts.clock.now();
    const expiresAt = new Date(at.getTime() + seconds * 1000);
    await putSignInToken({ digest: digestOf(token), purpose, email, name, createdAt: at.toISOString(), expiresAt: Math.floor(expiresAt.getTime() / 1000) });
    return { token, expiresAt };
  }

  const linkTo = (token: string, next: string) => `${base()}${SIGN_IN_PATH}/${token}${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`;

  /** Who a stored token signs in, or why it cannot (not spending it). */
  async function check(token: string): Promise<{ record: SignInTokenRecord; identity: DevIdentity } | { problem: Problem }> {
    const record = TOKEN_SHAPE.test(token) ? await getSignInToken(digestOf(token)) : undefined;
    if (!record) return { problem: 'unknown' };
    if (record.usedAt) return { problem: 'used' };
    if (record.expiresAt * 1000 <= opts.clock.now().getTime()) return { problem: 'expired' };
    const person = await getPerson(record.email);
    if (record.purpose === 'admin') {
      const roles = new Set<Role>(['admin', ...(person?.roles ?? [])]);
      return { record, identity: { email: record.email, name: record.name ?? person?.name ?? record.email, roles: [...roles] } };
    }
    if (!person) return { problem: 'not-in-directory' };
    return { record, identity: { email: person.email, name: person.name, roles: person.roles } };
  }

  function page(status: number, view: string, context: Record<string, unknown>): ApiAnswer {
    return { statusCode: status, headers: PAGE_HEADERS, body: renderGatewayView(view, { caller: null, navigation: [], ...context }) };
  }

  function problemPage(problem: Problem, next: string): ApiAnswer {
    const again = { href: `${SIGN_IN_PATH}${next === '/' ? '' : `?next=${encodeURIComponent(next)}`}`, text: 'Ask for a new sign-in link' };
    const [status, title, message] = {
      unknown: [404, 'This sign-in link is not valid', 'Check that you copied the whole address from the email.'],
      used: [410, 'This sign-in link has already been used', 'Each sign-in link works once.'],
      expired: [410, 'This sign-in link has expired', `Sign-in links work for ${EMAIL_LINK_MINUTES} minutes (the administrator's for ${ADMIN_LINK_HOURS} hours).`],
      'not-in-directory': [410, 'This sign-in link can no longer be used', 'The address it was sent to is no longer in the people directory.'],
    }[problem] as [number, string, string];
    return errorPage(status, title, message, undefined, again);
  }

  function formPage(status: number, next: string, values: { email: string }, errors: Record<string, string> = {}): ApiAnswer {
    const formToken = formTokens.seal({ exp: opts.clock.now().getTime() + FORM_TOKEN_SECONDS * 1000 }, opts.linkSecret);
    return page(status, 'localSignIn', {
      title: 'Sign in',
      next,
      values,
      errors,
      errorList: Object.entries(errors).map(([field, text]) => ({ text, href: `#${field}` })),
      formToken,
      linkMinutes: EMAIL_LINK_MINUTES,
    });
  }

  function validFormToken(token: string | null): boolean {
    const opened = formTokens.open(token, opts.linkSecret);
    const exp = opened.ok ? (opened.payload as { exp?: unknown })?.exp : undefined;
    return typeof exp === 'number' && exp > opts.clock.now().getTime();
  }

  /** Sends the link if the address is in the directory; nothing otherwise. Never throws (it runs after the answer). */
  async function sendLinkIfKnown(email: string, next: string): Promise<void> {
    try {
      const person = await getPerson(email);
      if (!person) return;
      const { token, expiresAt } = await issue('email', person.email, null, EMAIL_LINK_MINUTES * 60);
      const rendered = renderComposedEmail(composeSignInEmail({ name: person.name, url: linkTo(token, next), expiresAt, minutes: EMAIL_LINK_MINUTES }));
      await sendEmail({ to: [person.email], ...rendered }, { kind: 'sign-in-link' });
    } catch (err) {
      opts.onError?.(err, 'sending a sign-in link');
    }
  }

  async function requestLink(req: SignInRequest): Promise<ApiAnswer> {
    const next = safeNext(req.form.get('next'));
    const typed = (req.form.get('email') ?? '').trim();
    if (!isSameOriginRequest(req.headers) || !validFormToken(req.form.get('formToken'))) {
      return formPage(403, next, { email: typed }, { email: 'This form could not be sent: it came from another site or was open too long. Try again.' });
    }
    const email = emailSchema.safeParse(typed);
    if (!email.success) {
      return formPage(400, next, { email: typed }, { email: typed ? email.error.issues[0].message : 'Enter your email address' });
    }
    const address = email.data.toLowerCase();
    const sending = sendLinkIfKnown(address, next);
    pending.add(sending);
    void sending.finally(() => pending.delete(sending));
    return page(200, 'localSignInSent', { title: 'Check your email', email: address, next, linkMinutes: EMAIL_LINK_MINUTES });
  }

  async function openLink(req: SignInRequest, token: string): Promise<ApiAnswer> {
    const next = safeNext(req.query.get('next') ?? req.form.get('next'));
    const checked = await check(token);
    if ('problem' in checked) return problemPage(checked.problem, next);
    const { record, identity } = checked;
    if (req.method !== 'POST') {
      const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
      return page(200, 'localSignInLink', {
        title: 'Sign in',
        action: `${SIGN_IN_PATH}/${token}`,
        next,
        rows: [row('Name', identity.name), row('Email address', identity.email), row('Roles', identity.roles.length ? identity.roles.join(', ') : 'none yet')],
        expires: longDateTime(new Date(record.expiresAt * 1000).toISOString()),
      });
    }
    if (!isSameOriginRequest(req.headers)) return errorPage(403, 'This form could not be sent', 'Open the sign-in link again and press the button.');
    if (!(await useSignInToken(record.digest, opts.clock.now()))) {
      const again = await check(token);
      return problemPage('problem' in again ? again.problem : 'used', next);
    }
    const idToken = await issueToken(opts.jwtKey, identity, opts.rolesClaim);
    const cookie = sessionCookie(idToken, new Date(Date.now() + TOKEN_LIFETIME_SECONDS * 1000), LOCAL_COOKIES);
    return { statusCode: 303, headers: { location: next, 'cache-control': 'no-store' }, cookies: [cookie] };
  }

  return {
    handles: (path) => path === SIGN_IN_PATH || path === SIGN_OUT_PATH || path.startsWith(`${SIGN_IN_PATH}/`),
    async answer(req) {
      const { method, path } = req;
      if (path === SIGN_OUT_PATH && (method === 'GET' || method === 'POST')) {
        return { statusCode: 303, headers: { location: SIGN_IN_PATH, 'cache-control': 'no-store' }, cookies: [clearedSessionCookie(LOCAL_COOKIES)] };
      }
      if (path === SIGN_IN_PATH && method === 'GET') return formPage(200, safeNext(req.query.get('next')), { email: '' });
      if (path === SIGN_IN_PATH && method === 'POST') return requestLink(req);
      const token = path.slice(SIGN_IN_PATH.length + 1);
      if (!token.includes('/') && (method === 'GET' || method === 'POST')) return openLink(req, token);
      return errorPage(404, 'Page not found', 'Check the address.');
    },
    async issueAdminLink() {
      const { token } = await issue('admin', admin.email, admin.name, ADMIN_LINK_HOURS * 3600);
      return linkTo(token, '/');
    },
    async idle() {
      while (pending.size) await Promise.all([...pending]);
    },
  };
}
