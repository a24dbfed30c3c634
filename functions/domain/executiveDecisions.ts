/**
 * Executive decisions (Local Authorities (Executive Arrangements) (Meetings and Access to Information) (England)
 * Regulations 2012, and the call-in of the Local Government Act 2000, s. 9F): the forward plan's notice of a key
 * decision, its two exceptions, and the call-in period before a final executive decision takes effect.
 * - reg. 9: a key decision is on the forward plan 28 clear days before it is taken (calendar days, neither the
 *   day of the notice nor the day of the meeting counted: notice today, meeting at least 29 days later);
 * - reg. 10, the general exception: the chair of overview and scrutiny informed, a notice published, and 5 clear
 *   days after that;
 * - reg. 11, special urgency: the chair's agreement that the decision cannot reasonably be deferred;
 * - call-in: a final executive decision takes effect only when its call-in period (working days after the day of
 *   the decision, the body's `callInWorkingDays`, 5 by default; none for special urgency) has passed without a
 *   call-in; called in, overview and scrutiny takes no further action, refers it back to the executive, or refers
 *   it to Full Council.
 * Pure: the run and the clock (or today) in, the answer out.
 */
import { z } from 'zod';
import type { UrgencyInput } from './urgencyInput';
import { addCalendarDays, compareDates, isoDateSchema, londonDate, type IsoDate } from './calendar';
import { clearDaysBetween, KEY_DECISION_CLEAR_DAYS, publishBy } from './computeDeadlines';
import { conflict, invalid, problem, type Problem } from './errors';
import { addedMeetingProblem, atMeeting, oneMeetingChoice } from './meetingDates';
import {
  decisionKey,
  decisionOf,
  oneLineText,
  type ActorRef,
  type AddedStage,
  type Decision,
  type Outcome,
  type Person,
  type RunMeta,
  type RunSnapshot,
  type RunStatus,
  type Stage,
  type Urgency,
} from './runModel';
import { dayAfterStart } from './runPhase';
import { slug } from './slug';
import { addWorkingDays } from './workingDays';

/** Clear days after the scrutiny chair was informed that the general exception needs (reg. 10(2)(c)). */
export const GENERAL_EXCEPTION_CLEAR_DAYS = 5;
export { DEFAULT_CALL_IN_WORKING_DAYS } from './meetings/bodies';

/** The longest texts a call-in keeps: who called it in, why, the committee's name. */
export const CALL_IN_LIMITS = { by: 2000, reason: 5000, body: 200 } as const;

export { urgencyInputSchema, type UrgencyInput } from './urgencyInput';

/** The day the key decision's notice went on the forward plan: the day the run started (Ratify publishes it then). */
export function noticePublishedOn(meta: Pick<RunMeta, 'startedAt'>): IsoDate {
  return londonDate(new Date(meta.startedAt));
}

/** The earliest meeting that leaves 28 clear days after a notice published on `noticeOn`. */
export function earliestKeyDecisionDate(noticeOn: IsoDate): IsoDate {
  return addCalendarDays(noticeOn, KEY_DECISION_CLEAR_DAYS + 1);
}

/** Reg. 9: at least 28 clear calendar days between the notice and the meeting. */
export function leavesForwardPlanNotice(noticeOn: IsoDate, meetingDate: IsoDate): boolean {
  return clearDaysBetween(noticeOn, meetingDate, false) >= KEY_DECISION_CLEAR_DAYS;
}

/** Reg. 10: at least 5 clear calendar days after the scrutiny chair was informed. */
export function leavesGeneralExceptionNotice(informedOn: IsoDate, meetingDate: IsoDate): boolean {
  return clearDaysBetween(informedOn, meetingDate, false) >= GENERAL_EXCEPTION_CLEAR_DAYS;
}

/** The stages whose meetings take a key decision: every executive stage of a key-decision run. */
export function isKeyDecisionStage(plan: { keyDecision: boolean }, stage: Pick<Stage, 'kind'>): boolean {
  return plan.keyDecision && stage.kind === 'executive';
}

