/**
 * iCalendar feeds (`text/calendar`, one VEVENT per item) that people subscribe to: a body's meetings (public), a
 * person's own sign-off due dates and the meetings of their runs, and one run's timetable.
 *
 * Timed events are written in Europe/London with the zone's VTIMEZONE (so calendars show the time the council
 * set, whatever the server's zone); dates without a time are all-day events. UIDs are stable, so a subscriber's
 * calendar updates an item in place when a meeting moves. Pure: the text is returned, nothing is read.
 */
import { TZDate } from '@date-fns/tz';
import ical, { ICalEventStatus } from 'ical-generator';
import { LONDON, type IsoDate } from '../calendar';
import type { Body } from './bodies';
import { longDate } from './dateWords';
import type { Meeting, MeetingTime } from './meetings';

export interface FeedEvent {
  /** Stable and unique across feeds: `meeting.<id>@ratify`, `run.<runId>.signoff.<id>@ratify`. */
  uid: string;
  date: IsoDate;
  /** London wall-clock time; without it the event is all day. */
  time?: MeetingTime;
  title: string;
  description?: string;
  url?: string;
  location?: string;
  cancelled?: boolean;
}

export interface FeedOptions {
  name: string;
  /** DTSTAMP of every event: pass the clock's now (the epoch by default keeps the function pure). */
  now?: Date;
}

/** Europe/London since 1996: BST from 01:00 UTC on the last Sunday of March to the last Sunday of October. */
const LONDON_VTIMEZONE = [
  'BEGIN:VTIMEZONE',
  'TZID:Europe/London',
  'X-LIC-LOCATION:Europe/London',
  'BEGIN:DAYLIGHT',
  'TZOFFSETFROM:+0000',
  'TZOFFSETTO:+0100',
  'TZNAME:BST',
  'DTSTART:19700329T010000',
  'RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU',
  'END:DAYLIGHT',
  'BEGIN:STANDARD',
  'TZOFFSETFROM:+0100',
  'TZOFFSETTO:+0000',
  'TZNAME:GMT',
  'DTSTART:19701025T020000',
  'RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU',
  'END:STANDARD',
  'END:VTIMEZONE',
].join('\r\n');

function londonStart(date: IsoDate, time: MeetingTime): TZDate {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  return new TZDate(y, m - 1, d, hh, mm, 0, LONDON);
}

/** The feed's text: one VEVENT per event, in the order given. */
export function icsFeed(events: FeedEvent[], options: FeedOptions): string {
  const calendar = ical({ name: options.name, prodId: { company: 'Ratify', product: 'Ratify', language: 'EN' } });
  // No calendar-wide zone (DTSTAMP stays UTC); the generator adds London's VTIMEZONE for the events that use it.
  calendar.timezone({ name: null, generator: (zone) => (zone === LONDON ? LONDON_VTIMEZONE : null) });
  const stamp = options.now ?? new Date(0);
  for (const event of events) {
    const timed = event.time !== undefined;
    calendar.createEvent({
      id: event.uid,
      stamp,
      ...(timed ? { start: londonStart(event.date, event.time!), timezone: LONDON } : { start: event.date, allDay: true }),
      summary: event.title,
      ...(event.description ? { description: event.description } : {}),
      ...(event.url ? { url: event.url } : {}),
      ...(event.location ? { location: event.location } : {}),
      ...(event.cancelled ? { status: ICalEventStatus.CANCELLED } : {}),
    });
  }
  return calendar.toString();
}

/**
 * A body's public feed: its meetings' dates and titles only (no times, venues or reports). Cancelled meetings
 * stay in it as CANCELLED, so subscribers' calendars take them off rather than keep a stale entry.
 */
export function bodyFeedEvents(body: Pick<Body, 'name'>, meetings: Meeting[]): FeedEvent[] {
  return meetings.map((m) => ({
    uid: `meeting.${m.meetingId}@ratify`,
    date: m.date,
    title: m.status === 'cancelled' ? `Cancelled: ${body.name}` : body.name,
    ...(m.status === 'cancelled' ? { cancelled: true } : {}),
  }));
}

