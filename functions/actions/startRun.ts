/** Starting a run (`POST /api/runs` and the start-a-run page): checked, stored, its execution started. */
import { randomUUID } from 'node:crypto';
import { actorRef } from '../domain/access';
import type { Actor } from '../domain/actor';
import { londonDate } from '../domain/calendar';
import { buildRun, checkedStages, type NewRunInput } from '../domain/newRun';
import { planRun } from '../domain/planRun';
import { SYSTEM, type RunEvent, type RunSnapshot } from '../domain/runModel';
import { runView, type RunView } from '../domain/runView';
import { now } from '../platform/clock';
import { startRunExecution } from '../platform/executions';
import { withRunId } from '../platform/logger';
import { getRouteTemplate } from '../platform/routeTemplates';
import { putNewRun, putWithdrawal } from '../store/runStore';

/** Starts a run from a body its schema accepted; a 400 names every bad field. Reads nothing back. */
export async function startRun(body: NewRunInput, actor: Actor): Promise<RunView> {
  const at = now();
  const template = body.route ? getRouteTemplate(body.route) : undefined;
  const stages = checkedStages(body, template, londonDate(at));

  const runId = randomUUID();
  withRunId(runId);
  const items = buildRun({ ...body, stages }, runId, { name: actor.name, email: actor.email }, at, template);
  const fresh: RunSnapshot = { ...items, decisions: [], revisions: [], sentEmails: new Set(), events: [] };
  const plan = planRun(fresh, at);
  const first: RunEvent = { who: actorRef(actor), what: `Started the run of ${body.plan.title}`, when: at.toISOString(), stateBefore: null, stateAfter: plan.state };
  await putNewRun(items, first, plan.wakeAt?.toISOString() ?? null);
  try {
    await startRunExecution(runId);
  } catch (err) {
    // A run without an execution would never move: close it (the caller's retry starts a new one).
    await putWithdrawal(runId, { reason: 'Its workflow could not be started', by: SYSTEM, at: now().toISOString() });
    throw err;
  }
  return runView({ ...fresh, events: [first] }, now());
}
