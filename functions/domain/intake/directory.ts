/**
 * Who a report means when it gives less than a full name and address: initials closing a sign-off cell ("LG")
 * are the one person the report names with those initials; an officer's e-mail address comes from the people
 * directory the caller passes (by name, case and spacing aside, or by initial and surname: "J. Smith").
 */
import { z } from 'zod';

export const directoryEntrySchema = z.object({ name: z.string().min(1), email: z.string().email(), area: z.string().optional() });
export const directorySchema = z.array(directoryEntrySchema);
export type DirectoryEntry = z.infer<typeof directoryEntrySchema>;

const HONORIFIC = /^(cllr\.?|councillor|mr\.?|mrs\.?|ms\.?|miss|mx\.?|dr\.?|prof\.?|professor|sir|dame|rev\.?)$/i;

/** The words of a name, lower case, honorifics and dots dropped. */
function nameParts(name: string): string[] {
  return name
    .replace(/\./g, ' ')
    .split(/\s+/)
    .filter((w) => w && !HONORIFIC.test(w))
    .map((w) => w.toLowerCase());
}

/** "LG" or "L.G." for Lucy Grant; three letters for a middle name too (first, middle, last). */
export function initialsOf(name: string): string[] {
  const parts = nameParts(name);
  if (parts.length < 2) return [];
  const firstLast = `${parts[0][0]}${parts[parts.length - 1][0]}`;
  const all = parts.map((p) => p[0]).join('');
  return [...new Set([firstLast, all])].map((i) => i.toUpperCase());
}

/** The one name among `names` with these initials; undefined when none or several have them. */
export function nameForInitials(initials: string, names: string[]): string | undefined {
  const wanted = initials.replace(/\W/g, '').toUpperCase();
  const matches = [...new Set(names.filter((n) => initialsOf(n).includes(wanted)))];
  return matches.length === 1 ? matches[0] : undefined;
}

const sameName = (a: string[], b: string[]) => a.length === b.length && a.every((w, i) => w === b[i]);

/** The directory entry for a named person: the same name, else the same initial and surname; one match only. */
export function directoryEntryFor(name: string, directory: DirectoryEntry[]): DirectoryEntry | undefined {
  const parts = nameParts(name);
  if (parts.length < 2) return undefined;
  const exact = directory.filter((e) => sameName(nameParts(e.name), parts));
  if (exact.length) return exact.length === 1 ? exact[0] : undefined;
  const last = parts[parts.length - 1];
  const loose = directory.filter((e) => {
    const p = nameParts(e.name);
    return p.length >= 2 && p[p.length - 1] === last && p[0][0] === parts[0][0] && (p[0].length === 1 || parts[0].length === 1);
  });
  return loose.length === 1 ? loose[0] : undefined;
}
