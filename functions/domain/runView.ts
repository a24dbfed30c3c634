/**
 * The run as the API shows it (docs/API.md `GET /api/runs/{runId}`), and the shorter summary of run lists.
 * Stage statuses are derived from the run and the clock, so they can never disagree with what the run does.
 */
import { keyDecisionNoticeBy } from './computeDeadlines';
import { decisionKey, decisionOf, decisionRefOf, type Decision, type RunSnapshot, type Stage } from './runModel';
import { nextWake } from './planRun';
import { callInOf } from './executiveDecisions';
import { isPublished, lateItemOf, phaseOf, publicationStatusOf, type Phase } from './runPhase';

export type StageStatus =
  | 'pending'
  | 'awaiting-signoffs'
  | 'awaiting-publication'
  | 'published'
  | 'late-item-agreed'
  | 'awaiting-decision'
  | 'awaiting-delegate'
  | 'awaiting-revision'
  | 'awaiting-date'
  | 'decided'
  | 'stopped';

const statusOfPhase: Record<Phase, StageStatus> = {
  AwaitSignoffs: 'awaiting-signoffs',
  AwaitPublication: 'awaiting-publication',
  AwaitMeeting: 'published',
  AwaitDecision: 'awaiting-decision',
  AwaitDelegatedSignoff: 'awaiting-delegate',
  AwaitRevision: 'awaiting-revision',
  AwaitSchedule: 'awaiting-date',
  Finished: 'decided',
};

function stageStatus(snapshot: RunSnapshot, stage: Stage, phase: Phase): StageStatus {
  const { meta } = snapshot;
  const cursor = meta.cursor.index;
  if (stage.index < cursor) return 'decided';
  if (stage.index > cursor) return 'pending';
  if (meta.status === 'withdrawn') return 'stopped';
  if (phase === 'AwaitDecision' && decisionOf(snapshot, stage.index, meta.cursor.round)) {
    return 'decided';
  }
  // Waiting for its meeting without a recorded publication: an agreed late item, never called "published".
  if (phase === 'AwaitMeeting' && !isPublished(stage)) return 'late-item-agreed';
  return statusOfPhase[phase];
}

/** Nothing is "published" that was not recorded: the despatch shown is the one for the meeting as now scheduled. */
function publicationView(snapshot: RunSnapshot, stage: Stage) {
  const current = stage.agendaFor === stage.meetingDate;
  return {
    status: publicationStatusOf(snapshot, stage),
    publishedOn: current ? (stage.publishedOn ?? null) : null,
    agendaUrl: current ? (stage.agendaUrl ?? null) : null,
  };
}

function decisionView(d: Decision) {
  return {
    outcome: d.outcome,
    resolution: d.resolution ?? null,
    meetingDate: d.meetingDate,
    deferTo: d.deferTo ?? null,
    referBackTo: d.referBackTo ?? null,
    delegateTo: d.delegateTo ?? null,
    decidedBy: d.decidedBy,
    decidedAt: d.decidedAt,
    ref: decisionKey(d),
    /** The decision notice's reference: `/runs/{runId}/decisions/{noticeRef}`. */
    noticeRef: decisionRefOf(d),
    alternatives: d.alternatives ?? null,
    /** A final executive decision: the last day it can be called in (it takes effect the day after); else null. */
    callInEndsOn: d.callInEndsOn ?? null,
    calledIn: d.calledIn ?? null,
    referTo: d.referTo ?? null,
  };
}

