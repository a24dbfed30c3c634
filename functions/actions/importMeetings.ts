/**
 * `POST /api/meetings/import?body=<bodyId>`: a body's meetings read from an iCalendar file or a Modern.Gov
 * GetMeetings answer and reconciled with the stored ones by their source id. The whole file is read first, so a
 * broken one stores nothing; a moved or cancelled meeting then carries its runs as a `PATCH` would.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../domain/actor';
import { compareDates, londonDate } from '../domain/calendar';
import { invalid } from '../domain/errors';
import {
  importedMeetingId,
  importFormatOf,
  meetingsOfBody,
  parseIcs,
  parseModernGovMeetings,
  reconcileImport,
  type Meeting,
  type SkippedEntry,
} from '../domain/meetings';
import { now } from '../platform/clock';
import { getBody } from '../store/bodies';
import { createMeeting, getMeeting, meetingsOfBody as storedMeetings, replaceMeeting } from '../store/meetings';
import { catchUpMeeting, followMeeting } from './moveMeeting';

function sourceDigest(meeting: Meeting): string {
  return createHash('sha256').update(`${meeting.source!.kind}\n${meeting.source!.uid}`).digest('hex');
}

/** The import's answer (API.md): exactly these counts, and the file's entries that were skipped with why. */
export interface ImportSummary {
  created: number;
  moved: number;
  cancelled: number;
  unchanged: number;
  skipped: SkippedEntry[];
}

export async function importMeetings(bodyId: string, contentType: string | undefined, text: string, actor: Actor): Promise<ImportSummary> {
  const body = await getBody(bodyId);
  if (!body) throw invalid('Invalid input: body', { body: `${bodyId} is not a body on the calendar` });
  const format = importFormatOf(contentType);
  const today = londonDate(now());
  const parsed = format === 'ics' ? parseIcs(text, { body, today }) : parseModernGovMeetings(text, { body });
  // A council-wide file files each event under its body (CATEGORIES): only this body's are taken from it.
  const calendar = format === 'ics' && parsed.meetings.some((m) => m.categories?.length) ? meetingsOfBody(parsed, body) : parsed;
  const plan = reconcileImport(await storedMeetings(body.id), calendar, { body, newId: () => '' });

  let created = 0;
  for (const meeting of plan.create) {
    if (await createMeeting({ ...meeting, meetingId: importedMeetingId(body.id, sourceDigest(meeting)) })) created += 1;
  }
  // A new venue alone: stored, and nobody needs to hear of it.
  for (const meeting of plan.update) {
    const stored = await getMeeting(meeting.meetingId);
    if (stored) await replaceMeeting(meeting, stored);
  }
  // Each moved or cancelled meeting carries its runs; one that fails does not stop the others (the first failure is
  // answered once all have been tried, and importing the file again brings that run in line).
  let failure: unknown;
  const follow = async (work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (err) {
      failure ??= err;
    }
  };
  for (const meeting of [...plan.move.map((m) => m.meeting), ...plan.cancel]) {
    await follow(async () => {
      const stored = await getMeeting(meeting.meetingId);
      if (stored && (await replaceMeeting(meeting, stored))) await followMeeting(meeting, body, actor);
    });
  }
  for (const meeting of plan.unchanged) {
    if (compareDates(meeting.date, today) >= 0) await follow(() => catchUpMeeting(meeting, body, actor));
  }
  if (failure) throw failure;
  // A meeting whose venue alone changed is counted unchanged: its date, time and status are, so nothing follows.
  // One another import created meanwhile is unchanged too: this file names it as it is.
  return {
    created,
    moved: plan.counts.moved,
    cancelled: plan.counts.cancelled,
    unchanged: plan.counts.unchanged + plan.counts.updated + (plan.create.length - created),
    skipped: plan.counts.skipped,
  };
}
