/**
 * Keys of a run's items in the single table (DESIGN.md "Data model"), and of the index entries that let
 * dashboards find runs by status, open sign-offs by officer and meetings by date.
 */
import type { RunMeta, Signoff, Stage } from '../domain/runModel';

const pad = (n: number, width: number) => String(n).padStart(width, '0');

export const runPk = (runId: string) => `RUN#${runId}`;
export const META = 'META';
export const stageSk = (index: number) => `STAGE#${pad(index, 2)}`;
export const signoffSk = (id: string) => `SIGNOFF#${id}`;
export const decisionSk = (stageIndex: number, round: number) => `DECISION#${pad(stageIndex, 2)}#${pad(round, 4)}`;
export const revisionSk = (n: number) => `REVISION#${pad(n, 4)}`;
export const emailSk = (reason: string) => `EMAIL#${reason}`;
export const WAIT_SK = 'WAIT#current';
export const linkPk = (linkId: string) => `LINK#${linkId}`;
export const LINK_SK = 'LINK';
/** Partition keys of the byStatus and byOfficer indexes (officers' e-mails are stored lower case). */
export const statusPk = (status: string) => `RUNS#${status}`;
export const officerPk = (email: string) => `OFFICER#${email}`;

let eventCounter = 0;
/** Events sort by time, then by the order this process wrote them; the random tail keeps writers apart. */
export function eventSk(at: string): string {
  eventCounter = (eventCounter + 1) % 1_000_000;
  return `EVENT#${at}#${pad(eventCounter, 6)}${Math.random().toString(36).slice(2, 6)}`;
}

/** Runs by status, ordered by their next deadline (portfolio dashboard). */
export function metaIndex(meta: Pick<RunMeta, 'status' | 'runId'>, nextDeadline: string | null) {
  return { gsi1pk: statusPk(meta.status), gsi1sk: `${nextDeadline ?? '9999'}#${meta.runId}` };
}

/** Open sign-offs by officer, ordered by due date ("my sign-offs"); only while requested. */
export function signoffIndex(runId: string, so: Pick<Signoff, 'officer' | 'dueBy' | 'id' | 'status'>) {
  if (so.status !== 'requested') return {};
  return { gsi2pk: officerPk(so.officer.email), gsi2sk: `${so.dueBy}#${runId}#${so.id}` };
}

/** Meetings by date (upcoming meetings page). */
export function stageIndex(runId: string, stage: Pick<Stage, 'meetingDate' | 'id'>) {
  return { gsi3pk: 'MEETINGS', gsi3sk: `${stage.meetingDate}#${runId}#${stage.id}` };
}

/** The calendar index (`byCalendar`): bodies, a body's meetings by date, and the runs' stages at a meeting. */
export const bodyPk = (bodyId: string) => `BODY#${bodyId}`;
export const BODY_SK = 'BODY';
export const BODIES = 'BODIES';
export const meetingPk = (meetingId: string) => `MEETING#${meetingId}`;
export const MEETING_SK = 'MEETING';

/** A stage at a calendar meeting is listed under it ("the agenda in preparation"); a stage typed by date is not. */
export function stageMeetingIndex(runId: string, stage: Pick<Stage, 'meetingId' | 'id'>) {
  if (!stage.meetingId) return {};
  return { gsi4pk: meetingPk(stage.meetingId), gsi4sk: `${runId}#${stage.id}` };
}
