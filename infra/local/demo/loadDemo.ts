/**
 * Loads the demo plans into a running stack through the HTTP API, each at its point of the timetable (see
 * plans.ts): each council's bodies are set up and their meetings imported from iCalendar files (calendarFile.ts),
 * the run is started on those meetings, and each agenda's despatch is recorded for its meeting. Idempotent: a plan whose run is already there (same title and author) is not started again, and
 * each step (start, sign-off, decision) is taken only if the run still needs it, with an Idempotency-Key of its
 * own so a retried step after a failure is answered, not repeated.
 */
import { compareDates, londonDate, type IsoDate } from '../../../functions/domain/calendar';
import { publishBy } from '../../../functions/domain/computeDeadlines';
import { localStackClient, type Caller, type ClockReading, type LocalStackClient } from '../client';
import { demoPlans, type DemoPlan } from './plans';
import { placeTimetable } from './timetable';
import { bodyMeetingDates, demoBodies, demoCalendarFile } from './calendarFile';

export interface LoadedRun {
  plan: DemoPlan;
  runId: string;
  /** False when the run was already there from an earlier load. */
  created: boolean;
  /** The run as `GET /api/runs/{runId}` shows it once loaded. */
  run: any;
}

export interface DemoReport {
  url: string;
  clock: ClockReading;
  today: IsoDate;
  runs: LoadedRun[];
  emails: number;
  /** A dev token of the first plan's clerk, for trying the API. */
  clerkToken: string;
}

const keyOf = (plan: DemoPlan, step: string) => `ratify-demo-${plan.id}-${step}`;

export async function loadDemo(url: string, plans: DemoPlan[] = demoPlans()): Promise<DemoReport> {
  const api = localStackClient(url);
  const clock = await api.clock();
  const today = londonDate(clock.now);
  const runs: LoadedRun[] = [];
  for (const plan of plans) runs.push(await loadPlan(api, plan, today));
  await api.settle();
  for (const loaded of runs) loaded.run = await api.call('GET', `/api/runs/${loaded.runId}`, { as: clerkOf(loaded.plan) });
  return {
    url,
    clock,
    today,
    runs,
    emails: (await api.emails()).length,
    clerkToken: await api.token(clerkOf(plans[0])),
  };
}

function clerkOf(plan: DemoPlan): Caller {
  return { ...plan.clerk, roles: ['clerk'] };
}

async function loadPlan(api: LocalStackClient, plan: DemoPlan, today: IsoDate): Promise<LoadedRun> {
  const clerk = clerkOf(plan);
  const existing = await findRun(api, plan);
  let runId = existing;
  if (!runId) {
    const placed = placeTimetable(plan.stages, today, plan.scene.firstMeetingInDays);
    const meetingIds = await importCalendars(api, plan, placed);
    const body = {
      plan: plan.plan,
      clearDays: plan.clearDays,
      stages: placed.map((stage, i) => ({
        id: stage.id,
        meetingId: meetingIds[i],
        // A plan loaded part-way through its timetable meets sooner than its notice allows: a late item, saying why.
        ...(compareDates(publishBy(stage.meetingDate, plan.clearDays), today) < 0 ? { lateItem: { reason: DEMO_LATE_REASON } } : {}),
      })),
      signoffs: plan.signoffs,
    };
    runId = (await api.call('POST', '/api/runs', { as: clerk, body, idempotencyKey: keyOf(plan, 'start') })).runId as string;
  }
  const path = `/api/runs/${runId}`;

  let run = await api.call('GET', path, { as: clerk });
  for (const area of plan.scene.sign) {
    const signoff = run.signoffs.find((s: any) => s.area === area);
    if (!signoff || signoff.status !== 'requested' || run.status !== 'running') continue;
    const officer: Caller = { ...signoff.officer, roles: ['officer'] };
    run = await api.call('POST', `${path}/signoffs/${signoff.id}`, {
      as: officer,
      body: { result: 'signed' },
      idempotencyKey: keyOf(plan, `signoff-${signoff.id}`),
    });
  }

  for (const decision of plan.scene.decisions) {
    await api.settle();
    run = await api.call('GET', path, { as: clerk });
    const stage = run.stages.find((s: any) => s.id === decision.stage);
    const due = stage && run.status === 'running' && run.currentStage === stage.id && stage.decisions.length === 0;
    if (!due || compareDates(stage.meetingDate, today) > 0) continue;
    await despatchAgenda(api, plan, path, stage, today);
    const body = { outcome: decision.outcome, ...(decision.resolution ? { resolution: decision.resolution } : {}) };
    await api.call('POST', `${path}/stages/${stage.id}/decision`, { as: clerk, body, idempotencyKey: keyOf(plan, `decision-${stage.id}`) });
  }
  return { plan, runId, created: !existing, run };
}

