/**
 * Reading a body's meetings from the Modern.Gov web service's `GetMeetings` answer
 * (`mgWebService.asmx/GetMeetings?lCommitteeId=..&sFromDate=..&sToDate=..`).
 *
 * Liberal in the wrapper, strict in the fields: `<meeting>` elements are found at any depth under whatever root
 * (a plain answer, a SOAP envelope, namespaces, or the XML escaped inside an ASP.NET `<string>`), and each must
 * have a `meetingid` and a `meetingdate` `dd/mm/yyyy`; `meetingtime`, `meetingstatus` (`Cancelled` cancels) and
 * the venue are read when present. A meeting whose agenda is published says so with `agendapublisheddate` (or
 * `agendapublished` holding a date) `dd/mm/yyyy`, its address in `agendaurl`, `linktoagenda` or `linktomeeting`. Modern.Gov sends every meeting of the committee whatever the dates asked for:
 * all are read, and matching by `meetingid` keeps a re-import harmless.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isoDateSchema } from '../calendar';
import { invalid } from '../errors';
import type { Body } from './bodies';
import { agendaUrlOf, MAX_UID_LENGTH, oneLine, type ImportedCalendar, type ImportedMeeting } from './imported';

export interface ParseModernGovOptions {
  /** The body the answer is imported for: its name is the title of meetings that carry none. */
  body?: Pick<Body, 'name'>;
}

/** Answers nest a few levels deep (envelope, body, result, committee): anything deeper is not looked into. */
const MAX_DEPTH = 16;

const LOCATION_FIELDS = ['meetinglocation', 'location', 'meetingvenue', 'venue'];
const TITLE_FIELDS = ['committeetitle', 'meetingtitle', 'committeename', 'title'];
const AGENDA_DATE_FIELDS = ['agendapublisheddate', 'agendapublished'];
const AGENDA_URL_FIELDS = ['agendaurl', 'linktoagenda', 'agendalink', 'linktomeeting'];

const parser = new XMLParser({
  ignoreAttributes: true,
  removeNSPrefix: true,
  // Ids and dates stay text: `0123` and `09/02/2017` must not become numbers.
  parseTagValue: false,
  trimValues: true,
  isArray: (name) => name.toLowerCase() === 'meeting',
});

type XmlNode = string | XmlNode[] | { [name: string]: XmlNode };
type Fields = Record<string, XmlNode>;

function notXml(why: string): never {
  throw invalid('The file is not a Modern.Gov GetMeetings answer', { body: why });
}

/** The document as a tree, or a 400 naming the line and column of what is wrong. */
function readXml(xml: string): XmlNode {
  const text = xml.replace(/^\uFEFF/, '').trim();
  if (!text) notXml('an empty file is not XML');
  // A web-service answer never declares a DTD; refusing one keeps entity expansion out.
  if (/<!DOCTYPE/i.test(text)) notXml('not accepted: the XML declares a DOCTYPE');
  const valid = XMLValidator.validate(text);
  if (valid !== true) notXml(`not valid XML: ${valid.err.msg} (line ${valid.err.line}, column ${valid.err.col})`);
  return parser.parse(text) as XmlNode;
}

interface Found {
  meetings: Fields[];
  /** Whether any element's name speaks of meetings (`<meetings/>`, `<GetMeetingsResult>`): an empty answer. */
  looksLikeMeetings: boolean;
  /** Text that is itself XML (an ASP.NET `<string>` wrapping the answer). */
  embedded: string[];
}

function walk(node: XmlNode, depth: number, found: Found): void {
  if (depth > MAX_DEPTH) return;
  if (typeof node === 'string') {
    if (node.startsWith('<')) found.embedded.push(node);
    return;
  }
  if (Array.isArray(node)) return node.forEach((item) => walk(item, depth + 1, found));
  for (const [name, value] of Object.entries(node)) {
    const lower = name.toLowerCase();
    if (lower.includes('meeting')) found.looksLikeMeetings = true;
    if (lower === 'meeting') {
      const items = Array.isArray(value) ? value : [value];
      for (const item of items) if (item && typeof item === 'object' && !Array.isArray(item)) found.meetings.push(item);
    } else {
      walk(value, depth + 1, found);
    }
  }
}

