import { DomainError } from '../../../../functions/domain/errors';
import { parseIcs } from '../../../../functions/domain/meetings/parseIcs';

/** An iCalendar file around the given lines, CRLF as RFC 5545 says. */
function ics(...lines: string[]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//Calendar//EN', ...lines, 'END:VCALENDAR', ''].join('\r\n');
}

function event(...lines: string[]): string[] {
  return ['BEGIN:VEVENT', ...lines, 'END:VEVENT'];
}

function bodyErrorOf(text: string): DomainError {
  try {
    parseIcs(text);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected parseIcs to throw');
}

describe('an iCalendar event', () => {
  it('with TZID Europe/London in summer time keeps its London wall-clock time', () => {
    const { meetings } = parseIcs(ics(...event('UID:cab-1', 'DTSTART;TZID=Europe/London:20170413T183000', 'SUMMARY:Cabinet')));
    expect(meetings).toEqual([{ uid: 'cab-1', date: '2017-04-13', time: '18:30', title: 'Cabinet', cancelled: false }]);
  });

  it.each([
    ['in winter, when London is on UTC', '20170209T183000Z', '2017-02-09', '18:30'],
    ['in summer, an hour behind London', '20170413T173000Z', '2017-04-13', '18:30'],
    ['late on a summer evening, already the next day in London', '20170630T233000Z', '2017-07-01', '00:30'],
    ['on the night the clocks go forward (26 March 2017)', '20170326T013000Z', '2017-03-26', '02:30'],
  ])('in UTC (Z) %s is read in London time', (_, start, date, time) => {
    const [meeting] = parseIcs(ics(...event('UID:u', `DTSTART:${start}`))).meetings;
    expect(meeting).toMatchObject({ date, time });
  });

  it('with a floating time is taken as London time', () => {
    expect(parseIcs(ics(...event('UID:f', 'DTSTART:20170413T183000'))).meetings[0]).toMatchObject({ date: '2017-04-13', time: '18:30' });
  });

  it('that is all day (a DATE) has a date and no time', () => {
    const [meeting] = parseIcs(ics(...event('UID:csp', 'DTSTART;VALUE=DATE:20170209', 'DTEND;VALUE=DATE:20170210'))).meetings;
    expect(meeting).toEqual({ uid: 'csp', date: '2017-02-09', cancelled: false });
  });

  it('in another IANA zone is moved to London time', () => {
    const [meeting] = parseIcs(ics(...event('UID:ny', 'DTSTART;TZID=America/New_York:20170413T183000'))).meetings;
    expect(meeting).toMatchObject({ date: '2017-04-13', time: '23:30' });
  });

  it('in a zone the file defines (a VTIMEZONE, as Outlook writes) is moved to London time', () => {
    const text = ics(
      'BEGIN:VTIMEZONE', 'TZID:W. Europe Standard Time',
      'BEGIN:STANDARD', 'DTSTART:16011028T030000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=10', 'TZOFFSETFROM:+0200', 'TZOFFSETTO:+0100', 'END:STANDARD',
      'BEGIN:DAYLIGHT', 'DTSTART:16010325T020000', 'RRULE:FREQ=YEARLY;BYDAY=-1SU;BYMONTH=3', 'TZOFFSETFROM:+0100', 'TZOFFSETTO:+0200', 'END:DAYLIGHT',
      'END:VTIMEZONE',
      ...event('UID:w', 'DTSTART;TZID=W. Europe Standard Time:20170413T193000'),
    );
    expect(parseIcs(text).meetings[0]).toMatchObject({ date: '2017-04-13', time: '18:30' });
  });

  it('with Windows\' name for London is read as London time', () => {
    expect(parseIcs(ics(...event('UID:g', 'DTSTART;TZID=GMT Standard Time:20170413T183000'))).meetings[0]).toMatchObject({ time: '18:30' });
  });

  it('in a zone nobody defines is skipped with the reason', () => {
    const result = parseIcs(ics(...event('UID:z', 'DTSTART;TZID=Mars/Olympus:20170413T183000')));
    expect(result.meetings).toEqual([]);
    expect(result.skipped).toEqual([{ uid: 'z', reason: expect.stringContaining('time zone Mars/Olympus') }]);
  });

  it('keeps its LOCATION and SUMMARY on one line, unescaped', () => {
    const [meeting] = parseIcs(ics(...event('UID:l', 'DTSTART:20170413T183000', 'SUMMARY:Cabinet\\nspecial', 'LOCATION:Council Chamber\\, Town Hall'))).meetings;
    expect(meeting).toMatchObject({ title: 'Cabinet special', location: 'Council Chamber, Town Hall' });
  });

  it('without a SUMMARY is titled by the body it is imported for', () => {
    expect(parseIcs(ics(...event('UID:t', 'DTSTART:20170413T183000')), { body: { name: 'Cabinet' } }).meetings[0].title).toBe('Cabinet');
  });

  it('with STATUS:CANCELLED is a cancelled meeting', () => {
    expect(parseIcs(ics(...event('UID:c', 'DTSTART:20170413T183000', 'STATUS:CANCELLED'))).meetings[0].cancelled).toBe(true);
  });

  it('in a METHOD:CANCEL message is cancelled', () => {
    expect(parseIcs(ics('METHOD:CANCEL', ...event('UID:c', 'DTSTART:20170413T183000'))).meetings[0].cancelled).toBe(true);
  });
});

describe('events that are skipped, with the reason', () => {
  it('have no UID or no DTSTART', () => {
    const result = parseIcs(ics(...event('DTSTART:20170413T183000', 'SUMMARY:Cabinet'), ...event('UID:n', 'SUMMARY:Board')));
    expect(result.meetings).toEqual([]);
    expect(result.skipped).toEqual([
      { uid: 'event 1 (Cabinet)', reason: expect.stringContaining('no UID') },
      { uid: 'n', reason: expect.stringContaining('no DTSTART') },
    ]);
  });

  it('have a date that does not exist', () => {
    expect(parseIcs(ics(...event('UID:b', 'DTSTART:20171345T120000'))).skipped).toEqual([{ uid: 'b', reason: expect.stringContaining('not a real date') }]);
  });

  it('repeat a UID read earlier in the file (the first is kept)', () => {
    const result = parseIcs(ics(...event('UID:d', 'DTSTART:20170413T183000'), ...event('UID:d', 'DTSTART:20170420T183000')));
    expect(result.meetings.map((m) => m.date)).toEqual(['2017-04-13']);
    expect(result.skipped).toEqual([{ uid: 'd', reason: expect.stringContaining('earlier in the file') }]);
  });
});

describe('a recurring event', () => {
  const series = ics(
    ...event('UID:board', 'DTSTART;TZID=Europe/London:20170105T100000', 'RRULE:FREQ=MONTHLY;BYMONTHDAY=5;COUNT=4',
      'EXDATE;TZID=Europe/London:20170305T100000', 'SUMMARY:Management Board'),
    ...event('UID:board', 'RECURRENCE-ID;TZID=Europe/London:20170205T100000', 'DTSTART;TZID=Europe/London:20170207T140000',
      'SUMMARY:Management Board (moved)'),
  );

  it('is one meeting per occurrence, each with a stable id from the series and its original start', () => {
    expect(parseIcs(series).meetings).toEqual([
      { uid: 'board/2017-01-05T10:00:00', date: '2017-01-05', time: '10:00', title: 'Management Board', cancelled: false },
      { uid: 'board/2017-02-05T10:00:00', date: '2017-02-07', time: '14:00', title: 'Management Board (moved)', cancelled: false },
      { uid: 'board/2017-04-05T10:00:00', date: '2017-04-05', time: '10:00', title: 'Management Board', cancelled: false },
    ]);
  });

  it('without an end is read for two years from today', () => {
    const text = ics(...event('UID:weekly', 'DTSTART;VALUE=DATE:20170102', 'RRULE:FREQ=WEEKLY'));
    const { meetings, skipped } = parseIcs(text, { today: '2017-01-09' });
    expect(skipped).toEqual([]);
    expect(meetings[0].date).toBe('2017-01-02');
    expect(meetings.at(-1)!.date).toBe('2019-01-07');
  });

  it('that repeats daily for ever stops at 500 occurrences and says so', () => {
    const { meetings, skipped } = parseIcs(ics(...event('UID:daily', 'DTSTART:20170101T090000', 'RRULE:FREQ=DAILY')), { today: '2017-01-01' });
    expect(meetings).toHaveLength(500);
    expect(skipped).toEqual([{ uid: 'daily', reason: expect.stringContaining('first 500 occurrences') }]);
  });

  it('has cancelled occurrences where an instance says STATUS:CANCELLED', () => {
    const text = ics(
      ...event('UID:s', 'DTSTART:20170105T100000', 'RRULE:FREQ=MONTHLY;COUNT=2'),
      ...event('UID:s', 'RECURRENCE-ID:20170205T100000', 'DTSTART:20170205T100000', 'STATUS:CANCELLED'),
    );
    expect(parseIcs(text).meetings.map((m) => m.cancelled)).toEqual([false, true]);
  });
});

describe('a file that is not iCalendar', () => {
  it.each([
    ['plain text', 'hello world'],
    ['an empty file', ''],
    ['a vCard', 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Terry Hughes\r\nEND:VCARD\r\n'],
    ['a calendar cut short', 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x\r\n'],
    ['JSON', '{"meetings": []}'],
  ])('(%s) is invalid input naming the request body', (_, text) => {
    const error = bodyErrorOf(text);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('invalid-input');
    expect(Object.keys(error.fields!)).toEqual(['body']);
  });

  it('(a recurrence rule that cannot be read) is invalid input saying so: nothing is imported from it', () => {
    const text = ics(...event('UID:r', 'DTSTART:20170413T183000', 'RRULE:FREQ=SOMETIMES'), ...event('UID:ok', 'DTSTART:20170420T183000'));
    expect(bodyErrorOf(text).fields!.body).toContain('invalid frequency "SOMETIMES"');
  });

  it('says what is wrong', () => {
    expect(bodyErrorOf('hello world').fields!.body).toMatch(/^not valid iCalendar \(RFC 5545\): invalid line/);
  });
});

it('reads a file with no events as no meetings', () => {
  expect(parseIcs(ics())).toEqual({ source: 'ics', meetings: [], skipped: [] });
});

describe("an iCalendar event's agenda despatch", () => {
  const read = (...lines: string[]) => parseIcs(ics(...event('UID:cab', 'DTSTART;VALUE=DATE:20170209', ...lines))).meetings[0];

  it('is read from X-AGENDA-PUBLISHED as a date, its address from X-AGENDA-URL, else the event URL', () => {
    expect(read('X-AGENDA-PUBLISHED;VALUE=DATE:20170131', 'URL:https://democracy.example.gov.uk/cab').agenda).toEqual({
      publishedOn: '2017-01-31',
      agendaUrl: 'https://democracy.example.gov.uk/cab',
    });
    expect(read('X-AGENDA-PUBLISHED:20170131', 'URL:https://a.example/x', 'X-AGENDA-URL:https://a.example/agenda').agenda?.agendaUrl).toBe('https://a.example/agenda');
  });

  it('takes a UTC date-time as its London date, and drops an address that is not http(s)', () => {
    expect(read('X-AGENDA-PUBLISHED:20170630T233000Z', 'URL:javascript:alert(1)').agenda).toEqual({ publishedOn: '2017-07-01' });
  });

  it('is nothing without the property, with one that is not a date, or on a cancelled meeting', () => {
    expect(read('URL:https://a.example/x').agenda).toBeUndefined();
    expect(read('X-AGENDA-PUBLISHED:yes').agenda).toBeUndefined();
    expect(read('X-AGENDA-PUBLISHED:20170231').agenda).toBeUndefined();
    expect(read('X-AGENDA-PUBLISHED:20170131', 'STATUS:CANCELLED').agenda).toBeUndefined();
  });
});
