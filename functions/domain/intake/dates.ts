/**
 * Dates written in reports ("9 February 2017", "09/02/2017", "9th Feb 2017", "Thursday, 9 Feb. 17"), found with
 * chrono's British-English parser (day before month). Only mentions that name a day and a month count; the
 * year may be missing ("9 February"), for the caller to infer from the dates around it.
 */
import * as chrono from 'chrono-node';
import type { IsoDate } from '../calendar';

export interface DateMention {
  /** Where the mention starts and ends in the searched text (end exclusive). */
  index: number;
  end: number;
  text: string;
  day: number;
  month: number;
  /** null when the text gives no year. */
  year: number | null;
}

// A fixed reference instant: a mention without a year must not take today's year silently.
const REFERENCE = new Date(Date.UTC(2000, 0, 1, 12));

/** Longer text is prose (or an attack): meetings, dates of sign-off and cover-sheet dates sit in short lines. */
const MAX_TEXT = 5000;
/** The same lines and cells are asked about many times while a report is read. */
const cache = new Map<string, DateMention[]>();

export function findDates(text: string): DateMention[] {
  if (!/\d/.test(text) || text.length > MAX_TEXT) return [];
  const known = cache.get(text);
  if (known) return known;
  if (cache.size > 5000) cache.clear();
  const found = parseDates(text);
  cache.set(text, found);
  return found;
}

function parseDates(text: string): DateMention[] {
  return chrono.en.GB.parse(text, REFERENCE)
    .filter((r) => r.start.isCertain('day') && r.start.isCertain('month') && /\d/.test(r.text))
    .map((r) => {
      // "decision 14 January": chrono may take the "on" ending a word as part of the date; it is not.
      const inWord = r.index > 0 && /[A-Za-z]/.test(text[r.index - 1]) ? (/^[A-Za-z]+[^A-Za-z0-9]*/.exec(r.text)?.[0].length ?? 0) : 0;
      return { r, index: r.index + inWord, text: r.text.slice(inWord) };
    })
    .map(({ r, index, text: mention }) => ({
      index,
      end: index + mention.length,
      text: mention,
      day: r.start.get('day')!,
      month: r.start.get('month')!,
      year: r.start.isCertain('year') ? r.start.get('year')! : null,
    }));
}

/** `YYYY-MM-DD`, or null for an impossible date (31 February). */
export function isoDate(year: number, month: number, day: number): IsoDate | null {
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}` as IsoDate;
}

/** The mention's date, its year taken from `year` when the text has none. */
export function mentionDate(m: DateMention, year?: number): IsoDate | null {
  const y = m.year ?? year;
  return y === undefined ? null : isoDate(y, m.month, m.day);
}

/** The text with every date mention cut out (and the spaces around it tidied). */
export function withoutDates(text: string, mentions = findDates(text)): string {
  const parts: string[] = [];
  let from = 0;
  for (const m of [...mentions].sort((a, b) => a.index - b.index)) {
    parts.push(text.slice(from, m.index));
    from = Math.max(from, m.end);
  }
  parts.push(text.slice(from));
  return parts.join(' ').replace(/\s+/g, ' ').trim();
}