export interface FeedSignoff {
  runId: string;
  signoffId: string;
  area: string;
  planTitle: string;
  dueBy: IsoDate;
  /** The stage the sign-off is needed before, for the description. */
  stageBody?: string;
  url?: string;
}

export interface FeedMeeting {
  runId: string;
  stageId: string;
  planTitle: string;
  body: string;
  date: IsoDate;
  time?: MeetingTime;
  location?: string;
  url?: string;
}

function signoffEvent(s: FeedSignoff): FeedEvent {
  const before = s.stageBody ? ` before it goes to ${s.stageBody}` : '';
  return {
    uid: `run.${s.runId}.signoff.${s.signoffId}@ratify`,
    date: s.dueBy,
    title: `Sign-off due: ${s.area}, ${s.planTitle}`,
    description: `The ${s.area} sign-off of the report on ${s.planTitle} is due by ${longDate(s.dueBy)}${before}.`,
    ...(s.url ? { url: s.url } : {}),
  };
}

function meetingEvent(m: FeedMeeting): FeedEvent {
  return {
    uid: `run.${m.runId}.stage.${m.stageId}@ratify`,
    date: m.date,
    ...(m.time ? { time: m.time } : {}),
    title: `${m.body}: ${m.planTitle}`,
    description: `The report on ${m.planTitle} goes to ${m.body} on ${longDate(m.date)}.`,
    ...(m.location ? { location: m.location } : {}),
    ...(m.url ? { url: m.url } : {}),
  };
}

/** A person's own feed: the sign-offs asked of them (by due date) and the meetings of the runs they are on. */
export function personFeedEvents(items: { signoffs: FeedSignoff[]; meetings: FeedMeeting[] }): FeedEvent[] {
  return [...items.signoffs.map(signoffEvent), ...items.meetings.map(meetingEvent)];
}

/** What a run's timetable feed needs of the run (as `GET /api/runs/{runId}` shows it). */
export interface FeedRun {
  runId: string;
  plan: { title: string };
  stages: { id: string; body: string; meetingDate: IsoDate; publishBy: IsoDate; time?: MeetingTime; location?: string }[];
  signoffs: { id: string; area: string; officer: { name: string }; dueBy: IsoDate; requiredBefore?: string }[];
}

/** A run's timetable: each stage's meeting and publication deadline, and each sign-off's due date. */
export function runFeedEvents(run: FeedRun, options: { url?: string } = {}): FeedEvent[] {
  const url = options.url ? { url: options.url } : {};
  const title = run.plan.title;
  const bodyOf = new Map(run.stages.map((s) => [s.id, s.body]));
  return [
    ...run.stages.flatMap((stage): FeedEvent[] => [
      { ...meetingEvent({ runId: run.runId, stageId: stage.id, planTitle: title, body: stage.body, date: stage.meetingDate, time: stage.time, location: stage.location }), ...url },
      {
        uid: `run.${run.runId}.stage.${stage.id}.publish@ratify`,
        date: stage.publishBy,
        title: `Publish by: ${title} for ${stage.body}`,
        description: `The last day to publish the report on ${title} for ${stage.body} on ${longDate(stage.meetingDate)}.`,
        ...url,
      },
    ]),
    ...run.signoffs.map((s) => ({
      ...signoffEvent({
        runId: run.runId,
        signoffId: s.id,
        area: s.area,
        planTitle: title,
        dueBy: s.dueBy,
        stageBody: s.requiredBefore ? bodyOf.get(s.requiredBefore) : undefined,
      }),
      description: `The ${s.area} sign-off by ${s.officer.name} of the report on ${title} is due by ${longDate(s.dueBy)}.`,
      ...url,
    })),
  ];
}
