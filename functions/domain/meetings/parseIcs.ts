/**
 * Reading a body's meetings from an iCalendar file (RFC 5545), as councils' diaries and Modern.Gov export them.
 *
 * Each VEVENT with a UID and a DTSTART is a meeting on the London date (and time) it starts. DTSTART may be a DATE
 * (an all-day entry), a UTC date-time (`Z`), a floating one (taken as London time), or a date-time with a TZID:
 * Europe/London, any IANA zone, or a zone the file defines in a VTIMEZONE (Outlook's "GMT Standard Time").
 * Recurring events (RRULE/RDATE, with EXDATE and moved instances) are expanded up to 2 years after `today`.
 */
import { TZDate } from '@date-fns/tz';
import ICAL from 'ical.js';
import { addCalendarDays, isoDateSchema, LONDON, londonDate, type IsoDate } from '../calendar';
import { invalid } from '../errors';
import type { Body } from './bodies';
import { agendaUrlOf, MAX_UID_LENGTH, oneLine, type ImportedCalendar, type ImportedMeeting, type SkippedEntry } from './imported';

/** Occurrences of a recurring event are read up to this many days after today (two years of meetings). */
export const RECURRENCE_HORIZON_DAYS = 731;
/** A recurring event is expanded to at most this many occurrences (a daily series must not run on). */
export const MAX_OCCURRENCES = 500;

export interface ParseIcsOptions {
  /** The body the file is imported for: its name is the title of events without a SUMMARY. */
  body?: Pick<Body, 'name'>;
  /** Today's London date: where the recurrence horizon is counted from (else from each series' start). */
  today?: IsoDate;
}

type Component = InstanceType<typeof ICAL.Component>;
type Property = InstanceType<typeof ICAL.Property>;
type IcalTime = InstanceType<typeof ICAL.Time>;
type IcalEvent = InstanceType<typeof ICAL.Event>;
type Timezone = InstanceType<typeof ICAL.Timezone>;

/** A start as the file wrote it: a wall-clock reading, UTC, or a date alone. */
interface WallClock {
  date: IsoDate;
  hour: number;
  minute: number;
  second: number;
  isDate: boolean;
  utc: boolean;
}

/** Zone names that mean London: the IANA name (also with the old leading slash) and Windows' name for it. */
const LONDON_ALIASES = new Set(['europe/london', '/europe/london', 'gmt standard time', 'gmt summer time']);

const JCAL_DATE_TIME = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}):(\d{2}):(\d{2})(Z)?)?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** The file's text as a list of VCALENDAR components; anything else is a 400 naming what is wrong. */
function readCalendars(text: string): Component[] {
  const source = text.replace(/^\uFEFF/, '');
  if (!source.trim()) throw invalid('The file is not iCalendar: it is empty', { body: 'an empty file is not an iCalendar file' });
  let jcal: unknown;
  try {
    jcal = ICAL.parse(source);
  } catch (error) {
    const why = oneLine((error as Error).message, 200) ?? 'unreadable';
    throw invalid('The file is not valid iCalendar', { body: `not valid iCalendar (RFC 5545): ${why}` });
  }
  // One top-level component parses to [name, props, comps]; several to a list of those.
  const roots = (Array.isArray(jcal) && typeof jcal[0] === 'string' ? [jcal] : (jcal as unknown[])) as unknown[];
  const calendars = roots.map((root) => new ICAL.Component(root as never));
  if (!calendars.length || calendars.some((c) => c.name !== 'vcalendar')) {
    throw invalid('The file is not iCalendar', { body: 'not an iCalendar file: it must be one BEGIN:VCALENDAR ... END:VCALENDAR' });
  }
  return calendars;
}

/** The file's own VTIMEZONE definitions by TZID, used for zones that are not IANA names. */
function timezonesOf(calendars: Component[]): Map<string, Timezone> {
  const zones = new Map<string, Timezone>();
  for (const calendar of calendars) {
    for (const vtimezone of calendar.getAllSubcomponents('vtimezone')) {
      const zone = new ICAL.Timezone(vtimezone);
      if (zone.tzid) zones.set(zone.tzid, zone);
    }
  }
  return zones;
}

