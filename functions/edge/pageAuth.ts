/**
 * Who is calling a page. Pages are public routes: API Gateway's JWT authorizer reads only the Authorization
 * header, and a browser sends its session cookie instead. So each page verifies the same ID token itself, from
 * `Authorization: Bearer <token>` or the `ratify_session` cookie (./credentials.ts), with ./jwt.ts (DESIGN.md
 * "Auth"), and reads the caller from its claims as the API does (./auth.ts).
 */
import { identityOf, type Actor } from './auth';
import { presentedCredential, type Credential, type CredentialSource } from './credentials';
import { verifyIdToken } from './jwt';

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
