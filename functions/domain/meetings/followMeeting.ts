/**
 * What a run does when a calendar meeting one of its stages sits at moves or is cancelled (API.md "Calendar"):
 * the stage follows a move (its date, and with it its publication deadline and its sign-offs' due dates), unless
 * the new date would put the run's meetings out of order; a cancellation, or such a move, leaves the stage needing
 * a new meeting. Decided stages and finished runs are left alone. Pure: the e-mails it owes are intents.
 */
import { addCalendarDays, compareDates, type IsoDate } from '../calendar';
import { publishBy, type ClearDays } from '../computeDeadlines';
import type { EmailIntent, StageFacts } from '../emailIntents';
import { isKeyDecisionStage, keyDecisionNoticeProblem, noticePublishedOn } from '../executiveDecisions';
import { movedMeetingProblem } from '../meetingDates';
import { decisionOf, type RunSnapshot, type Stage } from '../runModel';
import type { NextMeetingWindow } from './nextFittingMeeting';

const stageFacts = (stage: Stage): StageFacts => ({ id: stage.id, body: stage.body, meetingDate: stage.meetingDate });

export type MeetingChangeFacts = { kind: 'moved'; to: IsoDate } | { kind: 'cancelled' };

export type StageFollow =
  | { kind: 'move'; stage: Stage; meetingDate: IsoDate; publishBy: IsoDate }
  | { kind: 'lose'; stage: Stage; why: LostMeetingWhy; movedTo: IsoDate | null };

/** Why a stage cannot stay at its calendar meeting (its `meetingStatus` from then on). */
export type LostMeetingWhy = 'cancelled' | 'out-of-order' | 'key-decision-notice';

/** Whether the stage can still be moved: the run is running and the stage has not decided. */
function stillAhead(snapshot: RunSnapshot, stage: Stage): boolean {
  const { meta } = snapshot;
  if (meta.status !== 'running') return false;
  if (stage.index < meta.cursor.index) return false;
  return !(stage.index === meta.cursor.index && decisionOf(snapshot, stage.index, meta.cursor.round));
}

/** What each of the run's stages at `meetingId` must do; empty when nothing changes for this run. */
export function followMeetingChange(snapshot: RunSnapshot, meetingId: string, change: MeetingChangeFacts, today: IsoDate): StageFollow[] {
  const out: StageFollow[] = [];
  for (const stage of snapshot.stages) {
    if (stage.meetingId !== meetingId || !stillAhead(snapshot, stage)) continue;
    if (change.kind === 'cancelled') {
      if (stage.meetingStatus !== 'cancelled') out.push({ kind: 'lose', stage, why: 'cancelled', movedTo: null });
      continue;
    }
    if (movedMeetingProblem(snapshot, stage, change.to, today)) {
      if (stage.meetingStatus !== 'out-of-order') out.push({ kind: 'lose', stage, why: 'out-of-order', movedTo: change.to });
      continue;
    }
    // Moved too soon for a key decision's notice (and no urgency recorded covers it): the clerk chooses a later
    // meeting, or puts the stage at this one again with the general exception or special urgency.
    if (isKeyDecisionStage(snapshot.meta.plan, stage) && keyDecisionNoticeProblem(change.to, noticePublishedOn(snapshot.meta), stage.urgency ?? undefined)) {
      if (stage.meetingStatus !== 'key-decision-notice') out.push({ kind: 'lose', stage, why: 'key-decision-notice', movedTo: change.to });
      continue;
    }
    if (stage.meetingDate !== change.to || (stage.meetingStatus ?? 'scheduled') !== 'scheduled') {
      out.push({ kind: 'move', stage, meetingDate: change.to, publishBy: publishBy(change.to, snapshot.meta.clearDays) });
    }
  }
  return out;
}

/**
 * Whether a stage, as the calendar index lists it at a meeting, already shows the meeting as it is: at its date
 * and held by it when scheduled, marked cancelled when cancelled. Only a stage that does not may still have to
 * follow (a decided or out-of-order stage keeps another date and is looked at again, which changes nothing).
 */
export function stageInLine(meeting: { date: IsoDate; status: 'scheduled' | 'cancelled' }, stage: { meetingDate: IsoDate; meetingStatus: string | null }): boolean {
  if (meeting.status === 'cancelled') return stage.meetingStatus === 'cancelled';
  return stage.meetingDate === meeting.date && (stage.meetingStatus ?? 'scheduled') === 'scheduled';
}

/** Where the replacement for a stage's meeting must fall: after the previous stage's, not after the next one's. */
export function replacementWindow(snapshot: RunSnapshot, stage: Stage, today: IsoDate): NextMeetingWindow & { clearDays: ClearDays } {
  const previous = snapshot.stages[stage.index - 1];
  const next = snapshot.stages[stage.index + 1];
  const after = previous && compareDates(previous.meetingDate, today) >= 0 ? previous.meetingDate : addCalendarDays(today, -1);
  const before = next && compareDates(next.meetingDate, today) > 0 ? next.meetingDate : undefined;
  return { after, ...(before ? { before } : {}), today, clearDays: snapshot.meta.clearDays };
}

/**
 * The one e-mail a followed move owes the run: to the author, the clerk who started it and every officer whose
 * due date changed, with the new dates. `before` is the run as it was, `after` once the move has settled.
 */
export function meetingMovedEmail(before: RunSnapshot, after: RunSnapshot, stageId: string, meetingId: string): EmailIntent | undefined {
  const was = before.stages.find((s) => s.id === stageId);
  const now = after.stages.find((s) => s.id === stageId);
  if (!was || !now || was.meetingDate === now.meetingDate) return undefined;
  const oldDue = new Map(before.signoffs.map((so) => [so.id, so.dueBy]));
  const changed = after.signoffs
    .filter((so) => oldDue.has(so.id) && oldDue.get(so.id) !== so.dueBy)
    .map((so) => ({ area: so.area, officer: so.officer, dueBy: so.dueBy, was: oldDue.get(so.id)! }));
  const to = [...new Set([after.meta.plan.author.email, after.meta.startedBy.email, ...changed.map((c) => c.officer.email)].map((e) => e.toLowerCase()))];
  return {
    reason: `meeting-moved#${meetingId}#${stageId}#${was.meetingDate}#${now.meetingDate}`,
    to,
    cc: [],
    message: { kind: 'meeting-moved', planTitle: after.meta.plan.title, stage: stageFacts(now), from: was.meetingDate, publishBy: now.publishBy, signoffs: changed },
  };
}

/** To the clerk who started the run: the stage lost its meeting; the body's next one that fits, if any. */
export function meetingNeededEmail(
  snapshot: RunSnapshot,
  lost: Extract<StageFollow, { kind: 'lose' }>,
  meetingId: string,
  proposal: { meetingId: string; date: IsoDate; publishBy: IsoDate } | null,
): EmailIntent {
  return {
    reason: `meeting-needed#${meetingId}#${lost.stage.id}#${lost.why}#${lost.movedTo ?? lost.stage.meetingDate}`,
    to: [snapshot.meta.startedBy.email.toLowerCase()],
    cc: [],
    message: { kind: 'meeting-needed', planTitle: snapshot.meta.plan.title, stage: stageFacts(lost.stage), why: lost.why, movedTo: lost.movedTo, proposal },
  };
}