/**
 * What is wrong with taking a key decision at a meeting on `meetingDate` when its notice went on the forward plan on
 * `noticeOn`, given the urgency recorded (if any); undefined when the law is met. The problem's rule is
 * `key-decision-notice` (28 clear days missing, no urgency) or `general-exception-notice` (5 clear days after the
 * scrutiny chair was informed missing), with the earliest date that would do.
 */
export function keyDecisionNoticeProblem(
  meetingDate: IsoDate,
  noticeOn: IsoDate,
  urgency?: Pick<Urgency, 'kind'> & { scrutinyChairInformedOn?: IsoDate } | UrgencyInput,
): Problem | undefined {
  if (leavesForwardPlanNotice(noticeOn, meetingDate)) return undefined;
  if (!urgency) {
    const earliest = earliestKeyDecisionDate(noticeOn);
    return problem(
      'key-decision-notice',
      `leaves fewer than ${KEY_DECISION_CLEAR_DAYS} clear days after the key decision's notice on the forward plan (${noticeOn}): the earliest meeting is on ${earliest}; or record the general exception or special urgency (urgency)`,
      { noticePublishedOn: noticeOn, earliest },
    );
  }
  if (urgency.kind === 'special-urgency') return undefined;
  const informed = urgency.scrutinyChairInformedOn!;
  if (leavesGeneralExceptionNotice(informed, meetingDate)) return undefined;
  const earliest = addCalendarDays(informed, GENERAL_EXCEPTION_CLEAR_DAYS + 1);
  return problem(
    'general-exception-notice',
    `leaves fewer than ${GENERAL_EXCEPTION_CLEAR_DAYS} clear days after the scrutiny chair was informed (${informed}): the earliest meeting under the general exception is on ${earliest}; or record special urgency`,
    { scrutinyChairInformedOn: informed, earliest },
  );
}

/** An urgency given for a stage that takes no key decision. */
export function notKeyDecisionProblem(): Problem {
  return problem('not-key-decision', 'applies only to an executive stage of a key decision (plan.keyDecision)');
}

/** Problems of an urgency's own dates (recorded facts: not in the future), keyed under `prefix` (`stages.3.urgency`). */
export function urgencyInputProblems(input: UrgencyInput, today: IsoDate, prefix: string): Record<string, Problem> {
  const fields: Record<string, Problem> = {};
  const future = (field: string, date: IsoDate | undefined) => {
    if (date && compareDates(date, today) > 0) fields[`${prefix}.${field}`] = problem('in-the-future', `is in the future (today is ${today}): record it once it has happened`, { today });
  };
  if (input.kind === 'general-exception') future('scrutinyChairInformedOn', input.scrutinyChairInformedOn);
  else future('agreedOn', input.agreedOn);
  return fields;
}

/** The urgency to store on a stage for its meeting on `meetingDate`. */
export function urgencyFrom(input: UrgencyInput, opts: { meetingDate: IsoDate; by: ActorRef; at: Date; scrutinyChair?: Person | null }): Urgency {
  const base = {
    meetingDate: opts.meetingDate,
    recordedBy: opts.by,
    recordedAt: opts.at.toISOString(),
    reason: input.reason ?? null,
    scrutinyChair: input.scrutinyChair ?? opts.scrutinyChair ?? null,
  };
  return input.kind === 'general-exception'
    ? { kind: 'general-exception', scrutinyChairInformedOn: input.scrutinyChairInformedOn, ...base }
    : { kind: 'special-urgency', agreedBy: input.agreedBy, agreedOn: input.agreedOn ?? londonDate(opts.at), ...base };
}

/** Words of an urgency for the audit trail, the forward plan and e-mails. */
export function urgencyWords(u: Urgency): string {
  return u.kind === 'general-exception'
    ? `the general exception (the scrutiny chair${u.scrutinyChair ? `, ${u.scrutinyChair.name},` : ''} informed on ${u.scrutinyChairInformedOn})`
    : `special urgency (agreed by ${u.agreedBy.name}, ${u.agreedBy.role}, on ${u.agreedOn})`;
}

