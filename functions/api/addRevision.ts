/** `POST /api/runs/{runId}/revisions` (author) `{"summary", "invalidates"?}`: a revised report. */
import { z } from 'zod';
import type { Actor } from '../edge/auth';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { conflict, throwIfInvalid } from '../domain/errors';
import type { Revision, RunSnapshot } from '../domain/runModel';
import type { RunView } from '../domain/runView';
import { putRevision } from '../store/runStore';
import { runParams } from './params';
import { actorRef, assertIsAuthor } from './runAccess';
import { completeAction, currentRun, stateNow } from './runActions';

export const revisionInputSchema = z.object({
  summary: z.string().trim().min(1).max(5000),
  /** Sign-off ids the revision affects; all of them when omitted. */
  invalidates: z.array(z.string().min(1)).max(100).optional(),
});
export type RevisionInput = z.infer<typeof revisionInputSchema>;

/**
 * Records a revised report (the API and the run page's revision form). Who may post it is checked by the caller
 * through `assertMayRevise` (the API: the plan's author; the page also lets a clerk post it for them).
 */
export async function addRevision(
  params: { runId: string },
  body: RevisionInput,
  actor: Actor,
  assertMayRevise: (actor: Actor, snapshot: RunSnapshot) => void = assertIsAuthor,
): Promise<RunView> {
  const snapshot = await currentRun(params.runId);
  assertMayRevise(actor, snapshot);
  const fields: Record<string, string> = {};
  body.invalidates?.forEach((id, i) => {
    if (!snapshot.signoffs.some((so) => so.id === id)) fields[`invalidates.${i}`] = `${id} is not a sign-off of this run`;
  });
  throwIfInvalid(fields);
  if (snapshot.meta.status !== 'running') throw conflict(`The run is ${snapshot.meta.status}: it takes no more revisions`);
  const before = stateNow(snapshot);
  const revision: Revision = {
    n: Math.max(0, ...snapshot.revisions.map((r) => r.n)) + 1,
    kind: 'revision',
    summary: body.summary,
    invalidates: body.invalidates ?? null,
    by: actorRef(actor),
    at: now().toISOString(),
  };
  if (!(await putRevision(params.runId, revision))) throw conflict('Another revision was posted meanwhile: reload and try again');
  const { view } = await completeAction(params.runId, actor, `Posted revision ${revision.n}: ${revision.summary}`, before, {
    revision: revision.n,
    invalidates: revision.invalidates,
  });
  return view;
}

export const handler = apiHandler(
  { name: 'AddRevision', roles: ['author'], params: runParams, body: revisionInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await addRevision(params, body, actor) }),
);
