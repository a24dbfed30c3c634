/** What a body decided at its meeting (`POST .../decision` and the run page's clerk form). */
import { actorRef } from '../domain/access';
import type { Actor } from '../domain/actor';
import { londonDate, type IsoDate } from '../domain/calendar';
import { checkDecision, NEXT_MEETING, type DecisionInput, type ResolvedDecisionInput } from '../domain/decisionRules';
import type { AddedStageMeeting } from '../domain/executiveDecisions';
import { conflict, invalid, problem } from '../domain/errors';
import { bodyNamed, nextFittingMeeting, replacementWindow, type Body, type Meeting } from '../domain/meetings';
import type { RunSnapshot, Stage } from '../domain/runModel';
import { getBody, listBodies } from '../store/bodies';
import { getMeeting, meetingsOfBody } from '../store/meetings';
import { decisionWords } from '../domain/decisionWords';
import { despatchedWithout } from '../domain/publication';
import { putDecision } from '../store/runStore';
import { putStageMeeting } from '../store/stageMeetings';
import { meetingToAdd } from './calendar';
import { runAction, type ActionResult } from './runAction';

/** The calendar body of a stage: its meeting's, else the body of the same name. */
async function bodyOfStage(stage: Stage): Promise<Body | undefined> {
  const meeting = stage.meetingId ? await getMeeting(stage.meetingId) : undefined;
  if (meeting) return getBody(meeting.body);
  return bodyNamed(await listBodies(), stage.body);
}

/** Where a deferral goes on the calendar: `next-meeting` resolved, and the meeting (if any) the stage is at then. */
async function deferral(snapshot: RunSnapshot, stageId: string, input: Omit<DecisionInput, 'referTo'>, today: IsoDate): Promise<{ input: Omit<ResolvedDecisionInput, 'referTo'>; meeting?: Meeting | null }> {
  const stage = snapshot.stages.find((s) => s.id === stageId);
  if (input.outcome !== 'deferred' || !input.deferTo || !stage) return { input: { ...input, deferTo: input.deferTo === NEXT_MEETING ? undefined : input.deferTo } };
  const body = await bodyOfStage(stage);
  if (input.deferTo !== NEXT_MEETING) {
    // A date: the stage stays on the calendar when its body meets that day, else it is typed by date from now on.
    if (!stage.meetingId) return { input: { ...input, deferTo: input.deferTo } };
    const sameDay = body && (await meetingsOfBody(body.id, { from: input.deferTo, to: input.deferTo })).find((m) => m.status === 'scheduled');
    return { input: { ...input, deferTo: input.deferTo }, meeting: sameDay ?? null };
  }
  if (!body) throw invalid('Invalid input: deferTo', { deferTo: `the ${stage.body} is not a body on the calendar: give a date` });
  const window = { ...replacementWindow(snapshot, stage, today), after: stage.meetingDate };
  const next = nextFittingMeeting(body, await meetingsOfBody(body.id, { from: today }), window);
  if (!next) {
    throw conflict(`The ${body.name} has no later meeting on the calendar that fits`, {
      deferTo: problem('no-fitting-meeting', `no meeting of ${body.name} after ${stage.meetingDate}${window.before ? ` and by ${window.before}` : ''} fits: add one, or give a date`),
    });
  }
  return { input: { ...input, deferTo: next.date }, meeting: next };
}

/** Full Council on the calendar: the body of kind `council` (else none). */
async function councilBody(): Promise<Body | undefined> {
  return (await listBodies()).find((b) => b.kind === 'council');
}

/**
 * Where `referred-to-council` sends the decision: the calendar meeting named (a 400 on `referTo.meetingId` when it
 * is not a scheduled one), or the date given, at the body named, else the calendar's Full Council (at its meeting
 * that day, if it has one), else "Full Council".
 */
async function referral(referTo: DecisionInput['referTo']): Promise<AddedStageMeeting | undefined> {
  if (!referTo) return undefined;
  return meetingToAdd(referTo, 'referTo.meetingId', async () => {
    const council = referTo.body ? undefined : await councilBody();
    return { name: referTo.body ?? council?.name ?? 'Full Council', body: council };
  });
}

/** How many working days the stage's body gives members to call in its decisions (5 when it is not on the calendar). */
async function callInWorkingDaysOf(stage: Stage | undefined): Promise<number | undefined> {
  if (!stage || stage.kind !== 'executive') return undefined;
  return (await bodyOfStage(stage))?.callInWorkingDays;
}

export function recordDecision(params: { runId: string; stageId: string }, body: DecisionInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    const { referTo, ...rest } = body;
    const resolved = await deferral(snapshot, params.stageId, rest, londonDate(at));
    const stageNow = snapshot.stages.find((s) => s.id === params.stageId);
    const input: ResolvedDecisionInput = { ...resolved.input, ...(referTo && body.outcome === 'referred-to-council' ? { referTo: await referral(referTo) } : {}) };
    const decision = checkDecision(snapshot, params.stageId, input, actorRef(actor), at, { callInWorkingDays: await callInWorkingDaysOf(stageNow) });
    if (!(await putDecision(params.runId, decision))) throw conflict('A decision for this meeting was recorded meanwhile');
    const stage = snapshot.stages[decision.stageIndex];
    if (resolved.meeting !== undefined) {
      // The planner moves the stage's date; the stage's place on the calendar moves with it here.
      const meeting = resolved.meeting;
      await putStageMeeting({
        runId: params.runId,
        stageIndex: stage.index,
        stageId: stage.id,
        meetingId: meeting?.meetingId ?? null,
        meetingStatus: meeting ? 'scheduled' : null,
        ...(meeting ? { bodyId: meeting.body, despatch: despatchedWithout(meeting) } : {}),
      });
    }
    return {
      what: `Recorded the decision of the ${stage.body}: ${decisionWords(decision, snapshot.stages)}${decision.callInEndsOn ? `; it can be called in until ${decision.callInEndsOn} and takes effect the day after` : ''}`,
      details: {
        stageId: stage.id,
        outcome: decision.outcome,
        ...(decision.deferTo ? { deferTo: decision.deferTo } : {}),
        ...(resolved.meeting ? { meetingId: resolved.meeting.meetingId } : {}),
        ...(decision.referBackTo ? { referBackTo: decision.referBackTo } : {}),
        ...(decision.delegateTo ? { delegateTo: decision.delegateTo } : {}),
        ...(decision.referTo ? { referTo: decision.referTo } : {}),
        ...(decision.callInEndsOn ? { callInEndsOn: decision.callInEndsOn } : {}),
      },
    };
  });
}