/** DTSTART as written (jCal keeps the text), checked to be a real date and time. */
function wallClockOfProperty(prop: Property): WallClock | string {
  const json = prop.toJSON() as [string, Record<string, unknown>, string, unknown];
  const [, , type, value] = json;
  if (type !== 'date' && type !== 'date-time') return `DTSTART is a ${type}, not a date or a date-time`;
  const match = typeof value === 'string' ? JCAL_DATE_TIME.exec(value) : null;
  if (!match || !isoDateSchema.safeParse(match[1]).success) return `DTSTART ${String(value)} is not a real date`;
  const [hour, minute, second] = [match[2], match[3], match[4]].map((n) => Number(n ?? 0));
  if (hour > 23 || minute > 59 || second > 60) return `DTSTART ${String(value)} is not a real time`;
  return { date: match[1], hour, minute, second, isDate: type === 'date', utc: match[5] === 'Z' };
}

/** An occurrence's start as ical.js computed it (wall-clock fields in the event's own zone). */
function wallClockOfTime(time: IcalTime): WallClock {
  return {
    date: `${String(time.year).padStart(4, '0')}-${pad(time.month)}-${pad(time.day)}`,
    hour: time.hour,
    minute: time.minute,
    second: time.second,
    isDate: time.isDate,
    utc: time.zone?.tzid === 'UTC',
  };
}

function londonOfInstant(ms: number): { date: IsoDate; time: string } {
  const local = new TZDate(ms, LONDON);
  return { date: londonDate(new Date(ms)), time: `${pad(local.getHours())}:${pad(local.getMinutes())}` };
}

/** The London date and HH:MM of a start, or the reason it cannot be placed. */
function toLondon(wall: WallClock, tzid: string | undefined, zones: Map<string, Timezone>): { date: IsoDate; time?: string } | string {
  if (wall.isDate) return { date: wall.date };
  const [y, m, d] = wall.date.split('-').map(Number);
  if (wall.utc) return londonOfInstant(Date.UTC(y, m - 1, d, wall.hour, wall.minute, wall.second));
  // Floating times and London's own zone are already London wall-clock times.
  if (!tzid || LONDON_ALIASES.has(tzid.trim().toLowerCase())) return { date: wall.date, time: `${pad(wall.hour)}:${pad(wall.minute)}` };
  const iana = new TZDate(y, m - 1, d, wall.hour, wall.minute, wall.second, tzid.replace(/^\//, '')).getTime();
  if (!Number.isNaN(iana)) return londonOfInstant(iana);
  const zone = zones.get(tzid);
  if (zone) {
    const time = ICAL.Time.fromData({ year: y, month: m, day: d, hour: wall.hour, minute: wall.minute, second: wall.second, isDate: false }, zone);
    return londonOfInstant(time.toUnixTime() * 1000);
  }
  return `DTSTART's time zone ${tzid} is neither a known zone nor defined in the file (VTIMEZONE)`;
}

function textOf(component: Component, name: string): string | undefined {
  const value = component.getFirstPropertyValue(name);
  return oneLine(typeof value === 'string' ? value : undefined);
}

function isCancelled(component: Component, methodCancels: boolean): boolean {
  const status = component.getFirstPropertyValue('status');
  return methodCancels || (typeof status === 'string' && status.trim().toUpperCase() === 'CANCELLED');
}

/**
 * The agenda's despatch an event records: `X-AGENDA-PUBLISHED` (a date, or a date-time read as its London date),
 * its address in `X-AGENDA-URL` or else the event's `URL`. No such property: nothing is known of the agenda.
 */
function agendaOf(item: Component): ImportedMeeting['agenda'] {
  const published = item.getFirstPropertyValue('x-agenda-published');
  const text = typeof published === 'string' ? published.trim() : published instanceof ICAL.Time ? published.toString() : '';
  const m = /^(\d{4})-?(\d{2})-?(\d{2})(?:T(\d{2}):?(\d{2}):?(\d{2})(Z?))?$/.exec(text);
  if (!m) return undefined;
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  if (!isoDateSchema.safeParse(date).success) return undefined;
  const publishedOn = m[7] === 'Z' ? londonDate(new Date(Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]))) : date;
  const url = item.getFirstPropertyValue('x-agenda-url') ?? item.getFirstPropertyValue('url');
  const agendaUrl = agendaUrlOf(typeof url === 'string' ? url : undefined);
  return { publishedOn, ...(agendaUrl ? { agendaUrl } : {}) };
}