// ---------------------------------------------------------------------------------------------------------------
// Call-in

/** Executive outcomes that finish a run, and so take effect only after the call-in period. */
const TAKES_EFFECT: readonly Outcome[] = ['approved', 'approved-with-amendments', 'noted', 'rejected'];
/** What the scrutiny meeting of a call-in may decide: no further action, back to the executive, to Full Council. */
export const CALL_IN_OUTCOMES: Outcome[] = ['noted', 'referred-back', 'referred-to-council', 'deferred'];
/** What Full Council may do with a decision referred to it: no objection (it takes effect), or back to the executive. */
export const COUNCIL_REFERRAL_OUTCOMES: Outcome[] = ['noted', 'referred-back', 'deferred'];

/** The run status a decision that takes effect gives. */
export function statusOfOutcome(outcome: Outcome): Exclude<RunStatus, 'running' | 'withdrawn'> {
  return outcome === 'noted' ? 'noted' : outcome === 'rejected' ? 'rejected' : 'adopted';
}

/** A stage added by a call-in that has decided (other than a deferral): the run never goes back to it. */
function addedAndDone(snapshot: RunSnapshot, stage: Stage): boolean {
  return !!stage.addedBy && snapshot.decisions.some((d) => d.stageIndex === stage.index && d.outcome !== 'deferred');
}

/**
 * The stages still ahead of `stage`: those after it, except a call-in's stages that have decided already (after a
 * referral back the executive's new decision is the run's final one).
 */
export function stagesAhead(snapshot: RunSnapshot, stage: Stage): Stage[] {
  return snapshot.stages.filter((s) => s.index > stage.index && !addedAndDone(snapshot, s));
}

/** A decision of this stage was called in before: the executive reconsidering it decides for good (no second call-in). */
function calledInBefore(snapshot: RunSnapshot, stage: Stage): boolean {
  return snapshot.decisions.some((d) => d.stageIndex === stage.index && !!d.calledIn);
}

/**
 * Whether a decision of `stage` with this outcome waits for a call-in period: an executive stage whose decision is
 * the run's final one (nothing after it decides), marked subject to call-in by its route (when it has one), not
 * taken under special urgency, and not a reconsideration after a call-in.
 */
export function callInApplies(snapshot: RunSnapshot, stage: Stage, outcome: Outcome): boolean {
  return (
    stage.kind === 'executive' &&
    TAKES_EFFECT.includes(outcome) &&
    stage.callIn !== false &&
    stage.urgency?.kind !== 'special-urgency' &&
    stagesAhead(snapshot, stage).length === 0 &&
    !calledInBefore(snapshot, stage)
  );
}

/** The last day a decision taken on `decisionDay` can be called in: `workingDays` working days after it; none for 0. */
export function callInEndsOn(decisionDay: IsoDate, workingDays: number): IsoDate | null {
  return workingDays > 0 ? addWorkingDays(decisionDay, workingDays) : null;
}

export type CallInStatus = 'open' | 'called-in' | 'ended';

/** Where a decision's call-in stands at `now`: called in, open until the end of `endsOn`, or ended. */
export function callInStatusOf(snapshot: RunSnapshot, d: Decision, now: Date): CallInStatus {
  if (d.calledIn) return 'called-in';
  if (snapshot.meta.status !== 'running' || now.getTime() >= dayAfterStart(d.callInEndsOn!).getTime()) return 'ended';
  return 'open';
}

/** The run's call-in (`callIn` of `GET /api/runs/{runId}`): its latest decision that had a call-in period, or null. */
export function callInOf(snapshot: RunSnapshot, now: Date): { endsOn: IsoDate; status: CallInStatus; decision: Decision } | null {
  const decided = snapshot.decisions.filter((d) => d.callInEndsOn).sort((a, b) => a.decidedAt.localeCompare(b.decidedAt));
  const d = decided.at(-1);
  return d ? { endsOn: d.callInEndsOn!, status: callInStatusOf(snapshot, d, now), decision: d } : null;
}

