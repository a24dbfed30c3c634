/**
 * `POST /api/meetings/import?body=<bodyId>`: a body's meetings read from an iCalendar file or a Modern.Gov
 * GetMeetings answer and reconciled with the stored ones by their source id. The whole file is read first, so a
 * broken one stores nothing; a moved or cancelled meeting then carries its runs as a `PATCH` would, and a meeting
 * the file says had its agenda despatched is recorded as `POST /api/meetings/{id}/publication` would record it.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../domain/actor';
import { compareDates, londonDate } from '../domain/calendar';
import { DomainError, invalid } from '../domain/errors';
import {
  importedMeetingId,
  importFormatOf,
  meetingsOfBody,
  parseIcs,
  parseModernGovMeetings,
  reconcileImport,
  type ImportedCalendar,
  type Meeting,
  type SkippedEntry,
} from '../domain/meetings';
import { recordMeetingDespatch } from './recordPublication';
import { now } from '../platform/clock';
import { getBody } from '../store/bodies';
import { createMeeting, getMeeting, meetingsOfBody as storedMeetings, replaceMeeting } from '../store/meetings';
import { catchUpMeeting, followMeeting } from './moveMeeting';

function sourceDigest(source: NonNullable<Meeting['source']>): string {
  return createHash('sha256').update(`${source.kind}\n${source.uid}`).digest('hex');
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
    if (await createMeeting({ ...meeting, meetingId: importedMeetingId(body.id, sourceDigest(meeting.source!)) })) created += 1;
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
  const despatches = await recordImportedDespatches(body.id, calendar, today, actor, follow);
  if (failure) throw failure;
  // A meeting whose venue alone changed is counted unchanged: its date, time and status are, so nothing follows.
  // One another import created meanwhile is unchanged too: this file names it as it is.
  return {
    created,
    moved: plan.counts.moved,
    cancelled: plan.counts.cancelled,
    unchanged: plan.counts.unchanged + plan.counts.updated + (plan.create.length - created),
    skipped: [...plan.counts.skipped, ...despatches],
  };
}

/**
 * Each agenda the file says was despatched, recorded for its meeting and every report on it (safe to repeat: the
 * same despatch again changes nothing and brings in line a run an earlier failure left behind). One the calendar
 * cannot take (in the future, after the meeting, another date than the one recorded) is skipped with the reason.
 */
async function recordImportedDespatches(
  bodyId: string,
  calendar: ImportedCalendar,
  today: string,
  actor: Actor,
  follow: (work: () => Promise<unknown>) => Promise<void>,
): Promise<SkippedEntry[]> {
  const skipped: SkippedEntry[] = [];
  for (const imported of calendar.meetings) {
    if (!imported.agenda) continue;
    const meetingId = importedMeetingId(bodyId, sourceDigest({ kind: calendar.source, uid: imported.uid }));
    const stored = await getMeeting(meetingId);
    if (!stored || stored.status !== 'scheduled') continue;
    const was = stored.publication;
    // A despatch already recorded is looked at again (for runs an earlier failure left behind) until the meeting.
    if (was && compareDates(stored.date, today) < 0) continue;
    if (was && was.publishedOn !== imported.agenda.publishedOn) {
      skipped.push({ uid: imported.uid, reason: `the agenda is already recorded as despatched on ${was.publishedOn}: the file's ${imported.agenda.publishedOn} is not recorded` });
      continue;
    }
    await follow(async () => {
      try {
        await recordMeetingDespatch(meetingId, was ?? imported.agenda!, actor);
      } catch (err) {
        if (!(err instanceof DomainError) || (err.code !== 'invalid-input' && err.code !== 'conflict')) throw err;
        const why = err.fields?.publishedOn ?? err.message;
        skipped.push({ uid: imported.uid, reason: `the agenda's despatch on ${imported.agenda!.publishedOn} is not recorded: ${why}` });
      }
    });
  }
  return skipped;
}