/** An event's meeting at a given start, with the VEVENT that describes it (a moved instance has its own). */
function meetingOf(
  uid: string,
  item: Component,
  wall: WallClock | string,
  zones: Map<string, Timezone>,
  context: { methodCancels: boolean; defaultTitle?: string },
): ImportedMeeting | SkippedEntry {
  if (typeof wall === 'string') return { uid, reason: wall };
  const tzid = item.getFirstProperty('dtstart')?.getParameter('tzid');
  const placed = toLondon(wall, typeof tzid === 'string' ? tzid : undefined, zones);
  if (typeof placed === 'string') return { uid, reason: placed };
  const meeting: ImportedMeeting = { uid, date: placed.date, cancelled: isCancelled(item, context.methodCancels) };
  if (placed.time !== undefined) meeting.time = placed.time;
  const location = textOf(item, 'location');
  if (location) meeting.location = location;
  const title = textOf(item, 'summary') ?? context.defaultTitle;
  if (title) meeting.title = title;
  const categories = item
    .getAllProperties('categories')
    .flatMap((prop) => prop.getValues())
    .map((value) => oneLine(value))
    .filter((value): value is string => value !== undefined);
  if (categories.length) meeting.categories = categories;
  const agenda = agendaOf(item);
  if (agenda && !meeting.cancelled) meeting.agenda = agenda;
  return meeting;
}

/** The id of one occurrence of a series: the series' UID and the start it was scheduled for (its RECURRENCE-ID). */
function occurrenceUid(uid: string, recurrenceId: IcalTime): string {
  return `${uid}/${recurrenceId.toString()}`;
}

/** What is being read from one calendar: its zones, how it cancels, and the UIDs already read. */
interface Reading {
  zones: Map<string, Timezone>;
  context: { methodCancels: boolean; defaultTitle?: string; today?: IsoDate };
  exceptionsByUid: Map<string, Component[]>;
  seriesUids: Set<string>;
  seen: Set<string>;
}

type Read = Pick<ImportedCalendar, 'meetings' | 'skipped'>;

function oneResult(result: ImportedMeeting | SkippedEntry): Read {
  return 'reason' in result ? { meetings: [], skipped: [result] } : { meetings: [result], skipped: [] };
}

/** Occurrences of a recurring event up to the horizon, moved instances (RECURRENCE-ID) in their new place. */
function expand(uid: string, event: IcalEvent, reading: Reading): Read {
  const read: Read = { meetings: [], skipped: [] };
  const horizon = addCalendarDays(reading.context.today ?? wallClockOfTime(event.startDate).date, RECURRENCE_HORIZON_DAYS);
  const iterator = event.iterator();
  let count = 0;
  for (let next = iterator.next(); next; next = iterator.next()) {
    if (wallClockOfTime(next).date > horizon) break;
    if (++count > MAX_OCCURRENCES) {
      read.skipped.push({ uid, reason: `recurring event: only its first ${MAX_OCCURRENCES} occurrences were read` });
      break;
    }
    const details = event.getOccurrenceDetails(next);
    const { meetings, skipped } = oneResult(
      meetingOf(occurrenceUid(uid, details.recurrenceId), details.item.component, wallClockOfTime(details.startDate), reading.zones, reading.context),
    );
    read.meetings.push(...meetings);
    read.skipped.push(...skipped);
  }
  return read;
}