export function runView(snapshot: RunSnapshot, now: Date) {
  const { meta } = snapshot;
  const phase = phaseOf(snapshot, now);
  const wake = nextWake(snapshot, now, phase);
  const callIn = callInOf(snapshot, now);
  return {
    runId: meta.runId,
    plan: meta.plan,
    clearDays: meta.clearDays,
    route: meta.route ?? null,
    status: meta.status,
    currentStage: snapshot.stages[meta.cursor.index]?.id ?? null,
    phase,
    nextDeadline: wake ? wake.toISOString() : null,
    startedBy: meta.startedBy,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt ?? null,
    withdrawal: meta.withdrawal ?? null,
    /**
     * A final executive decision's call-in period (docs/API.md): `{endsOn, status: open|called-in|ended}`, the run's
     * latest decision that had one; null when none has.
     */
    callIn: callIn ? { endsOn: callIn.endsOn, status: callIn.status } : null,
    /** Not null while the workflow keeps failing: timed work (reminders, escalations, publication) waits for it. */
    workflowFailure: meta.workflowFailure ?? null,
    /**
     * E-mails not known to have gone: `claimed` or `retry` (not sent yet; Ratify sends them at the next sweep),
     * `sending` (SES is being called), `unknown` (may not have gone, and is never sent again: a person should check).
     * Each carries its `note` (why it is `unknown`).
     */
    emailsInDoubt: (snapshot.emailGuards ?? [])
      .filter((g) => g.state === 'claimed' || g.state === 'sending' || g.state === 'retry' || g.state === 'unknown')
      .map((g) => ({ reason: g.reason, state: g.state, to: g.to, cc: g.cc, subject: g.subject, at: g.at, note: g.state === 'unknown' ? (g.error ?? null) : null })),
    stages: snapshot.stages.map((stage) => ({
      id: stage.id,
      body: stage.body,
      kind: stage.kind,
      meetingDate: stage.meetingDate,
      publishBy: stage.publishBy,
      status: stageStatus(snapshot, stage, phase),
      publishedAt: stage.publishedAt ?? null,
      publication: publicationView(snapshot, stage),
      lateItem: lateItemOf(stage) ?? null,
      meetingId: stage.meetingId ?? null,
      meetingStatus: stage.meetingId ? (stage.meetingStatus ?? 'scheduled') : null,
      ...(meta.plan.keyDecision && stage.kind === 'executive' ? { keyDecisionNoticeBy: keyDecisionNoticeBy(stage.meetingDate) } : {}),
      urgency: stage.urgency ?? null,
      addedBy: stage.addedBy ?? null,
      decisions: snapshot.decisions.filter((d) => d.stageIndex === stage.index).sort((a, b) => a.round - b.round).map(decisionView),
    })),
    signoffs: snapshot.signoffs.map((so) => ({
      id: so.id,
      area: so.area,
      officer: so.officer,
      requiredBefore: so.requiredBefore,
      status: so.status,
      dueBy: so.dueBy,
      signedAt: so.signedAt ?? null,
      comment: so.comment ?? null,
      answeredAt: so.answeredAt ?? null,
      answeredBy: so.answeredBy ?? null,
      answeredAs: so.answeredAs ?? null,
      requestedAt: so.requestedAt,
      round: so.round,
      ...(so.dueFor !== so.requiredBefore ? { dueFor: so.dueFor } : {}),
      ...(so.delegation ? { delegatedBy: so.delegation.stageId } : {}),
    })),
    revisions: [...snapshot.revisions].sort((a, b) => a.n - b.n).map((r) => ({
      n: r.n,
      kind: r.kind,
      summary: r.summary,
      invalidates: r.invalidates,
      by: r.by,
      at: r.at,
    })),
    events: snapshot.events,
  };
}
export type RunView = ReturnType<typeof runView>;

/** A run in a list: enough for a dashboard row. */
export function runSummary(snapshot: RunSnapshot, now: Date) {
  const view = runView(snapshot, now);
  const current = view.stages.find((s) => s.id === view.currentStage);
  return {
    runId: view.runId,
    plan: view.plan,
    status: view.status,
    currentStage: view.currentStage,
    phase: view.phase,
    nextDeadline: view.nextDeadline,
    startedAt: view.startedAt,
    finishedAt: view.finishedAt,
    callIn: view.callIn,
    current: current ? { body: current.body, meetingDate: current.meetingDate, publishBy: current.publishBy, status: current.status } : null,
    stages: view.stages.map(({ decisions: _d, ...s }) => s),
    signoffs: view.signoffs.map((so) => ({ id: so.id, area: so.area, officer: so.officer, status: so.status, dueBy: so.dueBy })),
  };
}
