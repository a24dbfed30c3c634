/**
 * Decisions of a body at its meeting: what may be recorded (checked against the run and the clock) and what a
 * recorded decision does to the run (as planner changes).
 */
import { z } from 'zod';
import { conflict, notFound, problem, throwIfInvalid, type Problem } from './errors';
import { compareDates, isoDateSchema, londonDate, type IsoDate } from './calendar';
import { delegatedSignoffDueBy, publishBy } from './computeDeadlines';
import { addedMeetingProblem, atMeeting, movedMeetingProblem, oneMeetingChoice } from './meetingDates';
import {
  addedStage,
  callInApplies,
  callInEndsOn,
  callInStageOf,
  calledInDecision,
  DEFAULT_CALL_IN_WORKING_DAYS,
  stagesAhead,
  statusOfOutcome,
  unusedStageId,
  type AddedStageMeeting,
} from './executiveDecisions';
import type { Change } from './runChanges';
import {
  decisionKey,
  decisionOf,
  oneLineText,
  outcomeSchema,
  personSchema,
  type ActorRef,
  type Decision,
  type RunSnapshot,
  type RunStatus,
  type Signoff,
} from './runModel';
import { dayAfterStart, phaseOf, stageIndexOf } from './runPhase';

export const DELEGATED_AREA = 'Delegated finalisation';
/** The longest resolution, and alternatives considered, a decision keeps. */
export const DECISION_TEXT_MAX = 20_000;
/** `deferTo` naming the body's next meeting on the calendar rather than a date. */
export const NEXT_MEETING = 'next-meeting';

/** Where `referred-to-council` sends the decision: a Full Council meeting on the calendar, or a date (and body name). */
export const referToInputSchema = z
  .object({
    meetingId: z.string().trim().min(1).max(100).optional(),
    meetingDate: isoDateSchema.optional(),
    body: oneLineText(200).optional(),
  })
  .superRefine(oneMeetingChoice('a Full Council meeting'));

export const decisionInputSchema = z
  .object({
    outcome: outcomeSchema,
    resolution: z.string().trim().max(DECISION_TEXT_MAX).optional(),
    /** Alternatives considered and rejected, for the decision record. */
    alternatives: z.string().trim().max(DECISION_TEXT_MAX).optional(),
    /** A date, or `next-meeting`: the body's next scheduled meeting that fits (resolved by the caller). */
    deferTo: z.union([isoDateSchema, z.literal(NEXT_MEETING)]).optional(),
    /** Required, except at a call-in's stage, where it can only be the executive stage (and is by default). */
    referBackTo: z.string().trim().min(1).optional(),
    delegateTo: personSchema.optional(),
    /** `referred-to-council`: the Full Council meeting (resolved by the caller). */
    referTo: referToInputSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const need = (field: 'deferTo' | 'delegateTo' | 'referTo') =>
      ctx.addIssue({ code: 'custom', path: [field], message: `is required when the outcome is ${v.outcome}` });
    if (v.outcome === 'deferred' && !v.deferTo) need('deferTo');
    if (v.outcome === 'delegated' && !v.delegateTo) need('delegateTo');
    if (v.outcome === 'referred-to-council' && !v.referTo) need('referTo');
  });
export type DecisionInput = z.infer<typeof decisionInputSchema>;
/** A decision input with `deferTo: "next-meeting"` resolved to that meeting's date, and `referTo` to a meeting. */
export type ResolvedDecisionInput = Omit<DecisionInput, 'deferTo' | 'referTo'> & { deferTo?: IsoDate; referTo?: AddedStageMeeting };

/** What the caller knows of the stage's body that the rules need: how long its call-in lasts. */
export interface DecisionContext {
  /** The calendar body's `callInWorkingDays` (5 when there is no calendar body). */
  callInWorkingDays?: number;
}

export function delegatedSignoffId(stageId: string, round: number): string {
  return `delegated-${stageId}-${round}`;
}

