/**
 * Starting a run (`POST /api/runs` and the start-a-run page): checked, stored, its execution started. With an
 * Idempotency-Key the run's id is derived from the caller, the key and the request (DESIGN.md "Idempotent
 * creation"), so a creation made again after a crash finds the run the first attempt stored and answers it.
 */
import { createHash, randomUUID } from 'node:crypto';
import { actorRef } from '../domain/access';
import type { Actor } from '../domain/actor';
import { londonDate } from '../domain/calendar';
import { buildRun, checkedStages, meetingIdsOf, type NewRunInput, type StageInput, type StageMeeting } from '../domain/newRun';
import { planRun } from '../domain/planRun';
import { SYSTEM, type Person, type RunEvent, type RunSnapshot, type Stage } from '../domain/runModel';
import { isKeyDecisionStage, urgencyWords } from '../domain/executiveDecisions';
import { scrutinyChairOf } from './calendar';
import { runView, type RunView } from '../domain/runView';
import { now } from '../platform/clock';
import { startRunExecution } from '../platform/executions';
import { logger, withRunId } from '../platform/logger';
import { getRouteTemplate } from '../platform/routeTemplates';
import { appendEvent, loadRun, putNewRun, putWithdrawal, reopenUnstartedRun } from '../store/runStore';
import { getWaitToken } from '../store/waitToken';
import { getBody } from '../store/bodies';
import { getMeeting } from '../store/meetings';

/** The calendar meetings a new run's stages name, with their bodies' names and kinds (unknown ones left out). */
async function stageMeetings(body: NewRunInput): Promise<Map<string, StageMeeting>> {
  const found = new Map<string, StageMeeting>();
  for (const meetingId of meetingIdsOf(body)) {
    const meeting = await getMeeting(meetingId);
    const of = meeting && (await getBody(meeting.body));
    if (meeting && of) found.set(meetingId, { meetingId, date: meeting.date, status: meeting.status, body: { id: of.id, name: of.name, kind: of.kind }, ...(meeting.publication ? { publication: meeting.publication } : {}) });
  }
  return found;
}

/** The scrutiny chair of each stage recording an urgency, from its calendar body (told of the key decision). */
async function scrutinyChairs(stages: StageInput[]): Promise<Map<string, Person>> {
  const chairs = new Map<string, Person>();
  for (const stage of stages) {
    if (!stage.urgency || stage.urgency.scrutinyChair) continue;
    const chair = await scrutinyChairOf({ meetingId: stage.meetingId, body: stage.body, bodyId: stage.bodyId });
    if (chair) chairs.set(stage.id, chair);
  }
  return chairs;
}

/** The withdrawal reason of a run whose execution could not be started (a retry with its key opens it again). */
export const UNSTARTED_REASON = 'Its workflow could not be started';
const STARTED = 'Started the run of ';

/**
 * The run id of a creation with an Idempotency-Key: UUID-shaped (version 5 layout) from SHA-256 of the caller's
 * e-mail, the key and the request as parsed, so the same request with the same key is always the same run, and
 * another request under an old key (after the key's 24 hours) another run.
 */
export function runIdFor(caller: string, key: string, body: NewRunInput): string {
  const digest = createHash('sha256').update(JSON.stringify(['ratify-run', caller, key, body])).digest();
  const b = Buffer.from(digest.subarray(0, 16));
  b[6] = (b[6] & 0x0f) | 0x50;
  b[8] = (b[8] & 0x3f) | 0x80;
  const hex = b.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** Starts a run from a body its schema accepted; a 400 names every bad field. Reads nothing back. */
export async function startRun(body: NewRunInput, actor: Actor, opts: { idempotencyKey?: string } = {}): Promise<RunView> {
  const runId = opts.idempotencyKey ? runIdFor(actor.email, opts.idempotencyKey, body) : randomUUID();
  withRunId(runId);
  if (opts.idempotencyKey) {
    // Checked before the body: a retry days later must find its run even if its dates have passed since.
    const existing = await loadRun(runId);
    if (existing) return resumeCreation(existing, body, actor);
  }
  const at = now();
  const template = body.route ? getRouteTemplate(body.route) : undefined;
  const stages = checkedStages(body, template, londonDate(at), await stageMeetings(body));

  const items = buildRun({ ...body, stages }, runId, { name: actor.name, email: actor.email }, at, template, { scrutinyChairs: await scrutinyChairs(stages) });
  const fresh: RunSnapshot = { ...items, decisions: [], revisions: [], sentEmails: new Set(), events: [] };
  const plan = planRun(fresh, at);
  const first = startedEvent(body, actor, at.toISOString(), plan.state, items.stages);
  if (!(await putNewRun(items, first, plan.wakeAt?.toISOString() ?? null))) {
    // Stored meanwhile under the same derived id: that one is the run.
    return resumeCreation((await loadRun(runId))!, body, actor);
  }
  await startExecution(runId);
  return runView({ ...fresh, events: [first] }, now());
}

function startedEvent(body: NewRunInput, actor: Actor, when: string, state: RunEvent['stateAfter'], stages: Stage[] = []): RunEvent {
  // A key decision's notice goes on the forward plan as the run starts; an urgency recorded is said with it.
  const key = stages.filter((s) => isKeyDecisionStage(body.plan, s));
  const notice = key.length
    ? `; the key decision's notice is on the forward plan from today${key
        .filter((s) => s.urgency)
        .map((s) => `; the ${s.body} on ${s.meetingDate} takes it under ${urgencyWords(s.urgency!)}${s.urgency!.reason ? `: ${s.urgency!.reason}` : ''}`)
        .join('')}`
    : '';
  return { who: actorRef(actor), what: `${STARTED}${body.plan.title}${notice}`, when, stateBefore: null, stateAfter: state };
}

async function startExecution(runId: string): Promise<void> {
  try {
    await startRunExecution(runId);
  } catch (err) {
    // A run without an execution would never move: close it (the caller's retry opens it again, or starts a new one).
    await putWithdrawal(runId, { reason: UNSTARTED_REASON, by: SYSTEM, at: now().toISOString() });
    throw err;
  }
}

/**
 * A creation made again (its first attempt crashed, or answered an error) finds the run stored: whatever the first
 * attempt did not get to is done (the first event, the execution, which is started under the run's id and so at
 * most once), and the run is answered as the first attempt would have.
 */
async function resumeCreation(run: RunSnapshot, body: NewRunInput, actor: Actor): Promise<RunView> {
  const { runId } = run.meta;
  logger.info('a retried creation found its run', { runId, status: run.meta.status });
  if (!run.events.some((e) => e.what.startsWith(STARTED))) {
    const first = startedEvent(body, actor, run.meta.startedAt, null);
    await appendEvent(runId, first);
    run = { ...run, events: [first, ...run.events] };
  }
  if (run.meta.status === 'withdrawn' && run.meta.withdrawal?.reason === UNSTARTED_REASON && (await reopenUnstartedRun(runId, UNSTARTED_REASON))) {
    await appendEvent(runId, { who: SYSTEM, what: 'Opened again: the start was retried and its workflow started', when: now().toISOString(), stateBefore: null, stateAfter: null });
    await startExecution(runId);
    run = (await loadRun(runId))!;
  } else if (run.meta.status === 'running' && !(await getWaitToken(runId))) {
    // No execution has waited yet: it may never have been started. Started under the run's id, it is started at
    // most once (a running or recent one answers as started); a failure here is thrown, the run left as it is.
    await startRunExecution(runId);
  }
  return runView(run, now());
}
