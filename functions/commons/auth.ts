import { z } from 'zod';
import { unauthorized } from './errors';

export const roleSchema = z.enum(['clerk', 'author', 'officer', 'manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** The caller as handlers see it: e-mail (lower case), one-line name, the roles we know. */
export const actorSchema = z.object({
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
});
export type Actor = z.infer<typeof actorSchema>;

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

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.includes('admin') || roles.some((r) => actor.roles.includes(r));
}
