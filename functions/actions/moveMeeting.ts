/**
 * A calendar meeting moved or cancelled (`PATCH /api/meetings/{meetingId}`, or an import), and every running run
 * with a stage at it following, each through the run action pipeline (audit, settle, wake) and e-mailed once.
 */
import type { Actor } from '../domain/actor';
import { londonDate, type IsoDate } from '../domain/calendar';
import { DomainError, conflict, invalid } from '../domain/errors';
import type { EmailIntent } from '../domain/emailIntents';
import { meetingDateProblem } from '../domain/meetingDates';
import {
  applyMeetingPatch,
  followMeetingChange,
  meetingMovedEmail,
  meetingNeededEmail,
  meetingView,
  nextFittingMeeting,
  replacementWindow,
  stageInLine,
  type Body,
  type Meeting,
  type MeetingChangeFacts,
  type MeetingPatch,
  type StageFollow,
} from '../domain/meetings';
import { publishBy } from '../domain/computeDeadlines';
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { meetingsOfBody, replaceMeeting, stagesAtMeeting } from '../store/meetings';
import { putStageMeeting } from '../store/stageMeetings';
import { reportsAt, readMeeting } from './calendar';
import { actOn, currentRun } from './runAction';
import { sendRunEmails } from './sendRunEmails';

/** The meeting's change as the runs at it see it. */
function factsOf(meeting: Meeting): MeetingChangeFacts {
  return meeting.status === 'cancelled' ? { kind: 'cancelled' } : { kind: 'moved', to: meeting.date };
}

function whatOf(body: Body, follow: StageFollow): string {
  if (follow.kind === 'move') {
    return `The ${body.name} meeting moved from ${follow.stage.meetingDate} to ${follow.meetingDate}: the ${follow.stage.id} stage follows it (publish by ${follow.publishBy})`;
  }
  const { stage, movedTo } = follow;
  if (follow.why === 'cancelled') return `The ${body.name} meeting of ${stage.meetingDate} was cancelled: the ${stage.id} stage needs a new meeting`;
  if (follow.why === 'out-of-order') return `The ${body.name} meeting of ${stage.meetingDate} moved to ${movedTo}, out of the run's order: the ${stage.id} stage needs a new meeting`;
  return `The ${body.name} meeting of ${stage.meetingDate} moved to ${movedTo}, fewer than 28 clear days after the key decision's notice on the forward plan: the ${stage.id} stage needs a later meeting, or this one again with the general exception or special urgency recorded`;
}

/**
 * Brings every run with a stage at the meeting in line with it as stored. Safe to repeat: a run that already
 * follows changes nothing, and each e-mail has its guard. A run that fails is logged and the others go on.
 */
export async function followMeeting(meeting: Meeting, body: Body, actor: Actor): Promise<number> {
  const facts = factsOf(meeting);
  const runIds = [...new Set((await stagesAtMeeting(meeting.meetingId)).map((s) => s.runId))];
  let calendar: Meeting[] | undefined;
  const bodyMeetings = async (today: IsoDate) => (calendar ??= await meetingsOfBody(body.id, { from: today }));
  let followed = 0;
  let failure: unknown;
  for (const runId of runIds) {
    try {
      const snapshot = await currentRun(runId);
      const today = londonDate(now());
      const follows = followMeetingChange(snapshot, meeting.meetingId, facts, today);
      if (!follows.length) continue;
      await actOn(
        snapshot,
        actor,
        async () => {
          for (const f of follows) {
            await putStageMeeting({
              runId,
              stageIndex: f.stage.index,
              stageId: f.stage.id,
              meetingId: meeting.meetingId,
              meetingStatus: f.kind === 'move' ? 'scheduled' : f.why,
              ...(f.kind === 'move' ? { date: { meetingDate: f.meetingDate, publishBy: f.publishBy } } : {}),
            });
          }
          return {
            what: follows.map((f) => whatOf(body, f)).join('; '),
            details: { meetingId: meeting.meetingId, stages: follows.map((f) => ({ stageId: f.stage.id, change: f.kind === 'move' ? 'moved' : f.why })) },
          };
        },
        {
          beforeWake: async (settled) => {
            const intents: EmailIntent[] = [];
            for (const f of follows) {
              if (f.kind === 'move') {
                const intent = meetingMovedEmail(snapshot, settled.snapshot, f.stage.id, meeting.meetingId);
                if (intent) intents.push(intent);
                continue;
              }
              const window = replacementWindow(settled.snapshot, f.stage, today);
              const next = nextFittingMeeting(body, await bodyMeetings(today), window);
              const proposal = next ? { meetingId: next.meetingId, date: next.date, publishBy: publishBy(next.date, window.clearDays) } : null;
              intents.push(meetingNeededEmail(settled.snapshot, f, meeting.meetingId, proposal));
            }
            try {
              await sendRunEmails(runId, intents.filter((i) => !settled.snapshot.sentEmails.has(i.reason)));
            } catch (err) {
              // SES could not take it now: its guard keeps it, and the execution woken next sweeps it out again.
              logger.error('a meeting e-mail could not be sent now: the execution will send it', { runId, meetingId: meeting.meetingId, error: err as Error });
            }
          },
        },
      );
      followed += 1;
    } catch (err) {
      if (err instanceof DomainError && err.code === 'not-found') continue;
      logger.error('a run could not follow its meeting', { runId, meetingId: meeting.meetingId, error: err as Error });
      failure ??= err;
    }
  }
  // Every other run has followed; the caller's retry (the same PATCH or import) brings this one in line.
  if (failure) throw failure;
  return followed;
}

/**
 * A meeting an import leaves as it is: the runs at it follow only if one of their stages is not in line with it
 * (an earlier import's failure left it behind), so importing the same file again heals as repeating a `PATCH`
 * does, at the cost of one index query per meeting when all is well.
 */
export async function catchUpMeeting(meeting: Meeting, body: Body, actor: Actor): Promise<void> {
  const at = await stagesAtMeeting(meeting.meetingId);
  if (at.some((stage) => !stageInLine(meeting, stage))) await followMeeting(meeting, body, actor);
}

/** `PATCH /api/meetings/{meetingId}`: the meeting moved or cancelled, and the runs at it following. */
export async function changeMeeting(meetingId: string, patch: MeetingPatch, actor: Actor) {
  const { meeting, body } = await readMeeting(meetingId);
  const today = londonDate(now());
  const past = patch.date !== undefined ? meetingDateProblem(patch.date, today) : undefined;
  if (past) throw invalid('Invalid input: date', { date: past });
  const change = applyMeetingPatch(meeting, patch);
  if (change.kind !== 'unchanged' && !(await replaceMeeting(change.meeting, meeting))) {
    throw conflict('The meeting was changed meanwhile: read it again and retry');
  }
  // Also when nothing changed: a retry brings in line any run a failure left behind.
  await followMeeting(change.meeting, body, actor);
  return { ...meetingView(change.meeting, body), reports: await reportsAt(meetingId) };
}
