import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { DomainError } from '../../../../functions/domain/errors';
import { hhmmOf, parseModernGovMeetings } from '../../../../functions/domain/meetings/parseModernGov';

const fixture = readFileSync(join(__dirname, '../../../fixtures/calendars/tunbridge-wells-cabinet.moderngov.xml'), 'utf8');

function meetingXml(...fields: string[]): string {
  return `<meeting>${fields.join('')}</meeting>`;
}

function errorOf(xml: string): DomainError {
  try {
    parseModernGovMeetings(xml);
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected parseModernGovMeetings to throw');
}

describe('a Modern.Gov GetMeetings answer', () => {
  it('gives each meeting with its id, London date and time, venue and status', () => {
    const { source, meetings, skipped } = parseModernGovMeetings(fixture, { body: { name: 'Cabinet' } });
    expect(source).toBe('modern-gov');
    expect(skipped).toEqual([]);
    expect(meetings.map((m) => [m.uid, m.date, m.time, m.cancelled])).toEqual([
      ['3101', '2017-01-12', '18:30', false],
      ['3102', '2017-02-09', '18:30', false],
      ['3103', '2017-03-09', '18:30', false],
      ['3104', '2017-04-13', '18:30', false],
      ['3105', '2017-05-11', '18:30', true],
      ['3106', '2017-06-08', '18:30', false],
      ['3107', '2017-07-20', '18:30', false],
    ]);
    expect(meetings[3]).toEqual({
      uid: '3104', date: '2017-04-13', time: '18:30', cancelled: false, title: 'Cabinet',
      location: 'Council Chamber, Town Hall, Royal Tunbridge Wells, TN1 1RS',
    });
  });

  it('is read inside a SOAP envelope with namespace prefixes', () => {
    const xml = `<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/"><soap:Body>
      <GetMeetingsResponse xmlns="http://moderngov.co.uk/namespaces"><GetMeetingsResult><mg:meetings xmlns:mg="x">
      ${meetingXml('<mg:meetingid>7</mg:meetingid>', '<mg:meetingdate>02/02/2017</mg:meetingdate>')}
      </mg:meetings></GetMeetingsResult></GetMeetingsResponse></soap:Body></soap:Envelope>`;
    expect(parseModernGovMeetings(xml).meetings).toEqual([{ uid: '7', date: '2017-02-02', cancelled: false }]);
  });

  it('is read when it comes escaped inside an ASP.NET <string>', () => {
    const xml = `<string xmlns="http://moderngov.co.uk/namespaces">&lt;meetings&gt;&lt;meeting&gt;&lt;meetingid&gt;5&lt;/meetingid&gt;` +
      `&lt;meetingdate&gt;09/03/2017&lt;/meetingdate&gt;&lt;/meeting&gt;&lt;/meetings&gt;</string>`;
    expect(parseModernGovMeetings(xml).meetings).toEqual([{ uid: '5', date: '2017-03-09', cancelled: false }]);
  });

  it('keeps ids as text (a leading zero stays) and reads field names in any case', () => {
    const xml = `<Meetings><Meeting><MeetingId>0042</MeetingId><MeetingDate>26/04/2017</MeetingDate><MeetingStatus>CANCELLED</MeetingStatus>` +
      `<MeetingVenue>Town Hall</MeetingVenue></Meeting></Meetings>`;
    expect(parseModernGovMeetings(xml).meetings).toEqual([{ uid: '0042', date: '2017-04-26', cancelled: true, location: 'Town Hall' }]);
  });

  it('with no meetings is an empty import', () => {
    expect(parseModernGovMeetings('<meetings/>')).toEqual({ source: 'modern-gov', meetings: [], skipped: [] });
  });
});

describe('a Modern.Gov meeting is skipped, with the reason, when', () => {
  it.each([
    ['it has no meetingid', meetingXml('<meetingdate>09/02/2017</meetingdate>'), 'meeting 1', 'no meetingid'],
    ['it has no date', meetingXml('<meetingid>1</meetingid>'), '1', 'no meetingdate'],
    ['its date is American', meetingXml('<meetingid>1</meetingid>', '<meetingdate>2017-02-09</meetingdate>'), '1', 'not a real date dd/mm/yyyy'],
    ['its date does not exist', meetingXml('<meetingid>1</meetingid>', '<meetingdate>29/02/2017</meetingdate>'), '1', 'not a real date'],
    ['its time cannot be read', meetingXml('<meetingid>1</meetingid>', '<meetingdate>09/02/2017</meetingdate>', '<meetingtime>evening</meetingtime>'), '1', 'is not a time'],
  ])('%s', (_, xml, uid, reason) => {
    const result = parseModernGovMeetings(`<meetings>${xml}</meetings>`);
    expect(result.meetings).toEqual([]);
    expect(result.skipped).toEqual([{ uid, reason: expect.stringContaining(reason) }]);
  });

  it('its meetingid was read earlier in the answer', () => {
    const one = meetingXml('<meetingid>1</meetingid>', '<meetingdate>09/02/2017</meetingdate>');
    expect(parseModernGovMeetings(`<meetings>${one}${one}</meetings>`).skipped).toEqual([{ uid: '1', reason: expect.stringContaining('earlier') }]);
  });
});

describe('a file that is not a GetMeetings answer', () => {
  it.each([
    ['empty', ''],
    ['not XML', 'meetingid,meetingdate\n1,09/02/2017'],
    ['broken XML', '<meetings><meeting><meetingid>1</meetingid></meetings>'],
    ['XML of something else', '<committees><committee><committeeid>1</committeeid></committee></committees>'],
    ['XML with a DOCTYPE', '<!DOCTYPE m [<!ENTITY a "aaaa">]><meetings/>'],
  ])('(%s) is invalid input naming the request body', (_, xml) => {
    const error = errorOf(xml);
    expect(error).toBeInstanceOf(DomainError);
    expect(error.code).toBe('invalid-input');
    expect(Object.keys(error.fields!)).toEqual(['body']);
  });

  it('says where the XML breaks', () => {
    expect(errorOf('<meetings>\n<meeting>\n</meetings>').fields!.body).toMatch(/^not valid XML: .*\(line \d+, column \d+\)$/);
  });
});

describe('a Modern.Gov time', () => {
  it.each([
    ['19:30', '19:30'],
    ['19:30:00', '19:30'],
    ['7.30 pm', '19:30'],
    ['7pm', '19:00'],
    ['10.00am', '10:00'],
    ['12pm', '12:00'],
    ['12.15 a.m.', '00:15'],
  ])('%s is %s', (text, hhmm) => {
    expect(hhmmOf(text)).toBe(hhmm);
  });

  it.each(['19', '25:00', '13pm', 'evening', '7:5'])('%s is not a time', (text) => {
    expect(hhmmOf(text)).toBeUndefined();
  });
});

describe("a Modern.Gov meeting's agenda despatch", () => {
  const read = (...fields: string[]) =>
    parseModernGovMeetings(`<meetings>${meetingXml('<meetingid>1</meetingid>', '<meetingdate>09/02/2017</meetingdate>', ...fields)}</meetings>`).meetings[0];

  it('is read from agendapublisheddate (or a date in agendapublished), with the agenda or meeting link', () => {
    expect(read('<agendapublisheddate>31/01/2017</agendapublisheddate>', '<linktoagenda>https://a.example/agenda</linktoagenda>').agenda).toEqual({
      publishedOn: '2017-01-31',
      agendaUrl: 'https://a.example/agenda',
    });
    expect(read('<AgendaPublished>30/01/2017 00:00:00</AgendaPublished>').agenda).toEqual({ publishedOn: '2017-01-30' });
  });

  it('is nothing for a flag without a date, a date that is not real, or a cancelled meeting', () => {
    expect(read('<agendapublished>True</agendapublished>').agenda).toBeUndefined();
    expect(read('<agendapublisheddate>31/02/2017</agendapublisheddate>').agenda).toBeUndefined();
    expect(read('<agendapublisheddate>31/01/2017</agendapublisheddate>', '<meetingstatus>Cancelled</meetingstatus>').agenda).toBeUndefined();
  });
});
