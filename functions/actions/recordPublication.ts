/**
 * The recorded events of a meeting's agenda for one run's stage: its despatch (`POST .../publication`; the
 * report is published if cleared, else a late item) and the chair's agreement to a late item (`POST .../late-item`).
 * The meeting-wide despatch (`POST /api/meetings/{id}/publication`) runs the first for every report on it.
 */
import type { Actor } from '../domain/actor';
import { longDate } from '../domain/emails/dates';
import { conflict } from '../domain/errors';
import { checkLateItem, checkPublication, type LateItemInput, type PublicationInput } from '../domain/publication';
import { putLateItem, putStagePublication } from '../store/runStore';
import { runAction, type ActionResult } from './runAction';

export function recordPublication(params: { runId: string; stageId: string }, body: PublicationInput, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
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
  });
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