/** One VEVENT: a meeting, the occurrences of a series, or the reason it is skipped. */
function readEvent(vevent: Component, index: number, reading: Reading): Read {
  const rawUid = vevent.getFirstPropertyValue('uid');
  const uid = typeof rawUid === 'string' ? rawUid.trim() : '';
  const summary = textOf(vevent, 'summary');
  const skip = (reason: string, id = uid): Read => ({ meetings: [], skipped: [{ uid: id, reason }] });
  if (!uid) return skip('no UID: it could not be found again by a later import', `event ${index + 1}${summary ? ` (${summary})` : ''}`);
  if (uid.length > MAX_UID_LENGTH) return skip(`UID longer than ${MAX_UID_LENGTH} characters`, uid.slice(0, 40));
  const dtstart = vevent.getFirstProperty('dtstart');
  if (!dtstart) return skip('no DTSTART: the meeting has no date');

  if (vevent.hasProperty('recurrence-id')) {
    // A moved or cancelled instance of a series is read with its series; alone, it is a meeting of its own.
    if (reading.seriesUids.has(uid)) return { meetings: [], skipped: [] };
    const id = occurrenceUid(uid, new ICAL.Event(vevent).recurrenceId);
    return oneResult(meetingOf(id, vevent, wallClockOfProperty(dtstart), reading.zones, reading.context));
  }
  if (reading.seen.has(uid)) return skip('the same UID appears earlier in the file');
  reading.seen.add(uid);

  const wall = wallClockOfProperty(dtstart);
  if (typeof wall !== 'string' && (vevent.hasProperty('rrule') || vevent.hasProperty('rdate'))) {
    const event = new ICAL.Event(vevent);
    for (const exception of reading.exceptionsByUid.get(uid) ?? []) event.relateException(new ICAL.Event(exception));
    return expand(uid, event, reading);
  }
  return oneResult(meetingOf(uid, vevent, wall, reading.zones, reading.context));
}

/**
 * The meetings of an iCalendar file. Events without UID or DTSTART, or that cannot be placed on a London date, are
 * skipped with the reason; a repeated UID is read once. Not iCalendar at all: `invalid` on `body`.
 */
export function parseIcs(text: string, options: ParseIcsOptions = {}): ImportedCalendar {
  const calendars = readCalendars(text);
  const out: ImportedCalendar = { source: 'ics', meetings: [], skipped: [] };
  const zones = timezonesOf(calendars);
  const seen = new Set<string>();

  for (const calendar of calendars) {
    const method = calendar.getFirstPropertyValue('method');
    const vevents = calendar.getAllSubcomponents('vevent');
    const exceptionsByUid = new Map<string, Component[]>();
    const seriesUids = new Set<string>();
    for (const vevent of vevents) {
      const uid = vevent.getFirstPropertyValue('uid');
      if (typeof uid !== 'string') continue;
      if (vevent.hasProperty('recurrence-id')) exceptionsByUid.set(uid, [...(exceptionsByUid.get(uid) ?? []), vevent]);
      else if (vevent.hasProperty('rrule') || vevent.hasProperty('rdate')) seriesUids.add(uid);
    }
    const reading: Reading = {
      zones,
      // An iTIP cancellation (METHOD:CANCEL) cancels every event it carries.
      context: { methodCancels: typeof method === 'string' && method.trim().toUpperCase() === 'CANCEL', defaultTitle: options.body?.name, today: options.today },
      exceptionsByUid,
      seriesUids,
      seen,
    };
    vevents.forEach((vevent, index) => {
      let read: Read;
      try {
        read = readEvent(vevent, index, reading);
      } catch (error) {
        // ical.js refuses some values only when they are used (a broken RRULE): that event alone is skipped.
        const uid = vevent.getFirstPropertyValue('uid');
        const id = typeof uid === 'string' && uid ? uid.slice(0, MAX_UID_LENGTH) : `event ${index + 1}`;
        read = { meetings: [], skipped: [{ uid: id, reason: `could not be read: ${oneLine((error as Error).message, 200) ?? 'unreadable'}` }] };
      }
      out.meetings.push(...read.meetings);
      out.skipped.push(...read.skipped);
    });
  }
  return out;
}
