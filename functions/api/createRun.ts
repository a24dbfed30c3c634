/** `POST /api/runs` (clerk): validates and stores a run, starts its execution, answers 201 with the run. */
import { randomUUID } from 'node:crypto';
import type { Actor } from '../edge/auth';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { withRunId } from '../platform/logger';
import { invalid, throwIfInvalid } from '../domain/errors';
import { londonDate } from '../domain/calendar';
import { buildRun, checkNewRun, newRunInputSchema, stagesFromRoute, type NewRunInput } from '../domain/newRun';
import { planRun } from '../domain/planRun';
import { getRouteTemplate } from '../domain/routes';
import { SYSTEM } from '../domain/runModel';
import { runView, type RunView } from '../domain/runView';
import { loadRun, putNewRun, putWithdrawal } from '../store/runStore';
import { startRunExecution } from '../workflow/executions';
import { actorRef } from './runAccess';

/** Starts a run from a checked body (the API and the start-a-run page); a 400 names every bad field. */
export async function startRun(body: NewRunInput, actor: Actor): Promise<RunView> {
  const at = now();
  const today = londonDate(at);
  const template = body.route ? getRouteTemplate(body.route) : undefined;
  if (body.route && !template) throw invalid('Unknown route', { route: `${body.route} is not a route template` });
  const stages = body.stages ?? (template ? stagesFromRoute(template, today) : undefined);
  if (!stages) throw invalid('Invalid input: stages', { stages: 'Required (or name a route whose stages to use)' });
  const fields = checkNewRun(stages, body.signoffs, today);
  throwIfInvalid(fields);

  const runId = randomUUID();
  withRunId(runId);
  const items = buildRun({ ...body, stages }, runId, actorRef(actor) as { name: string; email: string }, at, template);
  const plan = planRun({ ...items, decisions: [], revisions: [], sentEmails: new Set(), events: [] }, at);
  await putNewRun(
    items,
    { who: actorRef(actor), what: `Started the run of ${body.plan.title}`, when: at.toISOString(), stateBefore: null, stateAfter: plan.state },
    plan.wakeAt?.toISOString() ?? null,
  );
  try {
    await startRunExecution(runId);
  } catch (err) {
    // A run without an execution would never move: close it (the caller's retry starts a new one).
    await putWithdrawal(runId, { reason: 'Its workflow could not be started', by: SYSTEM, at: now().toISOString() });
    throw err;
  }
  const snapshot = (await loadRun(runId))!;
  return runView(snapshot, now());
}

export const handler = apiHandler(
  { name: 'CreateRun', roles: ['clerk'], body: newRunInputSchema, idempotent: true },
  async ({ body, actor }) => {
    const view = await startRun(body, actor);
    return { statusCode: 201, body: view, headers: { location: `/api/runs/${view.runId}` } };
  },
);
