/** Starting a run (`POST /api/runs` and the start-a-run page): checked, stored, its execution started. */
import { randomUUID } from 'node:crypto';
import { actorRef } from '../domain/access';
import type { Actor } from '../domain/actor';
import { londonDate } from '../domain/calendar';
import { buildRun, checkedStages, meetingIdsOf, type NewRunInput, type StageMeeting } from '../domain/newRun';
import { planRun } from '../domain/planRun';
import { SYSTEM, type RunEvent, type RunSnapshot } from '../domain/runModel';
import { runView, type RunView } from '../domain/runView';
import { now } from '../platform/clock';
import { startRunExecution } from '../platform/executions';
import { withRunId } from '../platform/logger';
import { getRouteTemplate } from '../platform/routeTemplates';
import { putNewRun, putWithdrawal } from '../store/runStore';
import { getBody } from '../store/bodies';
import { getMeeting } from '../store/meetings';

/** The calendar meetings a new run's stages name, with their bodies' names and kinds (unknown ones left out). */
async function stageMeetings(body: NewRunInput): Promise<Map<string, StageMeeting>> {
  const found = new Map<string, StageMeeting>();
  for (const meetingId of meetingIdsOf(body)) {
    const meeting = await getMeeting(meetingId);
    const of = meeting && (await getBody(meeting.body));
    if (meeting && of) found.set(meetingId, { meetingId, date: meeting.date, status: meeting.status, body: { id: of.id, name: of.name, kind: of.kind } });
  }
  return found;
}

/** Starts a run from a body its schema accepted; a 400 names every bad field. Reads nothing back. */
export async function startRun(body: NewRunInput, actor: Actor): Promise<RunView> {
  const at = now();
  const template = body.route ? getRouteTemplate(body.route) : undefined;
  const stages = checkedStages(body, template, londonDate(at), await stageMeetings(body));

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
