/**
 * Meetings on the council's calendar: a body meeting on a London date, scheduled or cancelled, typed by a clerk
 * or imported (then `source` says from where, so the next import of the same file finds it again).
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../calendar';
import { publishBy } from '../computeDeadlines';
import { conflict, invalid } from '../errors';
import { oneLineText, webUrlSchema } from '../runModel';
import { bodyIdSchema, type Body } from './bodies';

/** A London wall-clock time, 24-hour `HH:MM`. */
export const meetingTimeSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'use HH:MM (24-hour, London time)');
export type MeetingTime = z.infer<typeof meetingTimeSchema>;

export const meetingStatusSchema = z.enum(['scheduled', 'cancelled']);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const meetingSourceKindSchema = z.enum(['ics', 'modern-gov']);
export type MeetingSourceKind = z.infer<typeof meetingSourceKindSchema>;

/** Where an imported meeting came from: its UID (iCalendar) or `meetingid` (Modern.Gov). */
export const meetingSourceSchema = z.object({ kind: meetingSourceKindSchema, uid: z.string().min(1).max(500) });
export type MeetingSource = z.infer<typeof meetingSourceSchema>;

export { webUrlSchema };

/** The meeting's agenda as published (`POST /api/meetings/{meetingId}/publication`). */
export const publicationSchema = z.object({ publishedOn: isoDateSchema, agendaUrl: webUrlSchema.optional() });
export type Publication = z.infer<typeof publicationSchema>;

export const meetingLocationSchema = oneLineText(300);

export const meetingSchema = z.object({
  meetingId: z.string().min(1).max(100),
  body: bodyIdSchema,
  date: isoDateSchema,
  time: meetingTimeSchema.optional(),
  location: meetingLocationSchema.optional(),
  status: meetingStatusSchema,
  source: meetingSourceSchema.optional(),
  publication: publicationSchema.optional(),
});
export type Meeting = z.infer<typeof meetingSchema>;

/** The body of `POST /api/meetings`: `body`, `date` required; `time`, `location` optional; others ignored. */
export const newMeetingInputSchema = z.object({
  body: bodyIdSchema,
  date: isoDateSchema,
  time: meetingTimeSchema.optional(),
  location: meetingLocationSchema.optional(),
});
export type NewMeetingInput = z.infer<typeof newMeetingInputSchema>;

/**
 * The body of `PATCH /api/meetings/{meetingId}`: a move (`date` and/or `time`) or a cancellation
 * (`{"status": "cancelled"}`), never both at once, since a cancelled meeting has no date to move to.
 */
export const meetingPatchSchema = z
  .object({
    date: isoDateSchema.optional(),
    time: meetingTimeSchema.optional(),
    status: z.literal('cancelled').optional(),
  })
  .superRefine((patch, ctx) => {
    const moves = patch.date !== undefined || patch.time !== undefined;
    if (!moves && patch.status === undefined) {
      ctx.addIssue({ code: 'custom', path: ['date'], message: 'give a new date (and time) or "status": "cancelled"' });
    }
    if (moves && patch.status !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['status'], message: 'cancel a meeting or move it, not both at once' });
    }
  });
export type MeetingPatch = z.infer<typeof meetingPatchSchema>;

/** A new meeting typed by a clerk; an unknown body is a 400 on `body` (API.md). */
export function newMeeting(input: NewMeetingInput, body: Body | undefined, meetingId: string): Meeting {
  if (!body || body.id !== input.body) {
    throw invalid('Invalid input: body', { body: `${input.body} is not a body on the calendar` });
  }
  return {
    meetingId,
    body: body.id,
    date: input.date,
    ...(input.time !== undefined ? { time: input.time } : {}),
    ...(input.location !== undefined ? { location: input.location } : {}),
    status: 'scheduled',
  };
}

/** Where a meeting was and is: what runs at it follow when it moves. */
export interface MeetingSlot {
  date: IsoDate;
  time?: MeetingTime;
}

export type MeetingChange =
  | { kind: 'moved'; meeting: Meeting; from: MeetingSlot; to: MeetingSlot }
  | { kind: 'cancelled'; meeting: Meeting }
  | { kind: 'unchanged'; meeting: Meeting };

export function slotOf(meeting: Pick<Meeting, 'date' | 'time'>): MeetingSlot {
  return meeting.time === undefined ? { date: meeting.date } : { date: meeting.date, time: meeting.time };
}

/**
 * A `PATCH` applied: the meeting after it and what changed. Cancelling twice changes nothing; a cancelled meeting
 * cannot be moved (409): the clerk adds a new one, so runs that followed the cancellation are not surprised.
 */
export function applyMeetingPatch(meeting: Meeting, patch: MeetingPatch): MeetingChange {
  if (patch.status === 'cancelled') {
    if (meeting.status === 'cancelled') return { kind: 'unchanged', meeting };
    return { kind: 'cancelled', meeting: { ...meeting, status: 'cancelled' } };
  }
  if (meeting.status === 'cancelled') {
    throw conflict('A cancelled meeting cannot be moved: add a new meeting instead', {
      date: `meeting ${meeting.meetingId} is cancelled`,
    });
  }
  const moved: Meeting = { ...meeting, date: patch.date ?? meeting.date };
  if (patch.time !== undefined) moved.time = patch.time;
  if (moved.date === meeting.date && moved.time === meeting.time) return { kind: 'unchanged', meeting };
  return { kind: 'moved', meeting: moved, from: slotOf(meeting), to: slotOf(moved) };
}

/** A meeting as the API answers it: every field present (null when unknown) and its publication deadline. */
export function meetingView(meeting: Meeting, body: Body) {
  return {
    meetingId: meeting.meetingId,
    body: meeting.body,
    date: meeting.date,
    time: meeting.time ?? null,
    location: meeting.location ?? null,
    status: meeting.status,
    publishBy: publishBy(meeting.date, body.clearDays),
    source: meeting.source ?? null,
    publication: meeting.publication ?? null,
  };
}
export type MeetingView = ReturnType<typeof meetingView>;

/** Meetings in calendar order: by date, then time (an untimed meeting first), then id, so answers are stable. */
export function compareMeetings(a: Meeting, b: Meeting): number {
  if (a.date !== b.date) return a.date < b.date ? -1 : 1;
  const at = a.time ?? '';
  const bt = b.time ?? '';
  if (at !== bt) return at < bt ? -1 : 1;
  return a.meetingId < b.meetingId ? -1 : a.meetingId > b.meetingId ? 1 : 0;
}