/**
 * The decision to store, or the API error that refuses it: 404 unknown stage, 400 a date or stage that cannot
 * be, 409 when the run is not waiting for this stage's decision (not current, meeting not yet started, already
 * decided, waiting for a revision or a new date, finished).
 */
export function checkDecision(snapshot: RunSnapshot, stageId: string, input: ResolvedDecisionInput, by: ActorRef, now: Date, context: DecisionContext = {}): Decision {
  const stage = snapshot.stages.find((s) => s.id === stageId);
  if (!stage) throw notFound(`Run ${snapshot.meta.runId} has no stage ${stageId}`);
  const today = londonDate(now);

  const fields: Record<string, string | Problem> = {};
  if (stage.decides && !stage.decides.includes(input.outcome)) {
    fields.outcome = `the ${stage.body} may decide ${stage.decides.join(', ')} on this route, not ${input.outcome}`;
  }
  if (input.outcome === 'deferred' && input.deferTo) {
    if (compareDates(input.deferTo, stage.meetingDate) <= 0) fields.deferTo = problem('not-after-meeting', `must be later than the meeting on ${stage.meetingDate}`, { meetingDate: stage.meetingDate });
    else {
      // A deferral moves the meeting: the same rules as a reschedule, so the stages' meetings stay in order.
      const moved = movedMeetingProblem(snapshot, stage, input.deferTo, today);
      if (moved) fields.deferTo = moved;
    }
  }
  const executive = calledInDecision(snapshot, stage);
  const executiveStage = executive && snapshot.stages[executive.stageIndex];
  if (input.outcome === 'referred-back') {
    if (!input.referBackTo) {
      if (!executiveStage) fields.referBackTo = `is required when the outcome is ${input.outcome}`;
    } else {
      const target = stageIndexOf(snapshot, input.referBackTo);
      if (target < 0) fields.referBackTo = 'is not a stage of this run';
      else if (target >= stage.index) fields.referBackTo = `must be a stage before ${stage.id}`;
      else if (executiveStage && target !== executiveStage.index) fields.referBackTo = `a call-in refers the decision back to the executive: ${executiveStage.id}`;
    }
  }
  if (input.outcome === 'referred-to-council') {
    if (stage.addedBy?.kind !== 'call-in') {
      fields.outcome ??= `only the scrutiny meeting of a call-in may refer an executive decision to Full Council, not the ${stage.body}`;
    } else if (input.referTo) {
      const wrong = addedMeetingProblem(input.referTo.meetingDate, today, stage, `the meeting of the ${stage.body} (${stage.meetingDate})`);
      if (wrong) {
        if (input.referTo.meetingId) fields['referTo.meetingId'] = atMeeting(input.referTo.meetingDate, wrong);
        else fields['referTo.meetingDate'] = wrong;
      }
    }
  }
  throwIfInvalid(fields, 'decision');

  const { meta } = snapshot;
  if (meta.status !== 'running') throw conflict(`The run is ${meta.status}: no more decisions can be recorded`);
  if (stage.index !== meta.cursor.index) {
    throw conflict(`Decisions are recorded for the current stage (${snapshot.stages[meta.cursor.index].id}), not ${stage.id}`);
  }
  const phase = phaseOf(snapshot, now);
  switch (phase) {
    case 'AwaitDecision':
      break;
    case 'AwaitRevision':
      throw conflict('The run waits for a revised report after a referral back');
    case 'AwaitDelegatedSignoff':
      throw conflict(`The ${stage.body} has already decided (delegated finalisation)`);
    case 'AwaitSchedule':
      throw conflict(`The ${stage.body} needs a new meeting date before a decision can be recorded`);
    default:
      throw conflict(`The ${stage.body} meets on ${stage.meetingDate}: its decision can be recorded from that day`);
  }
  if (decisionOf(snapshot, stage.index, meta.cursor.round)) {
    throw conflict(`The decision of the ${stage.body} is already recorded`);
  }
  const callInDays = callInApplies(snapshot, stage, input.outcome) ? (context.callInWorkingDays ?? DEFAULT_CALL_IN_WORKING_DAYS) : 0;
  const referTo = input.outcome === 'referred-to-council' && input.referTo
    ? { id: unusedStageId(snapshot, 'council'), body: input.referTo.body, meetingDate: input.referTo.meetingDate, meetingId: input.referTo.meetingId ?? null, bodyId: input.referTo.bodyId ?? null }
    : null;
  return {
    stageId: stage.id,
    stageIndex: stage.index,
    round: meta.cursor.round,
    outcome: input.outcome,
    resolution: input.resolution ?? null,
    alternatives: input.alternatives || null,
    deferTo: input.outcome === 'deferred' ? input.deferTo : null,
    // A call-in's referral back goes to the executive stage whose decision was called in.
    referBackTo: input.outcome === 'referred-back' ? (input.referBackTo ?? executiveStage?.id) : null,
    delegateTo: input.outcome === 'delegated' ? input.delegateTo : null,
    meetingDate: stage.meetingDate,
    decidedBy: by,
    decidedAt: now.toISOString(),
    // The day of the decision is the day of its meeting.
    callInEndsOn: callInEndsOn(stage.meetingDate, callInDays),
    ...(referTo ? { referTo } : {}),
  };
}

