/**
 * Calendar dates as councils see them: `YYYY-MM-DD` strings in Europe/London.
 *
 * Meetings, deadlines and sign-offs are whole days, so day arithmetic is done on UTC midnights (which have no
 * daylight saving) and only the two conversions between instants and London days touch a time zone.
 */
import { TZDate } from '@date-fns/tz';
import { z } from 'zod';

export const LONDON = 'Europe/London';

/** A real calendar date `YYYY-MM-DD` (2017-02-30 and 2017-02-29 are refused). */
export const isoDateSchema = z.iso.date();
export type IsoDate = z.infer<typeof isoDateSchema>;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** UTC midnight of a date; throws on anything that is not a real `YYYY-MM-DD` date so bad input fails loudly. */
function toUtc(date: IsoDate): Date {
  const match = ISO_DATE.exec(date);
  if (match) {
    const [, y, m, d] = match.map(Number);
    const utc = new Date(Date.UTC(y, m - 1, d));
    // Date.UTC rolls 2017-02-30 over to 2 March: a round trip that changes the date means it was impossible.
    if (utc.getUTCFullYear() === y && utc.getUTCMonth() === m - 1 && utc.getUTCDate() === d) return utc;
  }
  throw new RangeError(`not a calendar date (YYYY-MM-DD): ${JSON.stringify(date)}`);
}

function fromUtc(utc: Date): IsoDate {
  return utc.toISOString().slice(0, 10);
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** The Europe/London calendar date of an instant (23:30 UTC on a summer day is already the next day). */
export function londonDate(instant: Date): IsoDate {
  const local = new TZDate(instant.getTime(), LONDON);
  return `${pad(local.getFullYear(), 4)}-${pad(local.getMonth() + 1)}-${pad(local.getDate())}`;
}

/** The instant a London day begins: 00:00 GMT in winter, 23:00 UTC the evening before in summer time. */
export function startOfLondonDay(date: IsoDate): Date {
  const utc = toUtc(date);
  return new Date(new TZDate(utc.getUTCFullYear(), utc.getUTCMonth(), utc.getUTCDate(), LONDON).getTime());
}

/** The date `n` calendar days after `date` (before it when `n` is negative). */
export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  return fromUtc(new Date(toUtc(date).getTime() + n * MS_PER_DAY));
}

/** Calendar days from `a` to `b`: positive when `b` is later. */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return Math.round((toUtc(b).getTime() - toUtc(a).getTime()) / MS_PER_DAY);
}

/** Sort comparator: negative when `a` is earlier than `b`, 0 when equal, positive when later. */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return Math.sign(toUtc(a).getTime() - toUtc(b).getTime());
}

/** 0 = Sunday .. 6 = Saturday, as `Date#getDay`. */
export function dayOfWeek(date: IsoDate): number {
  return toUtc(date).getUTCDay();
}

export function isWeekend(date: IsoDate): boolean {
  const day = dayOfWeek(date);
  return day === 0 || day === 6;
}

/** Days since 1970-01-01: whole-day arithmetic on integers, for loops that step through many days. */
export function toDayNumber(date: IsoDate): number {
  return Math.round(toUtc(date).getTime() / MS_PER_DAY);
}

export function fromDayNumber(day: number): IsoDate {
  return fromUtc(new Date(day * MS_PER_DAY));
}

/** The calendar year of a date, for per-year caches. */
export function yearOf(date: IsoDate): number {
  return toUtc(date).getUTCFullYear();
}
