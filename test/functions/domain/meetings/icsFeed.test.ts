import ICAL from 'ical.js';
import { bodyFeedEvents, icsFeed, personFeedEvents, runFeedEvents, type FeedEvent } from '../../../../functions/domain/meetings/icsFeed';
import type { Meeting } from '../../../../functions/domain/meetings/meetings';
import { parseIcs } from '../../../../functions/domain/meetings/parseIcs';

const now = new Date('2017-01-09T09:00:00Z');

/** The feed read back with ical.js: each VEVENT's UID, start (as ical.js converts it to UTC), summary, status. */
function readBack(text: string) {
  const calendar = new ICAL.Component(ICAL.parse(text));
  for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
  try {
    return calendar.getAllSubcomponents('vevent').map((vevent) => {
      const event = new ICAL.Event(vevent);
      return {
        uid: event.uid,
        start: event.startDate.isDate ? event.startDate.toString() : event.startDate.toJSDate().toISOString(),
        summary: event.summary,
        status: vevent.getFirstPropertyValue('status') ?? undefined,
        url: vevent.getFirstPropertyValue('url') ?? undefined,
      };
    });
  } finally {
    ICAL.TimezoneService.remove('Europe/London');
  }
}

describe('an iCalendar feed', () => {
  const events: FeedEvent[] = [
    { uid: 'a@ratify', date: '2017-04-13', time: '18:30', title: 'Cabinet', location: 'Council Chamber, Town Hall', url: 'https://ratify.example/runs/1' },
    { uid: 'b@ratify', date: '2017-02-09', time: '18:30', title: 'Community Safety Partnership' },
    { uid: 'c@ratify', date: '2017-04-05', title: 'Publish by: CSP Plan; for Cabinet' },
  ];

  it('writes timed events in London time, read back as the right instants across summer time', () => {
    expect(readBack(icsFeed(events, { name: 'Test', now }))).toEqual([
      { uid: 'a@ratify', start: '2017-04-13T17:30:00.000Z', summary: 'Cabinet', status: undefined, url: 'https://ratify.example/runs/1' },
      { uid: 'b@ratify', start: '2017-02-09T18:30:00.000Z', summary: 'Community Safety Partnership', status: undefined, url: undefined },
      { uid: 'c@ratify', start: '2017-04-05', summary: 'Publish by: CSP Plan; for Cabinet', status: undefined, url: undefined },
    ]);
  });

  it('round-trips through the importer: same UIDs, London dates and times, venues and titles', () => {
    expect(parseIcs(icsFeed(events, { name: 'Test', now })).meetings).toEqual([
      { uid: 'a@ratify', date: '2017-04-13', time: '18:30', location: 'Council Chamber, Town Hall', title: 'Cabinet', cancelled: false },
      { uid: 'b@ratify', date: '2017-02-09', time: '18:30', title: 'Community Safety Partnership', cancelled: false },
      { uid: 'c@ratify', date: '2017-04-05', title: 'Publish by: CSP Plan; for Cabinet', cancelled: false },
    ]);
  });

  it('says TZID=Europe/London and defines the zone once, with a UTC DTSTAMP', () => {
    const text = icsFeed(events, { name: 'Test', now });
    expect(text).toContain('DTSTART;TZID=Europe/London:20170413T183000');
    expect(text).toContain('DTSTART;VALUE=DATE:20170405');
    expect(text.match(/BEGIN:VTIMEZONE/g)).toHaveLength(1);
    expect(text).toContain('DTSTAMP:20170109T090000Z');
  });

  it('is the same text whatever the server\'s time zone', () => {
    const before = process.env.TZ;
    const inLondon = icsFeed(events, { name: 'Test', now });
    try {
      process.env.TZ = 'America/New_York';
      expect(icsFeed(events, { name: 'Test', now })).toBe(inLondon);
    } finally {
      process.env.TZ = before;
      if (before === undefined) delete process.env.TZ;
    }
  });

  it('with no timed events needs no VTIMEZONE', () => {
    expect(icsFeed([events[2]], { name: 'Test' })).not.toContain('VTIMEZONE');
  });

  it('is named', () => {
    expect(icsFeed([], { name: 'Cabinet meetings' })).toContain('X-WR-CALNAME:Cabinet meetings');
  });
});

