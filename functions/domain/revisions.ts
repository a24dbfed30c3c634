/** A revised report posted by the plan's author: its schema and what may be revised. */
import { z } from 'zod';
import type { ActorRef, Revision, RunSnapshot } from './runModel';
import { conflict, throwIfInvalid } from './errors';

export const MAX_REVISION_SUMMARY = 5000;

export const revisionInputSchema = z.object({
  summary: z.string().trim().min(1).max(MAX_REVISION_SUMMARY),
  /** Sign-off ids the revision affects; all of them when omitted. */
  invalidates: z.array(z.string().min(1)).max(100).optional(),
});
export type RevisionInput = z.infer<typeof revisionInputSchema>;

/** The revision to store, or why not: 400 naming each unknown sign-off, 409 once the run has finished. */
export function checkRevision(snapshot: RunSnapshot, input: RevisionInput, by: ActorRef, at: Date): Revision {
  const fields: Record<string, string> = {};
  input.invalidates?.forEach((id, i) => {
    if (!snapshot.signoffs.some((so) => so.id === id)) fields[`invalidates.${i}`] = `${id} is not a sign-off of this run`;
  });
  throwIfInvalid(fields);
  if (snapshot.meta.status !== 'running') throw conflict(`The run is ${snapshot.meta.status}: it takes no more revisions`);
  return {
    n: Math.max(0, ...snapshot.revisions.map((r) => r.n)) + 1,
    kind: 'revision',
    summary: input.summary,
    invalidates: input.invalidates ?? null,
    by,
    at: at.toISOString(),
  };
}
