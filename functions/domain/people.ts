/**
 * The people directory (docs/API.md "People"): the officers Ratify knows, each with a job title, an area (Legal,
 * Finance...), the Ratify roles they sign in with, and a deputy. And the rules of deputies:
 * - nobody is their own deputy, a deputy is someone in the directory, and a chain of deputies never loops;
 * - an officer is away while `away` is set, or up to and including `awayUntil`;
 * - the acting deputy of an officer who is away is the nearest person along the chain of deputies who is not
 *   away themselves: they are sent a copy of the officer's sign-off requests, reminders and escalations, and may
 *   answer the officer's sign-offs on their behalf.
 */
import { z } from 'zod';
import { roleSchema } from './actor';
import { compareDates, isoDateSchema, type IsoDate } from './calendar';
import { conflict, invalid, problem } from './errors';
import { oneLineText, PERSON_NAME_MAX } from './runModel';

export const PEOPLE_LIMITS = { name: PERSON_NAME_MAX, jobTitle: 200, area: 100 } as const;
/** Longer chains are not followed (a directory this deep is a mistake, and the walk stays bounded). */
export const MAX_DEPUTY_CHAIN = 20;

export const personEmailSchema = z.email().max(254).transform((e) => e.toLowerCase());

/** An empty string (a form's blank field) means none. */
const blankIsNone = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);
const optionalText = (max: number) => z.preprocess(blankIsNone, oneLineText(max).nullish()).transform((v) => v ?? null);

/** The body of `PUT /api/people/{email}` (the e-mail is the path's); fields it does not know are ignored. */
export const personInputSchema = z.object({
  name: oneLineText(PEOPLE_LIMITS.name),
  jobTitle: optionalText(PEOPLE_LIMITS.jobTitle),
  area: optionalText(PEOPLE_LIMITS.area),
  roles: z
    .array(roleSchema)
    .max(roleSchema.options.length * 2)
    .default([])
    .transform((roles) => [...new Set(roles)]),
  deputy: z.preprocess(blankIsNone, personEmailSchema.nullish()).transform((v) => v ?? null),
  away: z.boolean().default(false),
  awayUntil: z.preprocess(blankIsNone, isoDateSchema.nullish()).transform((v) => v ?? null),
});
export type PersonInput = z.infer<typeof personInputSchema>;

/** A person as stored and as the API answers them. */
export const directoryPersonSchema = z.object({
  email: z.string(),
  name: z.string(),
  jobTitle: z.string().nullable(),
  area: z.string().nullable(),
  roles: z.array(roleSchema),
  deputy: z.string().nullable(),
  away: z.boolean(),
  awayUntil: isoDateSchema.nullable(),
  updatedAt: z.string(),
  updatedBy: z.object({ name: z.string(), email: z.string().nullable() }),
});
export type DirectoryPerson = z.infer<typeof directoryPersonSchema>;

/** `?area=` of `GET /api/people`. */
export const peopleQuerySchema = z.object({ area: z.string().trim().min(1).max(PEOPLE_LIMITS.area).optional() });

export type PeopleLookup = (email: string) => DirectoryPerson | undefined;

export function lookupOf(people: Iterable<DirectoryPerson>): PeopleLookup {
  const byEmail = new Map<string, DirectoryPerson>();
  for (const p of people) byEmail.set(p.email, p);
  return (email) => byEmail.get(email.toLowerCase());
}

export function personFromInput(
  email: string,
  input: PersonInput,
  by: { name: string; email: string | null },
  at: Date,
): DirectoryPerson {
  return { email: email.toLowerCase(), ...input, roles: [...input.roles], updatedAt: at.toISOString(), updatedBy: by };
}

export function isAway(person: Pick<DirectoryPerson, 'away' | 'awayUntil'>, today: IsoDate): boolean {
  return person.away || (person.awayUntil !== null && compareDates(today, person.awayUntil) <= 0);
}

