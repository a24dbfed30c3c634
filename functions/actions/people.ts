/**
 * The people directory's use cases (`/api/people`, the `/people` page, the start-a-run form, the intake): list,
 * read, store and remove a person with the domain's rules (functions/domain/people.ts), and the lookups the
 * deputies need (who stands in for an officer today).
 */
import type { Actor } from '../domain/actor';
import { actorRef } from '../domain/access';
import { londonDate } from '../domain/calendar';
import { conflict, notFound } from '../domain/errors';
import {
  actingDeputy,
  byName,
  checkPerson,
  checkRemoval,
  lookupOf,
  peopleOfArea,
  personFromInput,
  standsInFor,
  type DirectoryPerson,
  type PersonInput,
} from '../domain/people';
import { now } from '../platform/clock';
import { deletePerson, getPerson, loadDirectory, peopleAlongDeputies, putPerson } from '../store/people';

const changedMeanwhile = () => conflict('The people directory changed while this was being saved: look again and try once more');

/** Everyone, by name; only those of `area` (any case) when it is given. */
export async function listPeople(opts: { area?: string } = {}): Promise<DirectoryPerson[]> {
  const { people } = await loadDirectory();
  return opts.area ? peopleOfArea(people, opts.area) : people.sort(byName);
}

export async function readPerson(email: string): Promise<DirectoryPerson> {
  const person = await getPerson(email.toLowerCase());
  if (!person) throw notFound(`No one with the e-mail address ${email} is in the people directory`);
  return person;
}

/** Creates or replaces the person; `created` says which. */
export async function savePerson(email: string, input: PersonInput, actor: Actor): Promise<{ person: DirectoryPerson; created: boolean }> {
  const directory = await loadDirectory();
  checkPerson(email, input, directory.people);
  const person = personFromInput(email, input, actorRef(actor), now());
  if (!(await putPerson(person, directory.version))) throw changedMeanwhile();
  return { person, created: !directory.people.some((p) => p.email === person.email) };
}

export async function removePerson(email: string): Promise<void> {
  const directory = await loadDirectory();
  const me = email.toLowerCase();
  if (!directory.people.some((p) => p.email === me)) throw notFound(`No one with the e-mail address ${email} is in the people directory`);
  checkRemoval(me, directory.people);
  if (!(await deletePerson(me, directory.version))) throw changedMeanwhile();
}

/** Each of these people who is away today and has an acting deputy, with that deputy (functions/domain/people.ts). */
export async function awayWithDeputies(emails: Iterable<string>, at = now()): Promise<Map<string, { away: DirectoryPerson; deputy: DirectoryPerson }>> {
  const today = londonDate(at);
  const out = new Map<string, { away: DirectoryPerson; deputy: DirectoryPerson }>();
  for (const email of new Set([...emails].map((e) => e.toLowerCase()))) {
    const along = await peopleAlongDeputies(email);
    const deputy = actingDeputy(email, lookupOf(along.values()), today);
    if (deputy) out.set(email, { away: along.get(email)!, deputy });
  }
  return out;
}

/** The officers among `officers` for whom `actor` stands in today (their deputy while they are away). */
export async function standingInFor(actor: Actor, officers: Iterable<string>): Promise<Set<string>> {
  const me = actor.email.toLowerCase();
  const others = [...new Set([...officers].map((e) => e.toLowerCase()))].filter((e) => e !== me);
  if (!others.length) return new Set();
  const along = new Map<string, DirectoryPerson>();
  for (const email of others) for (const [k, person] of await peopleAlongDeputies(email)) along.set(k, person);
  return standsInFor(me, others, lookupOf(along.values()), londonDate(now()));
}
