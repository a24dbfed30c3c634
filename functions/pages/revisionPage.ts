/**
 * `POST /runs/{runId}/revision`: a revised report from the run's page, by the plan's author or a clerk for them,
 * through the same action as `POST /api/runs/{runId}/revisions`; the sign-offs ticked are asked again.
 */
import { addRevision } from '../actions/addRevision';
import { revisionInputSchema } from '../domain/revisions';
import { revisionBody } from './model/runForms';
import { pageHandler } from './pageHandler';
import { checked, submitRunForm } from './runActionPages';

export const handler = pageHandler({ name: 'RevisionPage', roles: ['author', 'clerk'], nav: 'dashboard' }, (req) =>
  submitRunForm('revision', req, (runId, v, actor, snapshot) =>
    addRevision({ runId }, checked(revisionInputSchema, revisionBody(v, snapshot.signoffs.map((so) => so.id))), actor, { clerkOnBehalf: true }),
  ),
);