/** The decision whose call-in period is open now (the current stage's, not called in), or undefined. */
export function openCallIn(snapshot: RunSnapshot, now: Date): Decision | undefined {
  const { meta } = snapshot;
  if (meta.status !== 'running') return undefined;
  const d = decisionOf(snapshot, meta.cursor.index, meta.cursor.round);
  return d?.callInEndsOn && callInStatusOf(snapshot, d, now) === 'open' ? d : undefined;
}

/** `POST /api/runs/{runId}/call-in` (clerk): who called it in, why, and the scrutiny meeting that considers it. */
export const callInInputSchema = z
  .object({
    by: z.string().trim().min(1).max(CALL_IN_LIMITS.by),
    reason: z.string().trim().min(1).max(CALL_IN_LIMITS.reason),
    meetingId: z.string().trim().min(1).max(100).optional(),
    meetingDate: isoDateSchema.optional(),
    /** With `meetingDate`: the scrutiny committee's name (else the run's scrutiny body, else the calendar's). */
    body: oneLineText(CALL_IN_LIMITS.body).optional(),
  })
  .superRefine(oneMeetingChoice());
export type CallInInput = z.infer<typeof callInInputSchema>;

/** Where an added stage meets: a calendar meeting, or a date with its body's name. */
export interface AddedStageMeeting {
  body: string;
  meetingDate: IsoDate;
  meetingId?: string | null;
  bodyId?: string | null;
}

/**
 * The executive decision whose call-in period is open, or the 409 that says why none is: no decision taken (or one
 * without a call-in period), already called in, or the period over (it ended on `endsOn`).
 */
export function callInOpenOrConflict(snapshot: RunSnapshot, now: Date, field: 'meetingDate' | 'meetingId' = 'meetingDate'): Decision {
  const { meta } = snapshot;
  if (meta.status !== 'running') throw conflict(`The run is ${meta.status}: there is no decision to call in`);
  const d = decisionOf(snapshot, meta.cursor.index, meta.cursor.round);
  const stage = snapshot.stages[meta.cursor.index];
  if (!d?.callInEndsOn) throw conflict(`No executive decision of this run is open to call-in (the ${stage.body} has ${d ? 'decided without a call-in period' : 'not decided yet'})`);
  if (d.calledIn) throw conflict(`The decision of the ${stage.body} was called in already, on ${londonDate(new Date(d.calledIn.at))}`);
  const today = londonDate(now);
  if (compareDates(today, d.callInEndsOn) > 0) {
    throw conflict(`The call-in period of the ${stage.body}'s decision ended on ${d.callInEndsOn}: it can no longer be called in`, {
      [field]: problem('call-in-ended', `the call-in period ended on ${d.callInEndsOn}`, { endsOn: d.callInEndsOn }),
    });
  }
  return d;
}

/**
 * The call-in to record, or the error that refuses it: the 409s of `callInOpenOrConflict`, then a 400 for a meeting
 * that cannot be (in the past, before the decision's meeting), named on `field` (`meetingDate` or `meetingId`).
 */
export function checkCallIn(snapshot: RunSnapshot, meeting: AddedStageMeeting, now: Date, field: 'meetingDate' | 'meetingId' = 'meetingDate'): Decision {
  const d = callInOpenOrConflict(snapshot, now, field);
  const stage = snapshot.stages[d.stageIndex];
  const wrong = addedMeetingProblem(meeting.meetingDate, londonDate(now), { id: stage.id, meetingDate: d.meetingDate }, `the meeting that took the decision (${stage.id} on ${d.meetingDate})`);
  if (wrong) throw invalid(`Invalid input: ${field}`, { [field]: field === 'meetingId' ? atMeeting(meeting.meetingDate, wrong) : wrong });
  return d;
}

