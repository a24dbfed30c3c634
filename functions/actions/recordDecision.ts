/** What a body decided at its meeting (`POST .../decision` and the run page's clerk form). */
import { actorRef } from '../domain/access';
import type { Actor } from '../domain/actor';
import { londonDate, type IsoDate } from '../domain/calendar';
import { checkDecision, NEXT_MEETING, type DecisionInput, type ResolvedDecisionInput } from '../domain/decisionRules';
import { conflict, invalid, problem } from '../domain/errors';
import { nextFittingMeeting, replacementWindow, type Body, type Meeting } from '../domain/meetings';
import type { RunSnapshot, Stage } from '../domain/runModel';
import { getBody, listBodies } from '../store/bodies';
import { getMeeting, meetingsOfBody } from '../store/meetings';
import { decisionWords } from '../domain/decisionWords';
import { putDecision } from '../store/runStore';
import { putStageMeeting } from '../store/stageMeetings';
import { runAction, type ActionResult } from './runAction';

/** The calendar body of a stage: its meeting's, else the body of the same name. */
async function bodyOfStage(stage: Stage): Promise<Body | undefined> {
  const meeting = stage.meetingId ? await getMeeting(stage.meetingId) : undefined;
  if (meeting) return getBody(meeting.body);
  const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();
  return (await listBodies()).find((b) => key(b.name) === key(stage.body));
}

/** Where a deferral goes on the calendar: `next-meeting` resolved, and the meeting (if any) the stage is at then. */
async function deferral(snapshot: RunSnapshot, stageId: string, input: DecisionInput, today: IsoDate): Promise<{ input: ResolvedDecisionInput; meeting?: Meeting | null }> {
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

export function recordDecision(params: { runId: string; stageId: string }, body: DecisionInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    const resolved = await deferral(snapshot, params.stageId, body, londonDate(at));
    const decision = checkDecision(snapshot, params.stageId, resolved.input, actorRef(actor), at);
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
        ...(meeting ? { bodyId: meeting.body } : {}),
      });
    }
    return {
      what: `Recorded the decision of the ${stage.body}: ${decisionWords(decision, snapshot.stages)}`,
      details: {
        stageId: stage.id,
        outcome: decision.outcome,
        ...(decision.deferTo ? { deferTo: decision.deferTo } : {}),
        ...(resolved.meeting ? { meetingId: resolved.meeting.meetingId } : {}),
        ...(decision.referBackTo ? { referBackTo: decision.referBackTo } : {}),
        ...(decision.delegateTo ? { delegateTo: decision.delegateTo } : {}),
      },
    };
  });
}
