/**
 * `POST /api/runs/{runId}/call-in` (and the run page's form): members call in a final executive decision within its
 * call-in period. The decision records the call-in (its one conditional write); the planner then adds the scrutiny
 * stage at the meeting named and moves the run there.
 */
import { actorRef } from '../domain/access';
import type { Actor } from '../domain/actor';
import { longDate } from '../domain/emails/dates';
import { conflict } from '../domain/errors';
import { callInOpenOrConflict, checkCallIn, unusedStageId, type AddedStageMeeting, type CallInInput } from '../domain/executiveDecisions';
import type { RunSnapshot } from '../domain/runModel';
import { bodyNamed } from '../domain/meetings/bodies';
import { listBodies } from '../store/bodies';
import { putCallIn } from '../store/runStore';
import { meetingToAdd } from './calendar';
import { runAction, type ActionResult } from './runAction';

const DEFAULT_SCRUTINY_BODY = 'Overview and Scrutiny Committee';

/**
 * Where the call-in is considered: the calendar meeting named (a 400 on `meetingId` unless it is a scheduled one),
 * or the date given at the body named, else the run's own scrutiny body, else the calendar's, else "Overview and
 * Scrutiny Committee" (at that body's meeting that day, when the calendar has one).
 */
function scrutinyMeeting(snapshot: RunSnapshot, input: CallInInput): Promise<AddedStageMeeting> {
  return meetingToAdd(input, 'meetingId', async () => {
    const bodies = await listBodies();
    const name = input.body ?? snapshot.stages.find((s) => s.kind === 'scrutiny' && !s.addedBy)?.body;
    const body = name ? bodyNamed(bodies, name) : bodies.find((b) => b.kind === 'scrutiny');
    return { name: name ?? body?.name ?? DEFAULT_SCRUTINY_BODY, body };
  });
}

export function recordCallIn(params: { runId: string }, input: CallInInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    const field = input.meetingId ? 'meetingId' : 'meetingDate';
    // Whether anything can be called in is said first: after the period, no meeting makes it possible.
    callInOpenOrConflict(snapshot, at, field);
    const meeting = await scrutinyMeeting(snapshot, input);
    const decision = checkCallIn(snapshot, meeting, at, field);
    const executive = snapshot.stages[decision.stageIndex];
    const stageId = unusedStageId(snapshot, 'call-in');
    const calledIn = {
      by: input.by,
      reason: input.reason,
      recordedBy: actorRef(actor),
      at: at.toISOString(),
      stage: { id: stageId, body: meeting.body, meetingDate: meeting.meetingDate, meetingId: meeting.meetingId ?? null, bodyId: meeting.bodyId ?? null },
    };
    if (!(await putCallIn(params.runId, decision, calledIn))) throw conflict(`The decision of the ${executive.body} was called in meanwhile`);
    return {
      what: `Recorded the call-in of the decision of the ${executive.body} of ${longDate(decision.meetingDate)} by ${input.by}: ${input.reason}. The ${meeting.body} considers it on ${longDate(meeting.meetingDate)}`,
      details: { stageId: executive.id, callInEndsOn: decision.callInEndsOn, by: input.by, reason: input.reason, scrutiny: calledIn.stage },
    };
  });
}
