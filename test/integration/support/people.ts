import type { Role } from '../../../functions/edge/auth';
import type { Caller } from '../../support/localStack';

export interface Person {
  name: string;
  email: string;
}

export function person(name: string, email: string): Person {
  return { name, email };
}

/** A person calling the API with these roles. */
export function as(p: Person, ...roles: Role[]): Caller {
  return { name: p.name, email: p.email, roles };
}
