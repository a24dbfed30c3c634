/**
 * Who may see and act on a run (shared/API.md "Who may act"): managers and clerks read every run, authors and
 * officers the runs they are named on; sign-offs are answered by their officer or a clerk on their behalf.
 */
import { hasAnyRole, type Actor } from '../edge/auth';
import { forbidden, notFound } from '../domain/errors';
import type { ActorRef, RunSnapshot, Signoff } from '../domain/runModel';

export function actorRef(actor: Actor): ActorRef {
  return { name: actor.name, email: actor.email };
}

export function isNamedOn(actor: Actor, snapshot: RunSnapshot): boolean {
  const email = actor.email.toLowerCase();
  return snapshot.meta.plan.author.email === email || snapshot.signoffs.some((so) => so.officer.email === email);
}

export function assertCanRead(actor: Actor, snapshot: RunSnapshot, message = 'Only managers, clerks and the people named on a run can see it'): void {
  if (hasAnyRole(actor, ['manager', 'clerk']) || isNamedOn(actor, snapshot)) return;
  throw forbidden(message);
}

export function assertCanAnswer(actor: Actor, signoff: Signoff): void {
  if (hasAnyRole(actor, ['clerk']) || actor.email.toLowerCase() === signoff.officer.email) return;
  throw forbidden(`Only ${signoff.officer.name} or a clerk on their behalf can answer this sign-off`);
}

export function assertIsAuthor(actor: Actor, snapshot: RunSnapshot): void {
  if (hasAnyRole(actor, ['admin']) || actor.email.toLowerCase() === snapshot.meta.plan.author.email) return;
  throw forbidden(`Only the plan's author (${snapshot.meta.plan.author.name}) can post a revision`);
}

export function runNotFound(runId: string) {
  return notFound(`No run ${runId}`);
}
