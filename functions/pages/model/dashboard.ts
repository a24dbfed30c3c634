/**
 * The portfolio dashboard (`/`): counts at the top, every plan in flight with its current stage, next meeting,
 * next deadline and on track / at risk / late, optionally filtered by that status; finished runs apart.
 */
import { compareDates } from '../../domain/calendar';
import type { RunSnapshot, RunStatus } from '../../domain/runModel';
import { runView } from '../../domain/runView';
import { longDate, longDateTime, needsAttentionTag, riskTag, runStatusTag, stageStatusTag, type Tag } from './format';
import { runHref } from './links';
import { assessRun, riskStatuses, type RiskStatus } from '../../domain/runRisk';

export type DashboardFilter = RiskStatus | 'all';

export function parseFilter(value: string | undefined): DashboardFilter {
  return (riskStatuses as readonly string[]).includes(value ?? '') ? (value as RiskStatus) : 'all';
}

export interface InFlightRow {
  runId: string;
  href: string;
  title: string;
  stage: { body: string; tag: Tag } | null;
  nextMeeting: { date: string; text: string; body: string } | null;
  nextDeadline: { date: string; text: string; what: string; missed: boolean } | null;
  risk: RiskStatus;
  tag: Tag;
  /** A second tag when the run's workflow keeps failing: the clerk should look. */
  attention: Tag | null;
  /** A final executive decision in its call-in period (or called in): a tag and when it ends. */
  callIn: { tag: Tag; text: string } | null;
  reasons: string[];
}

export interface FinishedRow {
  runId: string;
  href: string;
  title: string;
  status: RunStatus;
  tag: Tag;
  finished: string;
  lastStage: string;
}

export interface DashboardModel {
  filter: DashboardFilter;
  counts: { inFlight: number; 'on-track': number; 'at-risk': number; late: number; finished: number };
  inFlight: InFlightRow[];
  finished: FinishedRow[];
}

function inFlightRow(snapshot: RunSnapshot, now: Date): InFlightRow {
  const view = runView(snapshot, now);
  const current = view.stages.find((s) => s.id === view.currentStage);
  const risk = assessRun(snapshot, now);
  return {
    runId: view.runId,
    href: runHref(view.runId),
    title: view.plan.title,
    stage: current ? { body: current.body, tag: stageStatusTag[current.status] } : null,
    nextMeeting: risk.nextMeeting ? { ...risk.nextMeeting, text: longDate(risk.nextMeeting.date) } : null,
    nextDeadline: risk.nextDeadline
      ? { date: risk.nextDeadline.date, text: longDate(risk.nextDeadline.date), what: risk.nextDeadline.what, missed: risk.nextDeadline.missed }
      : null,
    risk: risk.status,
    tag: riskTag[risk.status],
    attention: risk.needsAttention ? needsAttentionTag : null,
    callIn: callInRow(view.callIn),
    reasons: risk.reasons,
  };
}

function callInRow(callIn: { endsOn: string; status: 'open' | 'called-in' | 'ended' } | null): InFlightRow['callIn'] {
  if (!callIn || callIn.status === 'ended') return null;
  return callIn.status === 'open'
    ? { tag: { text: 'Call-in period', classes: 'govuk-tag--purple' }, text: `Can be called in until ${longDate(callIn.endsOn)}` }
    : { tag: { text: 'Called in', classes: 'govuk-tag--pink' }, text: 'Called in to overview and scrutiny' };
}

function finishedRow(snapshot: RunSnapshot): FinishedRow {
  const { meta } = snapshot;
  const last = snapshot.stages[meta.cursor.index] ?? snapshot.stages[snapshot.stages.length - 1];
  return {
    runId: meta.runId,
    href: runHref(meta.runId),
    title: meta.plan.title,
    status: meta.status,
    tag: runStatusTag[meta.status],
    finished: meta.finishedAt ? longDateTime(meta.finishedAt) : '',
    lastStage: last?.body ?? '',
  };
}

const riskOrder: Record<RiskStatus, number> = { late: 0, 'at-risk': 1, 'on-track': 2 };

/** Failing workflows first, then worst, then soonest deadline, then title. */
function byUrgency(a: InFlightRow, b: InFlightRow): number {
  return (
    Number(!!b.attention) - Number(!!a.attention) ||
    riskOrder[a.risk] - riskOrder[b.risk] ||
    compareDates(a.nextDeadline?.date ?? '9999-12-31', b.nextDeadline?.date ?? '9999-12-31') ||
    a.title.localeCompare(b.title)
  );
}

export function dashboardModel(snapshots: RunSnapshot[], now: Date, filter: DashboardFilter): DashboardModel {
  const inFlight = snapshots.filter((s) => s.meta.status === 'running').map((s) => inFlightRow(s, now)).sort(byUrgency);
  const finished = snapshots
    .filter((s) => s.meta.status !== 'running')
    .sort((a, b) => (b.meta.finishedAt ?? '').localeCompare(a.meta.finishedAt ?? ''))
    .map(finishedRow);
  const count = (risk: RiskStatus) => inFlight.filter((r) => r.risk === risk).length;
  return {
    filter,
    counts: { inFlight: inFlight.length, 'on-track': count('on-track'), 'at-risk': count('at-risk'), late: count('late'), finished: finished.length },
    inFlight: filter === 'all' ? inFlight : inFlight.filter((r) => r.risk === filter),
    finished,
  };
}
