/**
 * `POST /api/meetings/import?body=<bodyId>`: a body's meetings read from an iCalendar file or a Modern.Gov
 * GetMeetings answer and reconciled with the stored ones by their source id. The whole file is read first, so a
 * broken one stores nothing; a moved or cancelled meeting then carries its runs as a `PATCH` would.
 */
import { createHash } from 'node:crypto';
import type { Actor } from '../domain/actor';
import { londonDate } from '../domain/calendar';
import { invalid } from '../domain/errors';
import {
  importedMeetingId,
  importFormatOf,
  meetingsOfBody,
  parseIcs,
  parseModernGovMeetings,
  reconcileImport,
  type Meeting,
} from '../domain/meetings';
import { now } from '../platform/clock';
import { getBody } from '../store/bodies';
import { createMeeting, getMeeting, meetingsOfBody as storedMeetings, replaceMeeting } from '../store/meetings';
import { followMeeting } from './moveMeeting';

function sourceDigest(meeting: Meeting): string {
  return createHash('sha256').update(`${meeting.source!.kind}\n${meeting.source!.uid}`).digest('hex');
}

export async function importMeetings(bodyId: string, contentType: string | undefined, text: string, actor: Actor) {
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
  for (const meeting of plan.update) {
    const stored = await getMeeting(meeting.meetingId);
    if (stored) await replaceMeeting(meeting, stored);
  }
  const changed = [...plan.move.map((m) => m.meeting), ...plan.cancel];
  for (const meeting of changed) {
    const stored = await getMeeting(meeting.meetingId);
    if (stored && (await replaceMeeting(meeting, stored))) await followMeeting(meeting, body, actor);
  }
  return { ...plan.counts, created, unchanged: plan.counts.unchanged + (plan.create.length - created) };
}
