/**
 * The recorded events of a meeting's agenda for one run's stage: its despatch (`POST .../publication`; the
 * report is published if cleared, else a late item) and the chair's agreement to a late item (`POST .../late-item`).
 * The meeting-wide despatch (`POST /api/meetings/{id}/publication`) runs the first for every report on it.
 */
import type { Actor } from '../domain/actor';
import { longDate } from '../domain/emails/dates';
import { conflict, DomainError } from '../domain/errors';
import { checkLateItem, checkMeetingDespatch, checkPublication, type LateItemInput, type PublicationInput } from '../domain/publication';
import type { RunSnapshot } from '../domain/runModel';
import { isPublished } from '../domain/runPhase';
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { replaceMeeting, stagesAtMeeting } from '../store/meetings';
import { putLateItem, putStagePublication } from '../store/runStore';
import { meetingWithReports, readMeeting } from './calendar';
import { actOn, currentRun, runAction, type ActionResult } from './runAction';

export function recordPublication(params: { runId: string; stageId: string }, body: PublicationInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, publicationAct(params, body));
}

/** The despatch of one stage's agenda, as the action pipeline runs it (for one run, or each run at a meeting). */
function publicationAct(params: { runId: string; stageId: string }, body: PublicationInput) {
  return async (snapshot: RunSnapshot, at: Date) => {
    const p = checkPublication(snapshot, params.stageId, body, at);
    const stored = await putStagePublication(params.runId, p.stage.index, {
      agendaFor: p.agendaFor,
      publishedOn: p.publishedOn,
      agendaUrl: p.agendaUrl,
      publishedAt: p.published ? at.toISOString() : null,
    });
    if (!stored) throw conflict(`The ${p.stage.body} meeting changed meanwhile: reload and try again`);
    const when = `${p.stage.body} on ${longDate(p.agendaFor)}`;
    return {
      what: p.published
        ? `Recorded the publication of the report with the agenda for the ${when} (despatched ${longDate(p.publishedOn)})`
        : `Recorded the despatch of the agenda for the ${when} without this report: it is a late item until the chair agrees or it moves`,
      details: { stageId: p.stage.id, meetingDate: p.agendaFor, publishedOn: p.publishedOn, agendaUrl: p.agendaUrl, published: p.published },
    };
  };
}

/**
 * `POST /api/meetings/{meetingId}/publication`: the meeting's agenda despatched, recorded on the meeting and for
 * every running run with a stage at it (each through the action pipeline: audit, settle, wake). A report cleared
 * then is published; one not cleared is a late item. Safe to repeat: a stage already recorded is left as it is.
 */
export async function recordMeetingDespatch(meetingId: string, body: PublicationInput, actor: Actor) {
  const { meeting } = await readMeeting(meetingId);
  if (checkMeetingDespatch(meeting, body, now()) === 'new') {
    const publication = { publishedOn: body.publishedOn, ...(body.agendaUrl ? { agendaUrl: body.agendaUrl } : {}) };
    if (!(await replaceMeeting({ ...meeting, publication }, meeting))) throw conflict('The meeting was changed meanwhile: read it again and retry');
  }
  const runIds = [...new Set((await stagesAtMeeting(meetingId)).map((s) => s.runId))];
  let failure: unknown;
  for (const runId of runIds) {
    try {
      let snapshot = await currentRun(runId);
      const stages = snapshot.stages.filter((s) => s.meetingId === meetingId && s.meetingDate === meeting.date && s.agendaFor !== s.meetingDate && !isPublished(s));
      for (const stage of stages) {
        snapshot = await despatchIfOpen(snapshot, stage.id, body, actor);
      }
    } catch (err) {
      logger.error('a run could not take the meeting\'s despatch', { runId, meetingId, error: err as Error });
      failure ??= err;
    }
  }
  // The others have it; the clerk's retry (the same request) brings this one in line.
  if (failure) throw failure;
  return meetingWithReports(meetingId);
}

/**
 * The despatch for one stage of a run at the meeting; a stage that cannot take it (its run finished, its meeting
 * decided) is left as it is, not an error: the domain refuses it before anything is written.
 */
async function despatchIfOpen(snapshot: RunSnapshot, stageId: string, body: PublicationInput, actor: Actor): Promise<RunSnapshot> {
  try {
    return (await actOn(snapshot, actor, publicationAct({ runId: snapshot.meta.runId, stageId }, body))).snapshot;
  } catch (err) {
    if (err instanceof DomainError && (err.code === 'conflict' || err.code === 'not-found')) return snapshot;
    throw err;
  }
}

export function recordLateItem(params: { runId: string; stageId: string }, body: LateItemInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    const { stage, lateItem } = checkLateItem(snapshot, params.stageId, body, at);
    if (!(await putLateItem(params.runId, stage.index, lateItem))) throw conflict(`The ${stage.body} meeting changed meanwhile: reload and try again`);
    return {
      what: `Recorded that ${body.agreedBy.name} (${body.agreedBy.role}) agreed to take the report to the ${stage.body} on ${longDate(stage.meetingDate)} as a late item: ${body.reason}`,
      details: { stageId: stage.id, meetingDate: stage.meetingDate, reason: body.reason, agreedBy: body.agreedBy },
    };
  });
}
