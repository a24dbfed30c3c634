/**
 * The forward plan (2012 Executive Arrangements Regulations, reg. 9): the public notice of every key decision not
 * yet taken, with who takes it, when, since when it has been on the plan and any urgency it is taken under
 * (docs/API.md "Executive decisions: forward plan and call-in"). Ratify publishes the notice when a key-decision
 * run starts and keeps the entry until the executive decides; a decision referred back after a call-in is on it
 * again until it is taken anew. Exempt (and confidential) reports show their title only: no contact, no reason.
 * Pure: the runs and the clock in, the entries (and their iCalendar events) out.
 */
import { compareDates, type IsoDate } from './calendar';
import type { FeedEvent } from './meetings/icsFeed';
import { longDate } from './emails/dates';
import { noticePublishedOn } from './executiveDecisions';
import { decisionOf, type RunSnapshot, type Stage } from './runModel';
import { meetingStarted, needsNewDate, needsNewMeeting } from './runPhase';

/**
 * Where an entry stands: `scheduled` (the meeting ahead), `deferred` (the executive put it off to the date shown),
 * `decision-due` (the meeting has been held, the decision is not recorded yet), `to-be-rescheduled` (the meeting
 * was cancelled, or the decision returns to the executive and a new meeting is to be set).
 */
export type ForwardPlanStatus = 'scheduled' | 'deferred' | 'decision-due' | 'to-be-rescheduled';

export interface ForwardPlanEntry {
  runId: string;
  title: string;
  /** The body that takes the decision (Cabinet). */
  decisionMaker: string;
  decisionDate: IsoDate;
  noticePublishedOn: IsoDate;
  status: ForwardPlanStatus;
  /** The general exception or special urgency it is taken under; for exempt reports without the reason. */
  urgency:
    | { kind: 'general-exception'; scrutinyChairInformedOn: IsoDate; reason: string | null }
    | { kind: 'special-urgency'; agreedBy: { name: string; role: string }; agreedOn: IsoDate; reason: string | null }
    | null;
  exempt: boolean;
  stageId: string;
  /** The report's author, to ask about it (null for an exempt report). */
  contact: { name: string; email: string } | null;
}

/** The executive stage whose key decision is still to be taken, or undefined (taken, or not a key decision). */
export function pendingKeyDecision(snapshot: RunSnapshot): Stage | undefined {
  const { meta } = snapshot;
  if (meta.status !== 'running' || !meta.plan.keyDecision) return undefined;
  const stage = snapshot.stages.find((s) => s.kind === 'executive' && s.index >= meta.cursor.index);
  if (!stage) return undefined;
  // At the executive stage, a decision recorded for the present round is taken (in its call-in period or not).
  if (stage.index === meta.cursor.index && decisionOf(snapshot, stage.index, meta.cursor.round)) return undefined;
  return stage;
}

function statusOf(snapshot: RunSnapshot, stage: Stage, now: Date): ForwardPlanStatus {
  if (needsNewMeeting(stage) || (stage.index === snapshot.meta.cursor.index && needsNewDate(snapshot, stage))) return 'to-be-rescheduled';
  if (meetingStarted(stage, now)) return 'decision-due';
  const deferred = snapshot.decisions.some((d) => d.stageIndex === stage.index && d.outcome === 'deferred' && d.deferTo === stage.meetingDate);
  return deferred ? 'deferred' : 'scheduled';
}

/** The run's entry on the forward plan, or undefined when it has none (not a key decision, or taken). */
export function forwardPlanEntry(snapshot: RunSnapshot, now: Date): ForwardPlanEntry | undefined {
  const stage = pendingKeyDecision(snapshot);
  if (!stage) return undefined;
  const { meta } = snapshot;
  const exempt = meta.plan.classification !== 'public';
  const u = stage.urgency;
  const reason = exempt ? null : (u?.reason ?? null);
  return {
    runId: meta.runId,
    title: meta.plan.title,
    decisionMaker: stage.body,
    decisionDate: stage.meetingDate,
    noticePublishedOn: noticePublishedOn(meta),
    status: statusOf(snapshot, stage, now),
    urgency: !u
      ? null
      : u.kind === 'general-exception'
        ? { kind: u.kind, scrutinyChairInformedOn: u.scrutinyChairInformedOn, reason }
        : { kind: u.kind, agreedBy: u.agreedBy, agreedOn: u.agreedOn, reason },
    exempt,
    stageId: stage.id,
    contact: exempt ? null : { name: meta.plan.author.name, email: meta.plan.author.email },
  };
}

