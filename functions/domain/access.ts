/**
 * Who may see and act on a run (API.md "Who may act"): managers and clerks read every run, authors and
 * officers the runs they are named on; sign-offs are answered by their officer or a clerk on their behalf. The
 * acting deputy of someone away (docs/API.md "People") stands in for them: `standIns` are the addresses of the
 * people the caller stands in for today (the action reads them from the directory), and the caller sees what
 * they would see and answers their sign-offs.
 */
import { hasAnyRole, type Actor } from './actor';
import { forbidden, notFound } from './errors';
import type { ActorRef, RunSnapshot, Signoff } from './runModel';

export function actorRef(actor: Actor): ActorRef {
  return { name: actor.name, email: actor.email };
}

/** The addresses of the people the caller stands in for today, as their acting deputy. */
export type StandIns = ReadonlySet<string>;
export const NO_STAND_INS: StandIns = new Set();

/** Everyone a run names: its author and every sign-off's officer. */
export function peopleNamedOn(snapshot: RunSnapshot): string[] {
  return [...new Set([snapshot.meta.plan.author.email, ...snapshot.signoffs.map((so) => so.officer.email)])];
}

export function isNamedOn(actor: Actor, snapshot: RunSnapshot, standIns: StandIns = NO_STAND_INS): boolean {
  const email = actor.email.toLowerCase();
  return peopleNamedOn(snapshot).some((named) => named === email || standIns.has(named));
}

export function mayReadAll(actor: Actor): boolean {
  return hasAnyRole(actor, ['manager', 'clerk']);
}

export function assertCanRead(
  actor: Actor,
  snapshot: RunSnapshot,
  message = 'Only managers, clerks and the people named on a run can see it',
  standIns: StandIns = NO_STAND_INS,
): void {
  if (mayReadAll(actor) || isNamedOn(actor, snapshot, standIns)) return;
  throw forbidden(message);
}

/** How the caller would answer this sign-off: as its officer, as the officer's acting deputy, as a clerk; or not at all. */
export function answerCapacity(actor: Actor, signoff: Signoff, standIns: StandIns = NO_STAND_INS): 'officer' | 'deputy' | 'clerk' | undefined {
  if (actor.email.toLowerCase() === signoff.officer.email) return 'officer';
  if (standIns.has(signoff.officer.email)) return 'deputy';
  if (hasAnyRole(actor, ['clerk'])) return 'clerk';
  return undefined;
}

export function assertCanAnswer(actor: Actor, signoff: Signoff, standIns: StandIns = NO_STAND_INS): void {
  if (answerCapacity(actor, signoff, standIns)) return;
  throw forbidden(`Only ${signoff.officer.name}, their deputy while they are away, or a clerk on their behalf can answer this sign-off`);
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

/**
 * Whether anyone may read the run's decision notices without signing in: the decisions of a public report are
 * public notices (reg. 12 of the 2012 Executive Arrangements Regulations asks it of executive decisions, and
 * councils publish every body's decisions); an exempt or confidential report's are not, and look unknown.
 */
export function hasPublicDecisions(snapshot: RunSnapshot): boolean {
  return (snapshot.meta.plan.classification ?? 'public') === 'public';
}

export function runNotFound(runId: string) {
  return notFound(`No run ${runId}`);
}
