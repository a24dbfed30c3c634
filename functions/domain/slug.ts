/** Ids made from names (`Overview & Scrutiny` -> `overview-scrutiny`), as URLs and `requiredBefore` carry them. */

/** Lower-case letters and digits joined by single hyphens, at most `max` characters; '' when nothing is left. */
export function slug(text: string, max = 40): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, max)
    .replace(/-+$/, '');
}

/** The bases made unique in order: `finance`, `finance-2`, `finance-3`. */
export function uniqueIds(bases: string[]): string[] {
  const used = new Set<string>();
  return bases.map((base) => {
    let id = base;
    for (let n = 2; used.has(id); n++) id = `${base}-${n}`;
    used.add(id);
    return id;
  });
}