/** Every entry of these runs, soonest decision first (then by title). */
export function forwardPlan(runs: RunSnapshot[], now: Date): ForwardPlanEntry[] {
  return runs
    .map((run) => forwardPlanEntry(run, now))
    .filter((e): e is ForwardPlanEntry => !!e)
    .sort((a, b) => compareDates(a.decisionDate, b.decisionDate) || a.title.localeCompare(b.title) || a.runId.localeCompare(b.runId));
}

/** An urgency in the forward plan's words. */
export function urgencyText(u: ForwardPlanEntry['urgency']): string | null {
  if (!u) return null;
  return u.kind === 'general-exception'
    ? `General exception: the chair of overview and scrutiny was informed on ${longDate(u.scrutinyChairInformedOn)}`
    : `Special urgency: agreed by ${u.agreedBy.name} (${u.agreedBy.role}) on ${longDate(u.agreedOn)}; it cannot be called in`;
}

export const forwardPlanStatusText: Record<ForwardPlanStatus, string> = {
  scheduled: 'Scheduled',
  deferred: 'Deferred',
  'decision-due': 'Decision due',
  'to-be-rescheduled': 'To be rescheduled',
};

/** The forward plan as iCalendar events: one all-day event per key decision on its date (stable UIDs). */
export function forwardPlanFeedEvents(entries: ForwardPlanEntry[], options: { url?: string } = {}): FeedEvent[] {
  return entries.map((e) => ({
    uid: `forward-plan.${e.runId}.${e.stageId}@ratify`,
    date: e.decisionDate,
    title: `Key decision: ${e.title} (${e.decisionMaker})`,
    description: [
      `Key decision of the ${e.decisionMaker} on ${longDate(e.decisionDate)}, on the forward plan since ${longDate(e.noticePublishedOn)} (${forwardPlanStatusText[e.status].toLowerCase()}).`,
      ...(e.urgency ? [urgencyText(e.urgency)!] : []),
      ...(e.urgency?.reason ? [`Why: ${e.urgency.reason}`] : []),
      ...(e.contact ? [`Contact: ${e.contact.name} (${e.contact.email})`] : []),
    ].join('\n'),
    ...(options.url ? { url: options.url } : {}),
  }));
}

/** An entry as the public page shows it, in words. */
export interface ForwardPlanRow {
  runId: string;
  title: string;
  decisionMaker: string;
  decisionDate: string;
  noticePublishedOn: string;
  status: { text: string; classes: string };
  urgency: string | null;
  reason: string | null;
  contact: string | null;
  exempt: boolean;
}

const statusClasses: Record<ForwardPlanStatus, string> = {
  scheduled: 'govuk-tag--blue',
  deferred: 'govuk-tag--yellow',
  'decision-due': 'govuk-tag--purple',
  'to-be-rescheduled': 'govuk-tag--orange',
};

/** The page's rows (`/forward-plan`): dates as councils write them, the status as a GOV.UK tag. */
export function forwardPlanRows(entries: ForwardPlanEntry[]): ForwardPlanRow[] {
  return entries.map((e) => ({
    runId: e.runId,
    title: e.title,
    decisionMaker: e.decisionMaker,
    decisionDate: longDate(e.decisionDate),
    noticePublishedOn: longDate(e.noticePublishedOn),
    status: { text: forwardPlanStatusText[e.status], classes: statusClasses[e.status] },
    urgency: urgencyText(e.urgency),
    reason: e.urgency?.reason ?? null,
    contact: e.contact ? `${e.contact.name} (${e.contact.email})` : null,
    exempt: e.exempt,
  }));
}
