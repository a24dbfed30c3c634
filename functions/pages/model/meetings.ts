/**
 * Upcoming meetings across the runs in flight (`/meetings`), by date: each body's meeting, the plan whose report
 * goes to it, and that report's publication deadline and whether it is out.
 */
import { compareDates, londonDate } from '../../domain/calendar';
import type { RunSnapshot } from '../../domain/runModel';
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

export function upcomingMeetings(snapshots: RunSnapshot[], now: Date): MeetingRow[] {
  const today = londonDate(now);
  const rows: MeetingRow[] = [];
  for (const snapshot of snapshots) {
    const { meta } = snapshot;
    if (meta.status !== 'running') continue;
    for (const stage of snapshot.stages) {
      if (stage.index < meta.cursor.index || compareDates(stage.meetingDate, today) < 0) continue;
      const publication: Tag = isPublished(stage)
        ? { text: 'Published', classes: 'govuk-tag--green' }
        : compareDates(stage.publishBy, today) < 0
          ? { text: 'Deadline missed', classes: 'govuk-tag--red' }
          : { text: 'Not yet published', classes: 'govuk-tag--grey' };
      rows.push({
        date: stage.meetingDate,
        meeting: longDate(stage.meetingDate),
        body: stage.body,
        runId: meta.runId,
        href: runHref(meta.runId),
        title: meta.plan.title,
        publishBy: longDate(stage.publishBy),
        publication,
      });
    }
  }
  return rows.sort((a, b) => compareDates(a.date, b.date) || a.body.localeCompare(b.body) || a.title.localeCompare(b.title));
}
