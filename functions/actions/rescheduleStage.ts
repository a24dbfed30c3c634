/**
 * A meeting moves (`PATCH .../stages/{stageId}` and the run page's form); its deadlines follow. Given a
 * `meetingId`, the stage is put at that calendar meeting (the clerk's pick after a cancellation); given a
 * `meetingDate`, a stage that was at a calendar meeting leaves it and is typed by date.
 */
import type { Actor } from '../domain/actor';
import { londonDate } from '../domain/calendar';
import { publishBy } from '../domain/computeDeadlines';
import { checkMeetingChoice, checkReschedule, type MeetingChoice, type RescheduleInput } from '../domain/meetingDates';
import { actorRef } from '../domain/access';
import { urgencyOnMove, urgencyWords } from '../domain/executiveDecisions';
import type { Urgency } from '../domain/runModel';
import { despatchedWithout, type StageDespatch } from '../domain/publication';
import { getBody } from '../store/bodies';
import { scrutinyChairOf } from './calendar';
import { getMeeting } from '../store/meetings';
import { putStageMeeting } from '../store/stageMeetings';
import { runAction, type ActionResult } from './runAction';

async function meetingChoice(meetingId: string): Promise<(MeetingChoice & { despatch?: StageDespatch }) | undefined> {
  const meeting = await getMeeting(meetingId);
  const body = meeting && (await getBody(meeting.body));
  return meeting && { meetingId, date: meeting.date, status: meeting.status, bodyId: meeting.body, bodyName: body?.name ?? meeting.body, despatch: despatchedWithout(meeting) };
}

/** The audit trail's words for what a move did to a key decision's urgency. */
function urgencyNote(urgency: Urgency | null | undefined): string {
  if (urgency === null) return '; the key decision now has its 28 clear days of notice: no urgency is needed';
  return urgency ? `; the key decision is taken under ${urgencyWords(urgency)}${urgency.reason ? `: ${urgency.reason}` : ''}` : '';
}

export function rescheduleStage(params: { runId: string; stageId: string }, body: RescheduleInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    const today = londonDate(at);
    // A move to a meeting whose deadline has passed is allowed only as a late item, with the reason (the chair's
    // agreement is recorded later: POST .../late-item).
    const lateItemFor = (meetingDate: string) => body.lateItem && { reason: body.lateItem.reason, agreedBy: null, at: at.toISOString(), meetingDate };
    if (body.meetingId !== undefined) {
      const choice = await meetingChoice(body.meetingId);
      const current = snapshot.stages.find((s) => s.id === params.stageId)?.meetingId;
      const stageBodyId = current ? (await getMeeting(current))?.body : undefined;
      const stage = checkMeetingChoice(snapshot, params.stageId, body.meetingId, choice, today, stageBodyId, { lateItem: !!body.lateItem });
      const date = choice!.date;
      const urgency = urgencyOnMove(snapshot, stage, date, body.urgency, { today, by: actorRef(actor), at, scrutinyChair: await scrutinyChairOf(stage), field: 'meetingId' });
      const newPublishBy = publishBy(date, snapshot.meta.clearDays);
      await putStageMeeting({
        runId: params.runId,
        stageIndex: stage.index,
        stageId: stage.id,
        meetingId: body.meetingId,
        meetingStatus: 'scheduled',
        bodyId: choice!.bodyId,
        date: { meetingDate: date, publishBy: newPublishBy },
        lateItem: lateItemFor(date),
        urgency,
        despatch: choice!.despatch,
      });
      const late = choice!.despatch ? `; its agenda went on ${choice!.despatch.publishedOn}: the report is a late item for it` : '';
      return {
        what: `Put the ${stage.body} stage at the meeting of ${date} (${body.meetingId}; publish by ${newPublishBy}), from ${stage.meetingDate}${urgencyNote(urgency)}${late}`,
        details: { stageId: stage.id, from: stage.meetingDate, to: date, meetingId: body.meetingId, ...(urgency !== undefined ? { urgency } : {}) },
      };
    }
    const meetingDate = body.meetingDate!;
    const stage = checkReschedule(snapshot, params.stageId, meetingDate, today, { lateItem: !!body.lateItem });
    const urgency = urgencyOnMove(snapshot, stage, meetingDate, body.urgency, { today, by: actorRef(actor), at, scrutinyChair: await scrutinyChairOf(stage), field: 'meetingDate' });
    const newPublishBy = publishBy(meetingDate, snapshot.meta.clearDays);
    // A date typed in: the stage is (or stays) off the calendar.
    await putStageMeeting({ runId: params.runId, stageIndex: stage.index, stageId: stage.id, meetingId: null, meetingStatus: null, date: { meetingDate, publishBy: newPublishBy }, lateItem: lateItemFor(meetingDate), urgency });
    return {
      what: `Moved the ${stage.body} meeting from ${stage.meetingDate} to ${meetingDate} (publish by ${newPublishBy})${urgencyNote(urgency)}`,
      details: { stageId: stage.id, from: stage.meetingDate, to: meetingDate, ...(urgency !== undefined ? { urgency } : {}) },
    };
  });
}