describe('a body\'s public feed', () => {
  const meetings: Meeting[] = [
    { meetingId: 'm1', body: 'cabinet', date: '2017-04-13', time: '18:30', location: 'Town Hall', status: 'scheduled' },
    { meetingId: 'm2', body: 'cabinet', date: '2017-05-11', status: 'cancelled' },
  ];

  it('has only dates and titles, and keeps cancelled meetings as CANCELLED', () => {
    const events = bodyFeedEvents({ name: 'Cabinet' }, meetings);
    expect(events).toEqual([
      { uid: 'meeting.m1@ratify', date: '2017-04-13', title: 'Cabinet' },
      { uid: 'meeting.m2@ratify', date: '2017-05-11', title: 'Cancelled: Cabinet', cancelled: true },
    ]);
    const text = icsFeed(events, { name: 'Cabinet', now });
    expect(text).not.toContain('Town Hall');
    expect(readBack(text).map((e) => e.status)).toEqual([undefined, 'CANCELLED']);
    expect(parseIcs(text).meetings.map((m) => m.cancelled)).toEqual([false, true]);
  });
});

describe('a person\'s own feed', () => {
  it('has their sign-offs on their due dates and the meetings of their runs', () => {
    const events = personFeedEvents({
      signoffs: [{ runId: 'r1', signoffId: 'legal', area: 'Legal', planTitle: 'CSP Plan 2017/18', dueBy: '2017-03-07', stageBody: 'Cabinet Advisory Board' }],
      meetings: [{ runId: 'r1', stageId: 'cabinet', planTitle: 'CSP Plan 2017/18', body: 'Cabinet', date: '2017-04-13', time: '18:30' }],
    });
    expect(events).toEqual([
      {
        uid: 'run.r1.signoff.legal@ratify', date: '2017-03-07', title: 'Sign-off due: Legal, CSP Plan 2017/18',
        description: 'The Legal sign-off of the report on CSP Plan 2017/18 is due by Tuesday 7 March 2017 before it goes to Cabinet Advisory Board.',
      },
      {
        uid: 'run.r1.stage.cabinet@ratify', date: '2017-04-13', time: '18:30', title: 'Cabinet: CSP Plan 2017/18',
        description: 'The report on CSP Plan 2017/18 goes to Cabinet on Thursday 13 April 2017.',
      },
    ]);
    expect(readBack(icsFeed(events, { name: 'My sign-offs', now })).map((e) => e.start)).toEqual(['2017-03-07', '2017-04-13T17:30:00.000Z']);
  });
});

describe('a run\'s timetable feed', () => {
  it('has each meeting, each publication deadline and each sign-off, with stable UIDs', () => {
    const events = runFeedEvents(
      {
        runId: 'r1',
        plan: { title: 'CSP Plan 2017/18' },
        stages: [
          { id: 'cab', body: 'Cabinet Advisory Board', meetingDate: '2017-03-22', publishBy: '2017-03-14' },
          { id: 'council', body: 'Full Council', meetingDate: '2017-04-26', publishBy: '2017-04-18' },
        ],
        signoffs: [{ id: 'legal', area: 'Legal', officer: { name: 'Keith Trowell' }, dueBy: '2017-03-07', requiredBefore: 'cab' }],
      },
      { url: 'https://ratify.example/runs/r1' },
    );
    expect(events.map((e) => [e.uid, e.date, e.title])).toEqual([
      ['run.r1.stage.cab@ratify', '2017-03-22', 'Cabinet Advisory Board: CSP Plan 2017/18'],
      ['run.r1.stage.cab.publish@ratify', '2017-03-14', 'Publish by: CSP Plan 2017/18 for Cabinet Advisory Board'],
      ['run.r1.stage.council@ratify', '2017-04-26', 'Full Council: CSP Plan 2017/18'],
      ['run.r1.stage.council.publish@ratify', '2017-04-18', 'Publish by: CSP Plan 2017/18 for Full Council'],
      ['run.r1.signoff.legal@ratify', '2017-03-07', 'Sign-off due: Legal, CSP Plan 2017/18'],
    ]);
    expect(events[4].description).toBe('The Legal sign-off by Keith Trowell of the report on CSP Plan 2017/18 is due by Tuesday 7 March 2017.');
    const back = readBack(icsFeed(events, { name: 'CSP Plan 2017/18', now }));
    expect(back.map((e) => e.url)).toEqual(Array(5).fill('https://ratify.example/runs/r1'));
  });
});
