/**
 * A revised report (`POST .../revisions` by the plan's author, and the run page's form, where a clerk may post
 * it for them): the sign-offs it names are asked again.
 */
import { actorRef, assertMayRevise } from '../domain/access';
import type { Actor } from '../domain/actor';
import { conflict } from '../domain/errors';
import { checkRevision, type RevisionInput } from '../domain/revisions';
import { putRevision } from '../store/runStore';
import { runAction, type ActionResult } from './runAction';

export function addRevision(
  params: { runId: string },
  body: RevisionInput,
  actor: Actor,
  opts: { clerkOnBehalf?: boolean } = {},
): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    assertMayRevise(actor, snapshot, opts);
    const revision = checkRevision(snapshot, body, actorRef(actor), at);
    if (!(await putRevision(params.runId, revision))) throw conflict('Another revision was posted meanwhile: reload and try again');
    return { what: `Posted revision ${revision.n}: ${revision.summary}`, details: { revision: revision.n, invalidates: revision.invalidates } };
  });
}
