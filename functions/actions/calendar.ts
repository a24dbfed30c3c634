/**
 * The council's calendar as data: bodies (`PUT/GET /api/bodies`), meetings typed by a clerk (`POST /api/meetings`)
 * and read back (`GET /api/meetings`, one meeting with the reports on its agenda).
 */
import { randomBytes } from 'node:crypto';
import { conflict, notFound } from '../domain/errors';
import type { AddedStageMeeting } from '../domain/executiveDecisions';
import { assertScheduledMeeting } from '../domain/meetingDates';
import type { IsoDate } from '../domain/calendar';
import {
  bodyFromInput,
  compareMeetings,
  meetingView,
  newMeeting,
  typedMeetingId,
  type Body,
  type BodyInput,
  type Meeting,
  type MeetingsQuery,
  type NewMeetingInput,
} from '../domain/meetings';
import { reportNeeds } from '../domain/publication';
import { isPublished, publicationStatusOf } from '../domain/runPhase';
import { bodyNamed } from '../domain/meetings/bodies';
import { getBody, listBodies, putBody } from '../store/bodies';
import { createMeeting, getMeeting, meetingsOfBody, stagesAtMeeting } from '../store/meetings';
import { loadRuns } from './readRuns';
import type { Person, Stage } from '../domain/runModel';

/** A meeting's body, or the run default's deadlines when the body has gone (meetings outlive nothing, but be safe). */
function fallbackBody(bodyId: string): Body {
  return { id: bodyId, name: bodyId, kind: 'other', clearDays: { count: 5, excludeNonWorkingDays: true }, callInWorkingDays: 0 };
}

/** The chair of overview and scrutiny named on the stage's calendar body (its meeting's, else the body of that name). */
export async function scrutinyChairOf(stage: Pick<Stage, 'meetingId' | 'body' | 'bodyId'>): Promise<Person | null> {
  const meeting = stage.meetingId ? await getMeeting(stage.meetingId) : undefined;
  const byId = meeting ? await getBody(meeting.body) : stage.bodyId ? await getBody(stage.bodyId) : undefined;
  if (byId) return byId.scrutinyChair ?? null;
  return bodyNamed(await listBodies(), stage.body)?.scrutinyChair ?? null;
}

export async function saveBody(bodyId: string, input: BodyInput): Promise<Body> {
  const body = bodyFromInput(bodyId, input);
  await putBody(body);
  return body;
}

export async function readBodies(): Promise<Body[]> {
  return listBodies();
}

export async function readBody(bodyId: string): Promise<Body> {
  const body = await getBody(bodyId);
  if (!body) throw notFound(`No body ${bodyId}`);
  return body;
}

export async function addMeeting(input: NewMeetingInput) {
  const body = await getBody(input.body);
  const meeting = newMeeting(input, body, typedMeetingId(input.body, input.date, randomBytes(3).toString('hex')));
  if (!(await createMeeting(meeting))) throw conflict('A meeting with this id was added meanwhile: try again');
  return meetingView(meeting, body!);
}

/** Meetings by date, of one body or of every body, within the dates and with the status asked. */
export async function findMeetings(query: MeetingsQuery) {
  const bodies = query.body ? [await getBody(query.body)].filter((b): b is Body => !!b) : await listBodies();
  const lists = await Promise.all(bodies.map((b) => meetingsOfBody(b.id, { from: query.from, to: query.to })));
  const byId = new Map(bodies.map((b) => [b.id, b]));
  return lists
    .flat()
    .filter((m) => !query.status || m.status === query.status)
    .sort(compareMeetings)
    .map((m) => meetingView(m, byId.get(m.body) ?? fallbackBody(m.body)));
}


/** The reports at a meeting: every run (not withdrawn) with a stage there, read from the runs themselves. */
export async function reportsAt(meetingId: string) {
  const at = await stagesAtMeeting(meetingId);
  const runs = await loadRuns([...new Set(at.map((s) => s.runId))]);
  return runs
    .filter((run) => run.meta.status !== 'withdrawn')
    .flatMap((run) =>
      run.stages
        .filter((stage) => stage.meetingId === meetingId)
        .map((stage) => ({
          runId: run.meta.runId,
          stageId: stage.id,
          title: run.meta.plan.title,
          publishBy: stage.publishBy,
          published: isPublished(stage),
          // Where the report stands for this agenda, and what it still needs (in words, for the clerk).
          publication: publicationStatusOf(run, stage),
          needs: reportNeeds(run, stage),
          status: run.meta.status,
          meetingStatus: stage.meetingStatus ?? null,
        })),
    )
    .sort((a, b) => a.title.localeCompare(b.title) || a.runId.localeCompare(b.runId));
}

export async function readMeeting(meetingId: string): Promise<{ meeting: Meeting; body: Body }> {
  const meeting = await getMeeting(meetingId);
  if (!meeting) throw notFound(`No meeting ${meetingId}`);
  return { meeting, body: (await getBody(meeting.body)) ?? fallbackBody(meeting.body) };
}

/** `GET /api/meetings/{meetingId}`: the meeting and its agenda in preparation. */
export async function meetingWithReports(meetingId: string) {
  const { meeting, body } = await readMeeting(meetingId);
  return { ...meetingView(meeting, body), reports: await reportsAt(meetingId) };
}

/**
 * Where a meeting a decision adds to the run meets (a call-in's scrutiny meeting, Full Council on its referral):
 * the calendar meeting named (a 400 on `field` unless it is a scheduled one), or the date given at the body `where`
 * names, at that calendar body's meeting of the day when it has one.
 */
export async function meetingToAdd(
  choice: { meetingId?: string; meetingDate?: IsoDate },
  field: string,
  where: () => Promise<{ name: string; body: Body | undefined }>,
): Promise<AddedStageMeeting> {
  if (choice.meetingId) {
    const meeting = await getMeeting(choice.meetingId);
    const body = meeting && (await getBody(meeting.body));
    const known = meeting && body ? { ...meeting, bodyName: body.name } : undefined;
    assertScheduledMeeting(choice.meetingId, known, field);
    return { body: known.bodyName, meetingDate: known.date, meetingId: known.meetingId, bodyId: known.body };
  }
  const date = choice.meetingDate!;
  const { name, body } = await where();
  const sameDay = body && (await meetingsOfBody(body.id, { from: date, to: date })).find((m) => m.status === 'scheduled');
  return { body: name, meetingDate: date, meetingId: sameDay?.meetingId ?? null, bodyId: body?.id ?? null };
}

/** How many of a body's next meetings a page offers to choose from. */
const MEETINGS_OFFERED = 12;

/**
 * The scheduled calendar meetings, from `from`, of each of these bodies (the next few of each): what the run page
 * offers when a stage moves to another meeting.
 */
export async function upcomingMeetingsOf(bodyIds: readonly string[], from: IsoDate): Promise<Array<{ meeting: Meeting; bodyName: string }>> {
  const out: Array<{ meeting: Meeting; bodyName: string }> = [];
  for (const bodyId of new Set(bodyIds)) {
    const body = await getBody(bodyId);
    if (!body) continue;
    const meetings = (await meetingsOfBody(bodyId, { from })).filter((m) => m.status === 'scheduled').slice(0, MEETINGS_OFFERED);
    out.push(...meetings.map((meeting) => ({ meeting, bodyName: body.name })));
  }
  return out;
}

