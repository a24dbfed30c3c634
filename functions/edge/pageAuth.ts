/**
 * Who is calling a page. Pages are public routes: API Gateway's JWT authorizer reads only the Authorization
 * header, and a browser sends its session cookie instead. So each page verifies the same ID token itself, from
 * `Authorization: Bearer <token>` or the `ratify_session` cookie (./credentials.ts), with ./jwt.ts (DESIGN.md
 * "Auth"), and reads the caller from its claims as the API does (./auth.ts).
 */
import { identityOf, type Actor } from './auth';
import { presentedCredential, type Credential, type CredentialSource } from './credentials';
import { verifyIdToken } from './jwt';
import { logger } from '../platform/logger';

export type PageCredential = Credential;

export interface PageCaller {
  actor: Actor;
  credential: PageCredential;
}

/** The signed-in caller of a page, or undefined when no valid credential came with the request. */
export async function pageCaller(event: CredentialSource): Promise<PageCaller | undefined> {
  const credential = presentedCredential(event, { cookie: true });
  if (!credential) return undefined;
  const claims = await verifyIdToken(credential.token);
  const actor = claims && identityOf(claims);
  return actor ? { actor, credential } : undefined;
}

/**
 * The caller of a public page (the forward plan, a public decision notice), which asks nobody to sign in: a
 * credential that cannot be checked only means the page is shown signed out (for the navigation, nothing more).
 */
export async function publicPageCaller(event: CredentialSource, page: string): Promise<PageCaller | undefined> {
  try {
    return await pageCaller(event);
  } catch (error) {
    logger.info(`${page} shown signed out: the credential could not be checked`, { error: error instanceof Error ? error.message : String(error) });
    return undefined;
  }
}
