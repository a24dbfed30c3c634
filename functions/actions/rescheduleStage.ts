/** A meeting moves (`PATCH .../stages/{stageId}` and the run page's form); its deadlines follow. */
import type { Actor } from '../domain/actor';
import { londonDate } from '../domain/calendar';
import { publishBy } from '../domain/computeDeadlines';
import { checkReschedule, type RescheduleInput } from '../domain/meetingDates';
import { putStageDate } from '../store/runStore';
import { runAction, type ActionResult } from './runAction';

export function rescheduleStage(params: { runId: string; stageId: string }, body: RescheduleInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    const stage = checkReschedule(snapshot, params.stageId, body.meetingDate, londonDate(at));
    const newPublishBy = publishBy(body.meetingDate, snapshot.meta.clearDays);
    await putStageDate(params.runId, stage.index, stage.id, body.meetingDate, newPublishBy);
    return {
      what: `Moved the ${stage.body} meeting from ${stage.meetingDate} to ${body.meetingDate} (publish by ${newPublishBy})`,
      details: { stageId: stage.id, from: stage.meetingDate, to: body.meetingDate },
    };
  });
}