/** The people after `email` along its chain of deputies, each once, ending at a gap, a loop or the bound. */
export function deputyChain(email: string, lookup: PeopleLookup): DirectoryPerson[] {
  const chain: DirectoryPerson[] = [];
  const seen = new Set([email.toLowerCase()]);
  let next = lookup(email)?.deputy ?? null;
  while (next && !seen.has(next) && chain.length < MAX_DEPUTY_CHAIN) {
    const person = lookup(next);
    if (!person) break;
    chain.push(person);
    seen.add(next);
    next = person.deputy;
  }
  return chain;
}

/**
 * Who stands in for `email` on `today`: nobody when they are not in the directory or not away; else the first
 * deputy along the chain who is not away (nobody when every one of them is away too).
 */
export function actingDeputy(email: string, lookup: PeopleLookup, today: IsoDate): DirectoryPerson | undefined {
  const person = lookup(email);
  if (!person || !isAway(person, today)) return undefined;
  return deputyChain(email, lookup).find((d) => !isAway(d, today));
}

/** The addresses of `people` that `deputy` stands in for on `today`. */
export function standsInFor(deputy: string, people: Iterable<string>, lookup: PeopleLookup, today: IsoDate): Set<string> {
  const me = deputy.toLowerCase();
  const out = new Set<string>();
  for (const email of people) if (email !== me && actingDeputy(email, lookup, today)?.email === me) out.add(email);
  return out;
}

/**
 * The 400 for a person who cannot be stored as given: their own deputy, a deputy who is not in the directory, or
 * a deputy whose chain leads back to them. `directory` is everyone stored now (the person's old entry included).
 */
export function checkPerson(email: string, input: PersonInput, directory: Iterable<DirectoryPerson>): void {
  const me = email.toLowerCase();
  const deputy = input.deputy;
  if (!deputy) return;
  if (deputy === me) throw invalid('Invalid person: deputy', { deputy: problem('own-deputy', 'is the person themselves: a deputy is someone else') });
  const others = [...directory].filter((p) => p.email !== me);
  const lookup = lookupOf(others);
  if (!lookup(deputy)) throw invalid('Invalid person: deputy', { deputy: problem('unknown-deputy', `${deputy} is not in the people directory: add them first`, { deputy }) });
  const path = [me];
  for (const p of [lookup(deputy)!, ...deputyChain(deputy, lookup)]) {
    path.push(p.email);
    if (p.deputy === me) {
      path.push(me);
      throw invalid('Invalid person: deputy', {
        deputy: problem('deputy-loop', `makes a loop of deputies: ${path.join(' -> ')}`, { chain: path.join(' -> ') }),
      });
    }
  }
}

/** The 409 for removing someone who is another person's deputy (their requests would go nowhere). */
export function checkRemoval(email: string, directory: Iterable<DirectoryPerson>): void {
  const me = email.toLowerCase();
  const deputising = [...directory].filter((p) => p.deputy === me && p.email !== me).map((p) => p.email);
  if (deputising.length) {
    throw conflict(`${me} is the deputy of ${deputising.join(', ')}: choose another deputy for them first`, {
      email: problem('is-a-deputy', `is the deputy of ${deputising.join(', ')}`, { of: deputising.join(', ') }),
    });
  }
}

/** The directory in the order people read it: by name, then e-mail. */
export function byName(a: DirectoryPerson, b: DirectoryPerson): number {
  return a.name.localeCompare(b.name, 'en-GB', { sensitivity: 'base' }) || a.email.localeCompare(b.email);
}

export const sameArea = (a: string | null | undefined, b: string | null | undefined) =>
  !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();

/** The people of an area (any case), by name. */
export function peopleOfArea(people: readonly DirectoryPerson[], area: string): DirectoryPerson[] {
  return people.filter((p) => sameArea(p.area, area)).sort(byName);
}

/** What a sign-off's officer becomes when taken from the directory (the job title as the front sheet's role). */
export function officerOf(person: DirectoryPerson): { name: string; email: string; role?: string } {
  return { name: person.name, email: person.email, ...(person.jobTitle ? { role: person.jobTitle } : {}) };
}
