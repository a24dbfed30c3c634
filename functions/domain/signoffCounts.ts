/**
 * Open and overdue sign-offs, counted from the sort keys of the officers' index (`<dueBy>#<runId>#<id>`):
 * a sign-off is in that index exactly while it is requested, and overdue from the day after its dueBy.
 */
export interface SignoffCounts {
  open: number;
  overdue: number;
}

export function countSignoffs(sortKeys: Iterable<string>, today: string): SignoffCounts {
  let open = 0;
  let overdue = 0;
  for (const key of sortKeys) {
    open += 1;
    if (key.slice(0, 10) < today) overdue += 1;
  }
  return { open, overdue };
}
