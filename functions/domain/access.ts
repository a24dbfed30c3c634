/**
 * Who may see and act on a run (API.md "Who may act"): managers and clerks read every run, authors and
 * officers the runs they are named on; sign-offs are answered by their officer or a clerk on their behalf.
 */
import { hasAnyRole, type Actor } from './actor';
import { forbidden, notFound } from './errors';
import type { ActorRef, RunSnapshot, Signoff } from './runModel';

export function actorRef(actor: Actor): ActorRef {
  return { name: actor.name, email: actor.email };
}

export function isNamedOn(actor: Actor, snapshot: RunSnapshot): boolean {
  const email = actor.email.toLowerCase();
  return snapshot.meta.plan.author.email === email || snapshot.signoffs.some((so) => so.officer.email === email);
}

export function mayReadAll(actor: Actor): boolean {
  return hasAnyRole(actor, ['manager', 'clerk']);
}

export function assertCanRead(actor: Actor, snapshot: RunSnapshot, message = 'Only managers, clerks and the people named on a run can see it'): void {
  if (mayReadAll(actor) || isNamedOn(actor, snapshot)) return;
  throw forbidden(message);
}

export function assertCanAnswer(actor: Actor, signoff: Signoff): void {
  if (hasAnyRole(actor, ['clerk']) || actor.email.toLowerCase() === signoff.officer.email) return;
  throw forbidden(`Only ${signoff.officer.name} or a clerk on their behalf can answer this sign-off`);
}

export function isAuthor(actor: Actor, snapshot: RunSnapshot): boolean {
  return actor.email.toLowerCase() === snapshot.meta.plan.author.email;
}

/** The API takes revisions from the plan's author (API.md); the run page also lets a clerk post one for them. */
export function mayRevise(actor: Actor, snapshot: RunSnapshot, opts: { clerkOnBehalf?: boolean } = {}): boolean {
  if (opts.clerkOnBehalf && hasAnyRole(actor, ['clerk'])) return true;
  return hasAnyRole(actor, ['author']) && (actor.roles.includes('admin') || isAuthor(actor, snapshot));
}

export function assertMayRevise(actor: Actor, snapshot: RunSnapshot, opts: { clerkOnBehalf?: boolean } = {}): void {
  if (mayRevise(actor, snapshot, opts)) return;
  throw forbidden(
    opts.clerkOnBehalf
      ? `Only the plan's author (${snapshot.meta.plan.author.name}) or a clerk can post a revised report`
      : `Only the plan's author (${snapshot.meta.plan.author.name}) can post a revision`,
  );
}

export function runNotFound(runId: string) {
  return notFound(`No run ${runId}`);
}
