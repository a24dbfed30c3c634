/**
 * Where a run stands, derived from its items and the clock: which wait of the state machine it is in, whether
 * the current stage's report is cleared, published, or needs a new meeting date.
 */
import { addCalendarDays, startOfLondonDay } from './calendar';
import { currentStageOf, decisionOf, type RunSnapshot, type RunState, type Signoff, type Stage } from './runModel';

export const phases = [
  'AwaitSignoffs',
  'AwaitPublication',
  'AwaitMeeting',
  'AwaitDecision',
  'AwaitRevision',
  'AwaitDelegatedSignoff',
  'AwaitSchedule',
  'Finished',
] as const;
export type Phase = (typeof phases)[number];

export function stageIndexOf(snapshot: RunSnapshot, stageId: string): number {
  return snapshot.stages.findIndex((s) => s.id === stageId);
}

/** Sign-offs that must be given before `stage`'s report can be published (delegations come after meetings). */
export function gatingSignoffs(snapshot: RunSnapshot, stage: Stage): Signoff[] {
  return snapshot.signoffs.filter((so) => !so.delegation && stageIndexOf(snapshot, so.dueFor) <= stage.index);
}

export function isCleared(snapshot: RunSnapshot, stage: Stage): boolean {
  return gatingSignoffs(snapshot, stage).every((so) => so.status === 'signed');
}

/** Published for the meeting as it is now scheduled: recorded, never assumed. */
export function isPublished(stage: Stage): boolean {
  return !!stage.publishedAt && stage.publishedFor === stage.meetingDate;
}

/** Where a stage's report stands for its meeting as now scheduled (`publication.status` of the API). */
export type PublicationStatus = 'waiting' | 'cleared' | 'published' | 'late-item';

export function lateItemOf(stage: Stage) {
  return stage.lateItem && stage.lateItem.meetingDate === stage.meetingDate ? stage.lateItem : undefined;
}

export function publicationStatusOf(snapshot: RunSnapshot, stage: Stage): PublicationStatus {
  if (isPublished(stage)) return 'published';
  if (stage.agendaFor === stage.meetingDate || lateItemOf(stage)) return 'late-item';
  return isCleared(snapshot, stage) ? 'cleared' : 'waiting';
}

/** A late item the chair has agreed to take: it goes to the meeting as if published. */
export function isAgreedLateItem(stage: Stage): boolean {
  return !!lateItemOf(stage)?.agreedBy;
}

/**
 * The current stage's meeting has been held and its decision is not recorded: the stages after it cannot be
 * reached yet, so nothing of theirs is missed or late; the missing decision is.
 */
export function decisionOverdue(snapshot: RunSnapshot, now: Date): boolean {
  const { meta } = snapshot;
  if (meta.status !== 'running' || meta.awaitingRevision) return false;
  const stage = currentStageOf(snapshot);
  // From the day after the meeting (when the clerk is asked to record it): on the day itself it is not late.
  return now.getTime() >= dayAfterStart(stage.meetingDate).getTime() && !decisionOf(snapshot, stage.index, meta.cursor.round) && !needsNewDate(snapshot, stage);
}

/** Stages whose calendar meeting was cancelled or moved where the stage cannot be taken: they need a new one. */
export function needsNewMeeting(stage: Stage): boolean {
  return !!stage.meetingStatus && stage.meetingStatus !== 'scheduled';
}

/**
 * Stages whose reports are still to be published for their meeting: the current one and those after it. Later
 * stages publish on their own deadlines (a cabinet agenda goes out before scrutiny has met), but not while the
 * run waits for a revision, nor for a stage that needs a new date.
 */
export function stagesAwaitingPublication(snapshot: RunSnapshot, now: Date): Stage[] {
  const { meta } = snapshot;
  if (meta.status !== 'running' || meta.awaitingRevision || decisionOverdue(snapshot, now)) return [];
  return snapshot.stages.filter(
    (s) =>
      s.index >= meta.cursor.index &&
      !isPublished(s) &&
      !isAgreedLateItem(s) &&
      !meetingStarted(s, now) &&
      !needsNewDate(snapshot, s) &&
      !needsNewMeeting(s),
  );
}

/**
 * A stage revisited after a referral back still carries the date of the meeting that already decided on it:
 * it needs a new meeting date before anything else can happen.
 */
export function needsNewDate(snapshot: RunSnapshot, stage: Stage): boolean {
  return snapshot.decisions.some(
    (d) =>
      d.stageIndex === stage.index &&
      d.round < snapshot.meta.cursor.round &&
      d.outcome !== 'deferred' &&
      d.meetingDate === stage.meetingDate,
  );
}

/** A meeting has started from 00:00 London on its date. */
export function meetingStarted(stage: Stage, now: Date): boolean {
  return now.getTime() >= startOfLondonDay(stage.meetingDate).getTime();
}

export function dayStart(date: string): Date {
  return startOfLondonDay(date);
}

export function dayAfterStart(date: string): Date {
  return startOfLondonDay(addCalendarDays(date, 1));
}

export function phaseOf(snapshot: RunSnapshot, now: Date): Phase {
  const { meta } = snapshot;
  if (meta.status !== 'running') return 'Finished';
  if (meta.awaitingRevision) return 'AwaitRevision';
  const stage = currentStageOf(snapshot);
  const decision = decisionOf(snapshot, stage.index, meta.cursor.round);
  if (decision) return decision.outcome === 'delegated' ? 'AwaitDelegatedSignoff' : 'AwaitDecision';
  if (needsNewDate(snapshot, stage)) return 'AwaitSchedule';
  if (meetingStarted(stage, now)) return 'AwaitDecision';
  if (isPublished(stage) || isAgreedLateItem(stage)) return 'AwaitMeeting';
  if (isCleared(snapshot, stage)) return 'AwaitPublication';
  return 'AwaitSignoffs';
}

export function runStateOf(snapshot: RunSnapshot, now: Date): RunState {
  return {
    status: snapshot.meta.status,
    currentStage: currentStageOf(snapshot).id,
    phase: phaseOf(snapshot, now),
  };
}

/** How long the execution waits before it tries a failing run again (~8 tries a day, far below 25,000 events a year). */
export const RETRY_AFTER_FAILURE_SECONDS = 3 * 60 * 60;
