/**
 * What an importer reads from a file, whatever its format: one entry per meeting with the id the file gives it,
 * and what it had to pass over (with the reason, shown to the clerk in the import's answer).
 */
import type { IsoDate } from '../calendar';
import { bodyNameKey } from './bodies';
import { webUrlSchema, type MeetingSourceKind, type MeetingTime } from './meetings';

export interface ImportedMeeting {
  /** The file's own id for the meeting (iCalendar UID, Modern.Gov meetingid): how a later import finds it. */
  uid: string;
  date: IsoDate;
  time?: MeetingTime;
  location?: string;
  title?: string;
  /** iCalendar CATEGORIES: a council-wide file names each event's body there (see `meetingsOfBody`). */
  categories?: string[];
  cancelled: boolean;
  /** The file says the agenda was despatched (and where it is): recorded as `POST .../publication` would. */
  agenda?: ImportedAgenda;
}

export interface ImportedAgenda {
  publishedOn: IsoDate;
  agendaUrl?: string;
}

/** An agenda's address as a file gives it: an absolute http(s) URL the publication schema accepts, else none. */
export function agendaUrlOf(text: string | undefined): string | undefined {
  const url = text?.trim();
  return url && webUrlSchema.safeParse(url).success ? url : undefined;
}

export interface SkippedEntry {
  uid: string;
  reason: string;
}

export interface ImportedCalendar {
  source: MeetingSourceKind;
  meetings: ImportedMeeting[];
  skipped: SkippedEntry[];
}

/**
 * Only the meetings filed under a body (CATEGORIES naming its id or its name, in any case): how one council-wide
 * calendar file is imported body by body. What the file skipped is kept.
 */
export function meetingsOfBody(calendar: ImportedCalendar, body: { id: string; name: string }): ImportedCalendar {
  const names = new Set([body.id.toLowerCase(), bodyNameKey(body.name)]);
  return { ...calendar, meetings: calendar.meetings.filter((m) => m.categories?.some((c) => names.has(c.toLowerCase()))) };
}

/** Ids and texts are kept to a sensible size: they are stored and shown back. */
export const MAX_UID_LENGTH = 500;
export const MAX_TEXT_LENGTH = 300;

/** One line, trimmed and bounded, or undefined when empty. */
export function oneLine(text: unknown, max = MAX_TEXT_LENGTH): string | undefined {
  if (typeof text !== 'string') return undefined;
  const line = text.replace(/[\s\p{Cc}]+/gu, ' ').trim().slice(0, max).trim();
  return line || undefined;
}