/** What the recorded decision of the current round still has to do to the run (empty once it is done). */
export function decisionConsequences(snapshot: RunSnapshot, decision: Decision, now: Date): Change[] {
  const { meta, stages } = snapshot;
  const stage = stages[decision.stageIndex];
  const next = stagesAhead(snapshot, stage)[0];
  const isLast = !next;
  const at = now.toISOString();
  const cursor = meta.cursor;
  const moveTo = (index: number, awaitingRevision: boolean, what: string): Change => ({
    kind: 'moveCursor',
    from: cursor,
    to: { index, round: cursor.round + 1, enteredAt: at },
    awaitingRevision,
    what,
  });
  const finish = (status: Exclude<RunStatus, 'running' | 'withdrawn'>, what: string): Change => ({ kind: 'finish', round: cursor.round, status, at, what });
  const moveOn = (): Change =>
    isLast ? finish('adopted', `The plan is adopted (${stage.body})`) : moveTo(next.index, false, `The run moves on to the ${next.body}`);

  /**
   * A final executive decision takes effect only once its call-in period has passed without a call-in; called in,
   * the run goes to the scrutiny meeting that considers it.
   */
  const afterCallIn = (change: Change): Change[] => {
    const endsOn = decision.callInEndsOn;
    if (!endsOn) return [change];
    if (decision.calledIn) {
      const called = callInStageOf(snapshot, decision);
      if (!called) {
        const added = addedStage(snapshot, decision.calledIn.stage.id, 'scrutiny', decision.calledIn.stage, { kind: 'call-in', decision: decisionKey(decision) });
        return [{ kind: 'addStage', stage: added, what: `Called in by ${decision.calledIn.by}: the ${added.body} considers the decision of the ${stage.body} on ${added.meetingDate}` }];
      }
      return [moveTo(called.index, false, `The run goes to the ${called.body} on ${called.meetingDate}, which considers the call-in`)];
    }
    if (now.getTime() < dayAfterStart(endsOn).getTime()) return [];
    return [{ ...change, what: `The call-in period ended on ${endsOn} without a call-in: the decision of the ${stage.body} takes effect. ${change.what}` }];
  };

  // A call-in's stage (scrutiny, or Full Council on its referral) decides what becomes of the executive decision.
  const called = calledInDecision(snapshot, stage);
  if (called) {
    const executive = stages[called.stageIndex];
    switch (decision.outcome) {
      case 'referred-back':
        return [moveTo(executive.index, false, `Referred back to the ${executive.body}, which reconsiders its decision at a new meeting`)];
      case 'referred-to-council': {
        const referTo = decision.referTo!;
        const council = stages.find((s) => s.addedBy?.kind === 'council-referral' && s.addedBy.decision === decisionKey(called) && s.id === referTo.id);
        if (!council) {
          const added = addedStage(snapshot, referTo.id, 'council', referTo, { kind: 'council-referral', decision: decisionKey(called) });
          return [{ kind: 'addStage', stage: added, what: `The ${stage.body} referred the decision of the ${executive.body} to the ${added.body} on ${added.meetingDate}` }];
        }
        return [moveTo(council.index, false, `The run goes to the ${council.body} on ${council.meetingDate}`)];
      }
      case 'deferred':
        break;
      default:
        // No further action (or no objection from Full Council): the executive decision takes effect.
        return [finish(statusOfOutcome(called.outcome), `The ${stage.body} took no further action: the decision of the ${executive.body} takes effect (${statusOfOutcome(called.outcome)})`)];
    }
  }

  switch (decision.outcome) {
    case 'approved':
      return afterCallIn(moveOn());
    case 'approved-with-amendments': {
      const key = decisionKey(decision);
      if (!snapshot.revisions.some((r) => r.fromDecision === key)) {
        const n = Math.max(0, ...snapshot.revisions.map((r) => r.n)) + 1;
        return [
          {
            kind: 'addRevision',
            revision: {
              n,
              kind: 'amendments',
              summary: decision.resolution || `Amendments made by the ${stage.body} on ${decision.meetingDate}`,
              invalidates: [],
              by: decision.decidedBy,
              at,
              fromDecision: key,
            },
            what: `Amendments of the ${stage.body} recorded as revision ${n}`,
          },
        ];
      }
      return afterCallIn(moveOn());
    }
    case 'noted':
      return isLast ? afterCallIn(finish('noted', `The plan is noted (${stage.body}): the run ends`)) : [moveOn()];
    case 'rejected':
      return afterCallIn(finish('rejected', `The plan is rejected (${stage.body}): the run ends`));
    case 'referred-to-council':
      // Only at a call-in's stage (above).
      return [];
    case 'deferred': {
      const deferTo = decision.deferTo!;
      const changes: Change[] = [];
      if (stage.meetingDate !== deferTo) {
        changes.push({
          kind: 'rescheduleStage',
          stageIndex: stage.index,
          stageId: stage.id,
          meetingDate: deferTo,
          publishBy: publishBy(deferTo, meta.clearDays),
          what: `The ${stage.body} meeting moves to ${deferTo} (deferred)`,
        });
      }
      changes.push(moveTo(stage.index, false, `The ${stage.body} will consider the report again on ${deferTo}`));
      return changes;
    }
    case 'referred-back': {
      const target = stageIndexOf(snapshot, decision.referBackTo!);
      return [moveTo(target, true, `Referred back to the ${stages[target].body}: waiting for a revised report`)];
    }
    case 'delegated': {
      const id = delegatedSignoffId(stage.id, decision.round);
      const existing = snapshot.signoffs.find((so) => so.id === id);
      if (!existing) {
        const delegate = decision.delegateTo!;
        const signoff: Signoff = {
          id,
          area: DELEGATED_AREA,
          officer: delegate,
          requiredBefore: stage.id,
          dueFor: stage.id,
          dueBy: delegatedSignoffDueBy(londonDate(new Date(decision.decidedAt))),
          status: 'requested',
          round: 1,
          revision: 0,
          requestedAt: at,
          delegation: { stageId: stage.id, stageIndex: stage.index, round: decision.round },
        };
        return [{ kind: 'addSignoff', signoff, what: `Finalisation delegated to ${delegate.name}: sign-off requested` }];
      }
      return existing.status === 'signed' ? [moveOn()] : [];
    }
  }
}
