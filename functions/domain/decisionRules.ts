/**
 * Decisions of a body at its meeting: what may be recorded (checked against the run and the clock) and what a
 * recorded decision does to the run (as planner changes).
 */
import { z } from 'zod';
import { conflict, notFound, problem, throwIfInvalid, type Problem } from './errors';
import { compareDates, isoDateSchema, londonDate } from './calendar';
import { delegatedSignoffDueBy, publishBy } from './computeDeadlines';
import { movedMeetingProblem } from './meetingDates';
import type { Change } from './runChanges';
import {
  decisionKey,
  decisionOf,
  outcomeSchema,
  personSchema,
  type ActorRef,
  type Decision,
  type RunSnapshot,
  type Signoff,
} from './runModel';
import { phaseOf, stageIndexOf } from './runPhase';

export const DELEGATED_AREA = 'Delegated finalisation';

export const decisionInputSchema = z
  .object({
    outcome: outcomeSchema,
    resolution: z.string().trim().max(20_000).optional(),
    deferTo: isoDateSchema.optional(),
    referBackTo: z.string().trim().min(1).optional(),
    delegateTo: personSchema.optional(),
  })
  .superRefine((v, ctx) => {
    const need = (field: 'deferTo' | 'referBackTo' | 'delegateTo') =>
      ctx.addIssue({ code: 'custom', path: [field], message: `is required when the outcome is ${v.outcome}` });
    if (v.outcome === 'deferred' && !v.deferTo) need('deferTo');
    if (v.outcome === 'referred-back' && !v.referBackTo) need('referBackTo');
    if (v.outcome === 'delegated' && !v.delegateTo) need('delegateTo');
  });
export type DecisionInput = z.infer<typeof decisionInputSchema>;

export function delegatedSignoffId(stageId: string, round: number): string {
  return `delegated-${stageId}-${round}`;
}

/**
 * The decision to store, or the API error that refuses it: 404 unknown stage, 400 a date or stage that cannot
 * be, 409 when the run is not waiting for this stage's decision (not current, meeting not yet started, already
 * decided, waiting for a revision or a new date, finished).
 */
export function checkDecision(snapshot: RunSnapshot, stageId: string, input: DecisionInput, by: ActorRef, now: Date): Decision {
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
  if (input.outcome === 'referred-back' && input.referBackTo) {
    const target = stageIndexOf(snapshot, input.referBackTo);
    if (target < 0) fields.referBackTo = 'is not a stage of this run';
    else if (target >= stage.index) fields.referBackTo = `must be a stage before ${stage.id}`;
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
  return {
    stageId: stage.id,
    stageIndex: stage.index,
    round: meta.cursor.round,
    outcome: input.outcome,
    resolution: input.resolution ?? null,
    deferTo: input.outcome === 'deferred' ? input.deferTo : null,
    referBackTo: input.outcome === 'referred-back' ? input.referBackTo : null,
    delegateTo: input.outcome === 'delegated' ? input.delegateTo : null,
    meetingDate: stage.meetingDate,
    decidedBy: by,
    decidedAt: now.toISOString(),
  };
}

/** What the recorded decision of the current round still has to do to the run (empty once it is done). */
export function decisionConsequences(snapshot: RunSnapshot, decision: Decision, now: Date): Change[] {
  const { meta, stages } = snapshot;
  const stage = stages[decision.stageIndex];
  const isLast = stage.index === stages.length - 1;
  const at = now.toISOString();
  const cursor = meta.cursor;
  const moveTo = (index: number, awaitingRevision: boolean, what: string): Change => ({
    kind: 'moveCursor',
    from: cursor,
    to: { index, round: cursor.round + 1, enteredAt: at },
    awaitingRevision,
    what,
  });
  const moveOn = (): Change =>
    isLast
      ? { kind: 'finish', round: cursor.round, status: 'adopted', at, what: `The plan is adopted (${stage.body})` }
      : moveTo(stage.index + 1, false, `The run moves on to the ${stages[stage.index + 1].body}`);

  switch (decision.outcome) {
    case 'approved':
      return [moveOn()];
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
      return [moveOn()];
    }
    case 'noted':
      return isLast
        ? [{ kind: 'finish', round: cursor.round, status: 'noted', at, what: `The plan is noted (${stage.body}): the run ends` }]
        : [moveOn()];
    case 'rejected':
      return [{ kind: 'finish', round: cursor.round, status: 'rejected', at, what: `The plan is rejected (${stage.body}): the run ends` }];
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
