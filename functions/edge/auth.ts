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

/** The caller, from the JWT claims API Gateway's authorizer (or the local gateway) verified. */
export function actorFromClaims(claims: Claims | undefined, rolesClaim = process.env.RATIFY_ROLES_CLAIM ?? 'cognito:groups'): Actor {
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!claims || !email) throw unauthorized();
  // Stored as the run's `startedBy` and in audit events: one line, never blank.
  const name = (typeof claims.name === 'string' ? claims.name.replace(/[\s\p{Cc}]+/gu, ' ').trim() : '') || email;
  return { email, name, roles: parseRoles(claims[rolesClaim] ?? claims.roles) };
}
