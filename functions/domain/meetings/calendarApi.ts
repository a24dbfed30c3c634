/**
 * The calendar's HTTP inputs that are not a body's or a meeting's own schema: the meetings list's query, the
 * import's query, and the meeting ids Ratify makes. Pure.
 */
import { z } from 'zod';
import { compareDates, isoDateSchema, type IsoDate } from '../calendar';
import { invalid } from '../errors';
import { bodyIdSchema } from './bodies';
import { meetingStatusSchema, type MeetingSourceKind } from './meetings';

const blankIsNone = (v: unknown) => (v === '' ? undefined : v);

/** `GET /api/meetings?body=&from=&to=&status=`: every filter optional, an empty one is no filter. */
export const meetingsQuerySchema = z
  .object({
    body: z.preprocess(blankIsNone, bodyIdSchema.optional()),
    from: z.preprocess(blankIsNone, isoDateSchema.optional()),
    to: z.preprocess(blankIsNone, isoDateSchema.optional()),
    status: z.preprocess(blankIsNone, meetingStatusSchema.optional()),
  })
  .superRefine((q, ctx) => {
    if (q.from && q.to && compareDates(q.to, q.from) < 0) ctx.addIssue({ code: 'custom', path: ['to'], message: `is before from (${q.from})` });
  });
export type MeetingsQuery = z.infer<typeof meetingsQuerySchema>;

/** `POST /api/meetings/import?body=<bodyId>`. */
export const importQuerySchema = z.object({ body: bodyIdSchema });

/** The importers by content type: iCalendar, or a Modern.Gov web-service answer (XML). */
export function importFormatOf(contentType: string | undefined): MeetingSourceKind {
  const type = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (type === 'text/calendar') return 'ics';
  if (type === 'application/xml' || type === 'text/xml' || /^application\/.+\+xml$/.test(type)) return 'modern-gov';
  throw invalid('Send an iCalendar file (text/calendar) or a Modern.Gov GetMeetings answer (application/xml)', {
    'Content-Type': `${type || '(none)'} is neither text/calendar nor application/xml`,
  });
}

/** A typed meeting's id: the body, the date and a random tail (`tw-cabinet-2017-04-13-3f9a1c`). */
export function typedMeetingId(bodyId: string, date: IsoDate, randomHex: string): string {
  return `${bodyId}-${date}-${randomHex.slice(0, 6)}`;
}

/**
 * An imported meeting's id, from its body and a digest of its source id: the same file imported twice (or twice
 * at once) names the same meeting, so a concurrent import cannot create it twice.
 */
export function importedMeetingId(bodyId: string, sourceDigestHex: string): string {
  return `${bodyId}-${sourceDigestHex.slice(0, 12)}`;
}
