/**
 * The browser sign-in flow on AWS (authorization code with PKCE), one function for its three public routes:
 * - `GET /auth/login?next=/path`: a signed, short-lived state cookie, then off to the issuer's sign-in page;
 * - `GET /auth/callback`: the code is exchanged at the token endpoint, the ID token verified as the pages verify
 *   it (functions/edge/jwt.ts) and its nonce checked, then the `ratify_session` cookie (expiring with the
 *   token) and back to the page asked for;
 * - `GET /auth/logout`: the session cookie cleared, then the issuer's logout if it has one.
 * On the embedded stack (dev tokens) the same addresses lead to its own sign-in: `RATIFY_SIGN_IN_URL` and
 * `RATIFY_SIGN_OUT_URL` (the dev sign-in with dev auth on, else the stack's one-time links), `/dev/login` and
 * `/dev/logout` when they are not set.
 */
import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import { now } from '../platform/clock';
import { apiHandler, type ApiAnswer } from '../edge/http';
import { logger } from '../platform/logger';
import { identityOf } from '../edge/auth';
import { clearedSessionCookie, sessionCookie } from '../edge/cookies';
import { cookieValue, presentedCredential } from '../edge/credentials';
import { verifyIdToken } from '../edge/jwt';
import { errorPage } from '../edge/pageShell';
import { linkSecret } from '../store/linkSecret';
import { exchangeCode } from './exchangeCode';
import { issuerEndpoints } from './issuerEndpoints';
import { authorizationUrl, logoutUrl, redirectUri } from './issuerUrls';
import { newPkce, randomToken } from './pkce';
import { safeNext } from '../edge/safeNext';
import { sameSecret } from '../platform/sealedToken';
import {
  clearedSignInStateCookie,
  openSignInState,
  sealSignInState,
  signInStateCookie,
  SIGN_IN_STATE_COOKIE,
  SIGN_IN_STATE_SECONDS,
} from './signInState';

const NO_STORE = { 'cache-control': 'no-store' };
/** This flow runs on AWS only (HTTPS): its cookies are Secure. */
const AWS_COOKIES = { secure: true };

function redirect(location: string, cookies: string[] = []): ApiAnswer {
  return { statusCode: 303, headers: { location, ...NO_STORE }, cookies };
}

function problem(status: number, title: string, message: string, next = '/'): ApiAnswer {
  const answer = errorPage(status, title, message, undefined, { href: `/auth/login?next=${encodeURIComponent(next)}`, text: 'Sign in again' });
  return { ...answer, cookies: [clearedSignInStateCookie()] };
}

function config(): { clientId: string; publicUrl: string } {
  const clientId = process.env.RATIFY_AUTH_CLIENT_ID;
  const publicUrl = process.env.RATIFY_PUBLIC_URL;
  if (!clientId || !publicUrl) throw new Error('RATIFY_AUTH_CLIENT_ID and RATIFY_PUBLIC_URL must be set for the sign-in flow');
  return { clientId, publicUrl: publicUrl.replace(/\/+$/, '') };
}

// The embedded stack signs its own dev tokens; on Lambda that key is never trusted (functions/edge/jwt.ts), so never here.
const isDevStack = () => !!process.env.RATIFY_DEV_TOKEN_KEY && !process.env.AWS_LAMBDA_FUNCTION_NAME;
const devSignIn = () => process.env.RATIFY_SIGN_IN_URL || '/dev/login';
const devSignOut = () => process.env.RATIFY_SIGN_OUT_URL || '/dev/logout';
const queryOf = (event: APIGatewayProxyEventV2) => event.queryStringParameters ?? {};

async function login(event: APIGatewayProxyEventV2): Promise<ApiAnswer> {
  const next = safeNext(queryOf(event).next);
  if (isDevStack()) return redirect(`${devSignIn()}?next=${encodeURIComponent(next)}`);
  const { clientId, publicUrl } = config();
  const endpoints = await issuerEndpoints();
  const { verifier, challenge } = newPkce();
  const state = randomToken();
  const nonce = randomToken();
  const sealed = sealSignInState({ state, verifier, nonce, next, exp: now().getTime() + SIGN_IN_STATE_SECONDS * 1000 }, await linkSecret());
  const location = authorizationUrl(endpoints, { clientId, redirectUri: redirectUri(publicUrl), state, nonce, challenge });
  return redirect(location, [signInStateCookie(sealed)]);
}

async function callback(event: APIGatewayProxyEventV2): Promise<ApiAnswer> {
  if (isDevStack()) return redirect(devSignIn());
  const { clientId, publicUrl } = config();
  const query = queryOf(event);
  const remembered = openSignInState(cookieValue(event.cookies, SIGN_IN_STATE_COOKIE), await linkSecret(), now());
  if (!remembered || !sameSecret(query.state, remembered.state)) {
    logger.info('sign-in callback refused', { reason: remembered ? 'state differs' : 'no valid sign-in cookie' });
    return problem(400, 'Your sign-in could not be completed', 'It took too long or was started in another window. Sign in again.');
  }
  if (query.error || !query.code) {
    logger.info('sign-in callback refused', { reason: 'issuer answered an error', error: query.error ?? 'no code' });
    return problem(401, 'You are not signed in', 'The sign-in was cancelled or refused.', remembered.next);
  }
  const exchanged = await exchangeCode((await issuerEndpoints()).token, {
    code: query.code,
    verifier: remembered.verifier,
    clientId,
    redirectUri: redirectUri(publicUrl),
  });
  if ('refused' in exchanged) {
    logger.info('sign-in callback refused', { reason: 'token endpoint refused the code', error: exchanged.refused });
    return problem(400, 'Your sign-in could not be completed', 'The sign-in code was not accepted. Sign in again.', remembered.next);
  }
  const claims = await verifyIdToken(exchanged.idToken);
  if (!claims || claims.nonce !== remembered.nonce || !identityOf(claims) || typeof claims.exp !== 'number') {
    logger.info('sign-in callback refused', { reason: 'ID token not accepted' });
    return problem(401, 'You are not signed in', 'Your sign-in could not be verified.', remembered.next);
  }
  return redirect(remembered.next, [sessionCookie(exchanged.idToken, new Date(claims.exp * 1000), AWS_COOKIES), clearedSignInStateCookie()]);
}

async function logout(event: APIGatewayProxyEventV2): Promise<ApiAnswer> {
  if (isDevStack()) return redirect(devSignOut());
  const { clientId, publicUrl } = config();
  const endpoints = await issuerEndpoints().catch((err: unknown) => {
    // Signing out of Ratify must work even when the issuer cannot be reached.
    logger.warn('issuer endpoints unavailable at sign-out', { error: err instanceof Error ? err : String(err) });
    return undefined;
  });
  const idToken = presentedCredential({ cookies: event.cookies })?.token;
  return redirect(logoutUrl(endpoints, { clientId, returnTo: `${publicUrl}/`, idToken }), [clearedSessionCookie(AWS_COOKIES)]);
}

const routes: Record<string, (event: APIGatewayProxyEventV2) => Promise<ApiAnswer>> = {
  '/auth/login': login,
  '/auth/callback': callback,
  '/auth/logout': logout,
};

export const handler = apiHandler({ name: 'SignIn', auth: 'public', bodyFormat: 'raw' }, async ({ event }) => {
  const route = routes[event.rawPath];
  if (!route) return errorPage(404, 'Page not found', 'Check the address.');
  return route(event);
});
