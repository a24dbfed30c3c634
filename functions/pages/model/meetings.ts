/**
 * Upcoming meetings across the runs in flight (`/meetings`), by date: each body's meeting, the plan whose report
 * goes to it, and that report's publication deadline and whether it is out.
 */
import { compareDates, londonDate } from '../../domain/calendar';
import type { RunSnapshot, Stage } from '../../domain/runModel';
import { isPublished } from '../../domain/runPhase';
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
}

function meetingRow(snapshot: RunSnapshot, stage: Stage, today: string): MeetingRow | undefined {
  const { meta } = snapshot;
  if (meta.status !== 'running' || stage.index < meta.cursor.index || compareDates(stage.meetingDate, today) < 0) return undefined;
  const publication: Tag = isPublished(stage)
    ? { text: 'Published', classes: 'govuk-tag--green' }
    : compareDates(stage.publishBy, today) < 0
      ? { text: 'Deadline missed', classes: 'govuk-tag--red' }
      : { text: 'Not yet published', classes: 'govuk-tag--grey' };
  return {
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
  const today = londonDate(now);
  const rows: MeetingRow[] = [];
  for (const snapshot of snapshots) {
    for (const stage of snapshot.stages) {
      const row = meetingRow(snapshot, stage, today);
      if (row) rows.push(row);
    }
  }
  return rows.sort(byMeeting);
}

/** Rows for a page of the meetings index: each stage (as the index holds it) with its run as the list knows it. */
export function upcomingMeetingRows(stages: { runId: string; stage: Stage }[], runs: Map<string, RunSnapshot>, now: Date): MeetingRow[] {
  const today = londonDate(now);
  const rows: MeetingRow[] = [];
  for (const { runId, stage } of stages) {
    const snapshot = runs.get(runId);
    const row = snapshot && meetingRow(snapshot, stage, today);
    if (row) rows.push(row);
  }
  return rows.sort(byMeeting);
}