/**
 * The council's bodies set up and each one's iCalendar file imported (as a clerk would, once per body): the
 * calendar meeting of each placed stage, in order.
 */
async function importCalendars(api: LocalStackClient, plan: DemoPlan, placed: Array<{ body: string; meetingDate: IsoDate }>): Promise<string[]> {
  const clerk = clerkOf(plan);
  const bodies = demoBodies(plan);
  for (const body of bodies) {
    await api.call('PUT', `/api/bodies/${body.id}`, { as: clerk, body: { name: body.name, kind: body.kind } });
    const file = demoCalendarFile(plan, body, bodyMeetingDates(body, placed));
    await api.call('POST', `/api/meetings/import?body=${body.id}`, { as: clerk, body: file, headers: { 'content-type': 'text/calendar' } });
  }
  const ids: string[] = [];
  for (const stage of placed) {
    const bodyId = bodies.find((b) => b.name === stage.body)!.id;
    const { meetings } = await api.call('GET', `/api/meetings?body=${bodyId}&from=${stage.meetingDate}&to=${stage.meetingDate}`, { as: clerk });
    ids.push(meetings[0].meetingId);
  }
  return ids;
}

const DEMO_LATE_REASON = 'Loaded by the demo part-way through its timetable';
const DEMO_CHAIR = { name: 'Cllr Demo Chair', role: 'Chairman' };

/**
 * Before a demo decision, what the clerk records first: the agenda's despatch (today), and for a report that went
 * as a late item, the chair's agreement. Each step is taken only if still needed, with its own Idempotency-Key.
 */
async function despatchAgenda(api: LocalStackClient, plan: DemoPlan, path: string, stage: any, today: IsoDate): Promise<void> {
  const clerk = clerkOf(plan);
  let status = stage.publication?.status;
  if (status === 'waiting' || status === 'cleared') {
    // The agenda goes once for the whole meeting (a stage typed by date records its own).
    const despatch = { as: clerk, body: { publishedOn: today }, idempotencyKey: keyOf(plan, `publication-${stage.id}`) };
    if (stage.meetingId) await api.call('POST', `/api/meetings/${stage.meetingId}/publication`, despatch);
    else await api.call('POST', `${path}/stages/${stage.id}/publication`, despatch);
    const run = await api.call('GET', path, { as: clerk });
    status = run.stages.find((s: any) => s.id === stage.id)?.publication?.status;
  }
  if (status === 'late-item' && !stage.lateItem?.agreedBy) {
    await api.call('POST', `${path}/stages/${stage.id}/late-item`, {
      as: clerk,
      body: { reason: stage.lateItem?.reason ?? DEMO_LATE_REASON, agreedBy: DEMO_CHAIR },
      idempotencyKey: keyOf(plan, `late-item-${stage.id}`),
    });
  }
}

/** The run of this plan already in the stack, if any: same title and author. */
async function findRun(api: LocalStackClient, plan: DemoPlan): Promise<string | undefined> {
  const { runs } = await api.call('GET', '/api/runs', { as: clerkOf(plan) });
  const found = (runs as any[]).find(
    (r) => r.plan?.title === plan.plan.title && r.plan?.author?.email?.toLowerCase() === plan.plan.author.email.toLowerCase(),
  );
  return found?.runId;
}
