/** Who acts: the caller as the domain sees them (roles checked here, credentials read at the edge). */
import { z } from 'zod';

export const roleSchema = z.enum(['clerk', 'author', 'officer', 'manager', 'admin']);
export type Role = z.infer<typeof roleSchema>;

/** The caller as handlers see it: e-mail (lower case), one-line name, the roles we know. */
export const actorSchema = z.object({
  email: z.string(),
  name: z.string(),
  roles: z.array(roleSchema),
});
export type Actor = z.infer<typeof actorSchema>;

export function hasAnyRole(actor: Actor, roles: readonly Role[]): boolean {
  return actor.roles.includes('admin') || roles.some((r) => actor.roles.includes(r));
}
