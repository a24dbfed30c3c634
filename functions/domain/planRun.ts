/**
 * The run planner: given every item of a run and the time, what must change now, which e-mails are owed, which
 * wait the state machine goes into and when it must look again. All approval rules live here and in the
 * sibling modules it calls; it does no I/O, so the same answer comes out however often it is asked.
 *
 * Applying a plan: make its `changes` (in order, each a conditional single-item write), load the run again and
 * plan again until there are no changes; then send the `emails` and wait in `phase` until `wakeAt`.
 */
import { addCalendarDays, compareDates, londonDate, startOfLondonDay } from './calendar';
import { delegatedSignoffDueBy, keyDecisionNoticeBy, keyDecisionReminderDate, signoffAskedAgainDueBy, signoffDueBy } from './computeDeadlines';
import { decisionConsequences } from './decisionRules';
import type { EmailIntent } from './emailIntents';
import { openCallIn } from './executiveDecisions';
import { keyDecisionStage, planEmails, signoffTimers } from './planEmails';
import type { Change } from './runChanges';
import { currentStageOf, decisionOf, stageById, type RunSnapshot, type RunState, type Signoff } from './runModel';
import { phaseOf, runStateOf, stageIndexOf, stagesAwaitingPublication, type Phase } from './runPhase';

export interface RunPlan {
  changes: Change[];
  /** Only once the run is settled (no changes left). */
  emails: EmailIntent[];
  phase: Phase;
  /** The next instant something falls due; null when only people can move the run on. */
  wakeAt: Date | null;
  state: RunState;
}

export function planRun(snapshot: RunSnapshot, now: Date): RunPlan {
  const state = runStateOf(snapshot, now);
  const changes = planChanges(snapshot, now);
  if (changes.length) return { changes, emails: [], phase: state.phase as Phase, wakeAt: null, state };
  const phase = state.phase as Phase;
  return { changes, emails: planEmails(snapshot, now, phase), phase, wakeAt: nextWake(snapshot, now, phase), state };
}

export function planChanges(snapshot: RunSnapshot, now: Date): Change[] {
  const { meta } = snapshot;
  if (meta.status !== 'running') return [];

  const dueDates = dueDateChanges(snapshot);
  if (dueDates.length) return dueDates;

  const revision = revisionChanges(snapshot, now);
  if (revision.length) return revision;
  if (meta.awaitingRevision) return [];

  const stage = currentStageOf(snapshot);
  const decision = decisionOf(snapshot, stage.index, meta.cursor.round);
  if (decision) return decisionConsequences(snapshot, decision, now);

  // Publication is recorded by the clerk (the agenda's despatch), never assumed: nothing more to change here.
  return [];
}

/** A sign-off's due date follows the publication deadline of the stage it gates (delegations keep theirs). */
function dueDateChanges(snapshot: RunSnapshot): Change[] {
  const changes: Change[] = [];
  for (const so of snapshot.signoffs) {
    if (so.delegation) continue;
    const stage = stageById(snapshot, so.dueFor);
    if (!stage) continue;
    const dueBy = dueByFor(so, stage.publishBy);
    if (dueBy !== so.dueBy) {
      changes.push({ kind: 'setSignoffDue', signoffId: so.id, round: so.round, status: so.status, dueBy, what: `${so.area} sign-off now due by ${dueBy}` });
    }
  }
  return changes;
}

/** When a sign-off is due for a publication deadline: asked again, never before the day it was asked. */
function dueByFor(so: Signoff, publishBy: string): string {
  return so.round > 1 ? signoffAskedAgainDueBy(publishBy, londonDate(new Date(so.requestedAt))) : signoffDueBy(publishBy);
}

/** Sign-offs a revision asks again: the ones it names, or all but finished delegations. Amendments name none. */
function invalidatedBy(snapshot: RunSnapshot, invalidates: string[] | null): Signoff[] {
  if (invalidates) return snapshot.signoffs.filter((so) => invalidates.includes(so.id));
  return snapshot.signoffs.filter((so) => !(so.delegation && so.status === 'signed'));
}

/** The oldest revision not yet applied: ask its sign-offs again, then mark it applied (ending a referral's wait). */
function revisionChanges(snapshot: RunSnapshot, now: Date): Change[] {
  const { meta } = snapshot;
  const revision = snapshot.revisions.filter((r) => r.n > meta.revisionsApplied).sort((a, b) => a.n - b.n)[0];
  if (!revision) return [];
  const at = now.toISOString();
  const today = londonDate(now);
  const changes: Change[] = [];
  for (const so of invalidatedBy(snapshot, revision.invalidates)) {
    if (so.revision >= revision.n) continue;
    let dueFor = so.dueFor;
    let dueBy: string;
    if (so.delegation) {
      dueBy = delegatedSignoffDueBy(today);
    } else {
      // A sign-off for a stage already passed now gates the stage the run is at.
      const index = Math.max(stageIndexOf(snapshot, so.requiredBefore), meta.cursor.index);
      const stage = snapshot.stages[index];
      dueFor = stage.id;
      dueBy = signoffAskedAgainDueBy(stage.publishBy, today);
    }
    changes.push({
      kind: 'askSignoffAgain',
      signoffId: so.id,
      officerEmail: so.officer.email,
      fromRound: so.round,
      revision: revision.n,
      dueFor,
      dueBy,
      at,
      what: `${so.area} sign-off asked again of ${so.officer.name} after revision ${revision.n}, due by ${dueBy}`,
    });
  }
  if (changes.length) return changes;
  return [
    {
      kind: 'markRevisionsApplied',
      from: meta.revisionsApplied,
      to: revision.n,
      clearAwaiting: meta.awaitingRevision && revision.kind === 'revision',
      what:
        meta.awaitingRevision && revision.kind === 'revision'
          ? `Revision ${revision.n} received: the run returns to the ${currentStageOf(snapshot).body}`
          : `Revision ${revision.n} applied`,
    },
  ];
}

/** The next instant at which something falls due, or null. */
export function nextWake(snapshot: RunSnapshot, now: Date, phase: Phase = phaseOf(snapshot, now)): Date | null {
  if (phase === 'Finished') return null;
  const t = now.getTime();
  const candidates: number[] = [];
  for (const so of snapshot.signoffs) {
    if (so.status !== 'requested') continue;
    const timers = signoffTimers(so);
    for (const x of [timers.reminder1, timers.reminder2, timers.escalation]) if (x !== null) candidates.push(x);
  }
  const stage = currentStageOf(snapshot);
  const day = (d: string) => startOfLondonDay(d).getTime();
  for (const s of stagesAwaitingPublication(snapshot, now)) candidates.push(day(s.publishBy), day(addCalendarDays(s.publishBy, 1)));
  if (phase === 'AwaitSignoffs' || phase === 'AwaitPublication' || phase === 'AwaitMeeting') candidates.push(day(stage.meetingDate));
  if (phase === 'AwaitDecision') candidates.push(day(addCalendarDays(stage.meetingDate, 1)));
  // A final executive decision takes effect the day after its call-in period ends.
  const callIn = openCallIn(snapshot, now);
  if (callIn) candidates.push(day(addCalendarDays(callIn.callInEndsOn!, 1)));
  const executive = keyDecisionStage(snapshot);
  if (executive) {
    const reminder = keyDecisionReminderDate(keyDecisionNoticeBy(executive.meetingDate));
    if (compareDates(reminder, executive.meetingDate) < 0) candidates.push(day(reminder));
  }
  const future = candidates.filter((x) => x > t);
  return future.length ? new Date(Math.min(...future)) : null;
}
