/**
 * `POST /runs/{runId}/revision`: a revised report from the run's page, by the plan's author or a clerk for them,
 * through the same action as `POST /api/runs/{runId}/revisions`; the sign-offs ticked are asked again.
 */
import { forbidden } from '../domain/errors';
import type { Actor } from '../edge/auth';
import type { RunSnapshot } from '../domain/runModel';
import { addRevision, revisionInputSchema } from '../api/addRevision';
import { mayRevise } from './model/runPage';
import { revisionBody } from './model/runForms';
import { pageHandler } from './pageHandler';
import { checked, submitRunForm } from './runActionPages';

function assertMayRevise(actor: Actor, snapshot: RunSnapshot): void {
  if (!mayRevise(actor, snapshot)) throw forbidden(`Only the plan's author (${snapshot.meta.plan.author.name}) or a clerk can post a revised report`);
}

export const handler = pageHandler({ name: 'RevisionPage', roles: ['author', 'clerk'], nav: 'dashboard' }, (req) =>
  submitRunForm('revision', req, (runId, v, actor, snapshot) =>
    addRevision({ runId }, checked(revisionInputSchema, revisionBody(v, snapshot.signoffs.map((so) => so.id))), actor, assertMayRevise),
  ),
);