/** A stage id not yet used by the run: `call-in`, `call-in-2`... */
export function unusedStageId(snapshot: RunSnapshot, base: string): string {
  const ids = new Set(snapshot.stages.map((s) => s.id));
  const root = slug(base) || 'stage';
  if (!ids.has(root)) return root;
  for (let n = 2; ; n++) if (!ids.has(`${root}-${n}`)) return `${root}-${n}`;
}

/** The stage a call-in (or a referral to Full Council) adds at the end of the run, deadlines from the run's clear days. */
export function addedStage(snapshot: RunSnapshot, id: string, kind: 'scrutiny' | 'council', meeting: AddedStageMeeting, addedBy: AddedStage): Stage {
  return {
    index: Math.max(...snapshot.stages.map((s) => s.index)) + 1,
    id,
    body: meeting.body,
    kind,
    meetingDate: meeting.meetingDate,
    publishBy: publishBy(meeting.meetingDate, snapshot.meta.clearDays),
    publishedAt: null,
    publishedFor: null,
    decides: addedBy.kind === 'call-in' ? CALL_IN_OUTCOMES : COUNCIL_REFERRAL_OUTCOMES,
    meetingId: meeting.meetingId ?? null,
    meetingStatus: meeting.meetingId ? 'scheduled' : null,
    ...(meeting.bodyId ? { bodyId: meeting.bodyId } : {}),
    callIn: false,
    addedBy,
  };
}

/** The executive decision a call-in's stage considers. */
export function calledInDecision(snapshot: RunSnapshot, stage: Stage): Decision | undefined {
  if (!stage.addedBy) return undefined;
  return snapshot.decisions.find((d) => decisionKey(d) === stage.addedBy!.decision);
}

/** The stage the call-in of decision `d` added, once the planner has added it. */
export function callInStageOf(snapshot: RunSnapshot, d: Decision): Stage | undefined {
  return snapshot.stages.find((s) => s.addedBy?.kind === 'call-in' && s.addedBy.decision === decisionKey(d));
}

/**
 * A key decision's executive meeting moved (`PATCH .../stages/{stageId}`) to `date`: the 28 clear days after the
 * notice (published when the run started) are checked again, with the urgency the request gives or, else, the one
 * the stage has. Answers what the stage's urgency becomes: the one given (set), none needed any more (null: the
 * 28 days are there now and none was given), or kept as it is (undefined); throws the 400 (on `field`) otherwise.
 * A stage that takes no key decision refuses an urgency (400 on `urgency`).
 */
export function urgencyOnMove(
  snapshot: RunSnapshot,
  stage: Stage,
  date: IsoDate,
  input: UrgencyInput | undefined,
  opts: { today: IsoDate; by: ActorRef; at: Date; scrutinyChair?: Person | null; field: 'meetingDate' | 'meetingId' },
): Urgency | null | undefined {
  if (!isKeyDecisionStage(snapshot.meta.plan, stage)) {
    if (input) throw invalid('Invalid input: urgency', { urgency: notKeyDecisionProblem() });
    return undefined;
  }
  const fields: Record<string, Problem> = input ? urgencyInputProblems(input, opts.today, 'urgency') : {};
  const kept = input ? undefined : (stage.urgency ?? undefined);
  const wrong = keyDecisionNoticeProblem(date, noticePublishedOn(snapshot.meta), input ?? kept);
  if (wrong) fields[opts.field] = opts.field === 'meetingId' ? atMeeting(date, wrong) : wrong;
  if (Object.keys(fields).length) throw invalid(`Invalid input: ${Object.keys(fields).join(', ')}`, fields);
  if (input) return urgencyFrom(input, { meetingDate: date, by: opts.by, at: opts.at, scrutinyChair: opts.scrutinyChair });
  if (!kept) return undefined;
  if (leavesForwardPlanNotice(noticePublishedOn(snapshot.meta), date)) return null;
  return { ...kept, meetingDate: date };
}