/** A field's text by its name in any case, or undefined when absent or not text. */
function field(fields: Fields, ...names: string[]): string | undefined {
  for (const [name, value] of Object.entries(fields)) {
    if (names.includes(name.toLowerCase()) && typeof value === 'string') return value.trim();
  }
  return undefined;
}

/** `dd/mm/yyyy` (Modern.Gov's only date form) as an ISO date, or undefined if it is not a real date. */
function isoOfUkDate(text: string): string | undefined {
  const match = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(text);
  if (!match) return undefined;
  const iso = `${match[3]}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  return isoDateSchema.safeParse(iso).success ? iso : undefined;
}

/** `19:30`, `19:30:00`, `7.30 pm`, `7pm` as `HH:MM`; undefined if unreadable. */
export function hhmmOf(text: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?(?::(\d{2}))?\s*([ap]\.?m\.?)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hour = Number(match[1]);
  const minute = Number(match[2] ?? 0);
  const meridiem = match[4]?.toLowerCase().replace(/\./g, '');
  if (meridiem) {
    if (hour < 1 || hour > 12) return undefined;
    hour = (hour % 12) + (meridiem === 'pm' ? 12 : 0);
  } else if (match[2] === undefined) {
    return undefined; // a bare "19" is not a time
  }
  if (hour > 23 || minute > 59) return undefined;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * The meetings of a `GetMeetings` answer. A meeting without `meetingid`, or whose date or time cannot be read, is
 * skipped with the reason; not XML, or XML that holds no meetings at all: `invalid` on `body`.
 */
export function parseModernGovMeetings(xml: string, options: ParseModernGovOptions = {}): ImportedCalendar {
  const found: Found = { meetings: [], looksLikeMeetings: false, embedded: [] };
  walk(readXml(xml), 0, found);
  // Some installs answer `<string>` with the meetings' XML escaped inside it: read that once.
  if (!found.meetings.length) for (const inner of found.embedded) walk(readXml(inner), 0, found);
  if (!found.meetings.length && !found.looksLikeMeetings) {
    notXml('not a Modern.Gov GetMeetings answer: it has no <meeting> elements');
  }

  const out: ImportedCalendar = { source: 'modern-gov', meetings: [], skipped: [] };
  const seen = new Set<string>();
  found.meetings.forEach((fields, index) => {
    const uid = field(fields, 'meetingid');
    const skip = (reason: string) => out.skipped.push({ uid: uid || `meeting ${index + 1}`, reason });
    if (!uid) return skip('no meetingid: it could not be found again by a later import');
    if (uid.length > MAX_UID_LENGTH) return skip(`meetingid longer than ${MAX_UID_LENGTH} characters`);
    if (seen.has(uid)) return skip('the same meetingid appears earlier in the answer');
    seen.add(uid);
    const dateText = field(fields, 'meetingdate');
    if (!dateText) return skip('no meetingdate: the meeting has no date');
    const date = isoOfUkDate(dateText);
    if (!date) return skip(`meetingdate ${JSON.stringify(dateText.slice(0, 40))} is not a real date dd/mm/yyyy`);
    const timeText = field(fields, 'meetingtime');
    const time = timeText ? hhmmOf(timeText) : undefined;
    if (timeText && !time) return skip(`meetingtime ${JSON.stringify(timeText.slice(0, 40))} is not a time`);

    const status = field(fields, 'meetingstatus')?.toLowerCase();
    const meeting: ImportedMeeting = { uid, date, cancelled: status === 'cancelled' || status === 'canceled' };
    if (time) meeting.time = time;
    const location = oneLine(field(fields, ...LOCATION_FIELDS));
    if (location) meeting.location = location;
    const title = oneLine(field(fields, ...TITLE_FIELDS)) ?? options.body?.name;
    if (title) meeting.title = title;
    // A flag without a date ("True") says nothing of when: only a despatch date is recorded.
    const publishedOn = isoOfUkDate(field(fields, ...AGENDA_DATE_FIELDS)?.split(/\s/)[0] ?? '');
    if (publishedOn && !meeting.cancelled) {
      const agendaUrl = agendaUrlOf(field(fields, ...AGENDA_URL_FIELDS));
      meeting.agenda = { publishedOn, ...(agendaUrl ? { agendaUrl } : {}) };
    }
    out.meetings.push(meeting);
  });
  return out;
}
