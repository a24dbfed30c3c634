/** The caller from verified token claims (the credential itself is checked before: authorizer or pageAuth). */
import { roleSchema, type Actor, type Role } from '../domain/actor';
import { unauthorized } from '../domain/errors';

export { hasAnyRole, roleSchema, type Actor, type Role } from '../domain/actor';

type Claims = Record<string, unknown>;

/**
 * Roles arrive in different shapes depending on the issuer and on API Gateway: a JSON array, API Gateway's
 * flattened `[clerk manager]` string, or a comma/space separated list. Unknown role names are ignored.
 */
export function parseRoles(value: unknown): Role[] {
  let items: unknown[] = [];
  if (Array.isArray(value)) items = value;
  else if (typeof value === 'string') {
    const trimmed = value.trim();
    if (trimmed.startsWith('[') && trimmed.includes('"')) {
      try {
        const parsed: unknown = JSON.parse(trimmed);
        if (Array.isArray(parsed)) items = parsed;
      } catch {
        items = [];
      }
    } else {
      items = trimmed.replace(/^\[|\]$/g, '').split(/[\s,]+/);
    }
  }
  const roles = new Set<Role>();
  for (const item of items) {
    const parsed = roleSchema.safeParse(typeof item === 'string' ? item.trim().toLowerCase() : item);
    if (parsed.success) roles.add(parsed.data);
  }
  return [...roles];
}

/** The claim holding the caller's roles when `RATIFY_ROLES_CLAIM` names none: Cognito's groups. */
export const DEFAULT_ROLES_CLAIM = 'cognito:groups';

const isTrue = (value: unknown) => value === true || value === 'true';

/**
 * The caller the verified claims name, or undefined when they name no one we can trust: no e-mail, an e-mail the
 * issuer has not verified (`email_verified` must be true: a user who could change their address unverified could
 * be anyone), or not an ID token (`token_use` other than `id`). API Gateway passes every claim as a string.
 */
export function identityOf(claims: Claims | undefined, rolesClaim = process.env.RATIFY_ROLES_CLAIM ?? DEFAULT_ROLES_CLAIM): Actor | undefined {
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!claims || !email || !isTrue(claims.email_verified)) return undefined;
  if (claims.token_use !== undefined && claims.token_use !== 'id') return undefined;
  // Stored as the run's `startedBy` and in audit events: one line, valid Unicode, never blank.
  const name = typeof claims.name === 'string' ? claims.name.replace(/[\s\p{Cc}]+/gu, ' ').replace(/\p{Cs}/gu, '\uFFFD').trim() : '';
  return { email, name: name || email, roles: parseRoles(claims[rolesClaim] ?? claims.roles) };
}

/** The caller, from the JWT claims API Gateway's authorizer (or the local gateway) verified; else 401. */
export function actorFromClaims(claims: Claims | undefined, rolesClaim?: string): Actor {
  const actor = identityOf(claims, rolesClaim);
  if (!actor) throw unauthorized();
  return actor;
}
