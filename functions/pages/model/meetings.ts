/**
 * Upcoming meetings across the runs in flight (`/meetings`), by date: each body's meeting, the plan whose report
 * goes to it, and that report's publication deadline and whether it is out.
 */
import { compareDates, londonDate } from '../../domain/calendar';
import type { RunSnapshot, Stage } from '../../domain/runModel';
import { isAgreedLateItem, isPublished, publicationStatusOf, stagesAwaitingPublication } from '../../domain/runPhase';
import { longDate, type Tag } from './format';
import { runHref } from './links';

export interface MeetingRow {
  date: string;
  meeting: string;
  body: string;
  runId: string;
  href: string;
  title: string;
  publishBy: string;
  publication: Tag;
  /** The calendar meeting's own page, for a stage at one. */
  meetingHref: string | null;
}

/**
 * Where the stage's report stands, from facts only (as the dashboard's RAG): published when recorded; a late item
 * when its agenda went without it or it was marked one; its deadline missed only while the run can still reach it
 * (not for a stage after a meeting held without its decision recorded).
 */
function publicationTag(snapshot: RunSnapshot, stage: Stage, now: Date): Tag {
  if (isPublished(stage)) return { text: 'Published', classes: 'govuk-tag--green' };
  if (publicationStatusOf(snapshot, stage) === 'late-item') {
    return isAgreedLateItem(stage) ? { text: 'Agreed late item', classes: 'govuk-tag--blue' } : { text: 'Late item', classes: 'govuk-tag--orange' };
  }
  const awaiting = stagesAwaitingPublication(snapshot, now).some((s) => s.index === stage.index);
  return awaiting && compareDates(stage.publishBy, londonDate(now)) < 0
    ? { text: 'Deadline missed', classes: 'govuk-tag--red' }
    : { text: 'Not yet published', classes: 'govuk-tag--grey' };
}

function meetingRow(snapshot: RunSnapshot, stage: Stage, now: Date): MeetingRow | undefined {
  const { meta } = snapshot;
  const today = londonDate(now);
  if (meta.status !== 'running' || stage.index < meta.cursor.index || compareDates(stage.meetingDate, today) < 0) return undefined;
  const publication = publicationTag(snapshot, stage, now);
  return {
    meetingHref: stage.meetingId ? `/meetings/${encodeURIComponent(stage.meetingId)}` : null,
    date: stage.meetingDate,
    meeting: longDate(stage.meetingDate),
    body: stage.body,
    runId: meta.runId,
    href: runHref(meta.runId),
    title: meta.plan.title,
    publishBy: longDate(stage.publishBy),
    publication,
  };
}

const byMeeting = (a: MeetingRow, b: MeetingRow) => compareDates(a.date, b.date) || a.body.localeCompare(b.body) || a.title.localeCompare(b.title);

export function upcomingMeetings(snapshots: RunSnapshot[], now: Date): MeetingRow[] {
  const rows: MeetingRow[] = [];
  for (const snapshot of snapshots) {
    for (const stage of snapshot.stages) {
      const row = meetingRow(snapshot, stage, now);
      if (row) rows.push(row);
    }
  }
  return rows.sort(byMeeting);
}

/** Rows for a page of the meetings index: each stage (as the index holds it) with its run as the list knows it. */
export function upcomingMeetingRows(stages: { runId: string; stage: Stage }[], runs: Map<string, RunSnapshot>, now: Date): MeetingRow[] {
  const rows: MeetingRow[] = [];
  for (const { runId, stage } of stages) {
    const snapshot = runs.get(runId);
    const row = snapshot && meetingRow(snapshot, stage, now);
    if (row) rows.push(row);
  }
  return rows.sort(byMeeting);
}
