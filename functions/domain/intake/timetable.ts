/**
 * The meetings a report goes to, in the order it meets them. Read from, in this order of trust:
 * 1. a timetable table ("Timetable", "Meeting / Date", "Reporting route"...): rows of a body and a date, as
 *    tab, pipe or space separated cells or plain "Cabinet 13 April 2017" lines;
 * 2. labelled cover-sheet fields ("Meeting: Cabinet", "Report to", "Date of meeting: 9 Feb 2017",
 *    "Meeting/Date: Cabinet – 9 February 2017");
 * 3. the meeting named at the head of the report ("HEALTH AND WELLBEING BOARD" over "2 FEBRUARY 2017").
 * The final decision-maker ("Final Decision-Maker: Full Council") is added last when no row names it.
 */
import { compareDates, type IsoDate } from '../calendar';
import { hasBodyWord, looksLikeBody, stageKindOf, tidyBody } from './bodies';
import { findDates, mentionDate, type DateMention } from './dates';
import { findLabelled, type LabelSpec } from './labels';
import { parsePerson } from './people';
import { filledCells, isBlank, isRule, wordCount, type ReportLine } from './reportLines';

export interface StageFinding {
  body: string;
  bodyLine: ReportLine;
  /** '' when the report gives no date for the meeting. */
  meetingDate: IsoDate | '';
  dateLine?: ReportLine;
  /** Set when the report gave no year and this one was inferred. */
  yearAssumed?: number;
}

export interface StagesFound {
  stages: StageFinding[];
  /** The final decision-maker named by the report, when it had to be added without a date. */
  addedDecisionMaker?: StageFinding;
  /** Meetings only a sentence names ("is a decision for Full Council"), for the clerk to check. */
  fromSentences?: StageFinding[];
}

const ANCHOR =
  /^(((proposed|indicative|decision[- ]making|approval|reporting|committee|meeting|consultation|governance|member)\s+(and\s+\w+\s+)?)?(timetable|timeline|schedule|route|pathway|process|cycle)|meetings?\s*(\/|and|&)\s*dates?|dates?\s*(\/|and|&)\s*meetings?|report(ing)?\s+(to|route|path(way)?|timetable)|route\s+to\s+(decision|adoption)|decision\s+path(way)?|consideration\s+by)$/i;
const HEADER_BODY = /\b(meetings?|body|bodies|committee|forum|decision[- ]?(maker|taker)|board|group|report(ing)?\s+to|consideration\s+by)\b/i;
const HEADER_DATE = /\bdates?\b/i;
const TBC = /^(tbc|tba|tbd|to be (confirmed|agreed|arranged|set|determined)|date to be (confirmed|agreed)|not (yet )?(set|known)|n\/?a|-+)$/i;
/** What may stand beside a date in a timetable cell: a time, a weekday, "(provisional)". */
const DATE_NOISE =
  /^[\s,;:()–—-]*((at\s+)?\d{1,2}([.:]\d{2})?\s*(am|pm|noon)?|(mon|tues|wednes|thurs|fri|satur|sun)day|provisional|tbc|to be confirmed|\(?[a-z]?\)?)?[\s,;:()–—.-]*$/i;

interface Row {
  body: string;
  line: ReportLine;
  /** Absent for a "TBC" or empty date cell. */
  date?: DateMention;
}

interface Columns {
  body?: number;
  date?: number;
}

const firstCell = (line: ReportLine) => (filledCells(line)[0] ?? '').replace(/\s*[:：]\s*$/, '');

function isAnchor(line: ReportLine): boolean {
  // "7. Timetable", "Timetable 2025", "Timetable (provisional)".
  const first = firstCell(line)
    .replace(/^\d+(\.\d+)*\.?\s+/, '')
    .replace(/\s*\(?(\d{4}([/-]\d{2,4})?|provisional|indicative|draft)\)?\s*$/i, '');
  return wordCount(first) <= 6 && ANCHOR.test(first) && findDates(line.text).length === 0;
}

function headerColumns(line: ReportLine): Columns | undefined {
  const cells = line.cells;
  if (filledCells(line).length < 2 || findDates(line.text).length) return undefined;
  // "Date of meeting" names the date column, not the body's.
  const bodyOnly = cells.findIndex((c) => HEADER_BODY.test(c) && !HEADER_DATE.test(c) && wordCount(c) <= 4);
  const body = bodyOnly >= 0 ? bodyOnly : cells.findIndex((c) => HEADER_BODY.test(c) && wordCount(c) <= 4);
  const date = cells.findIndex((c, i) => i !== body && HEADER_DATE.test(c) && wordCount(c) <= 4);
  return body >= 0 && date >= 0 ? { body, date } : undefined;
}

/** A person's name and title is not a body ("Terry Hughes, Community Safety Manager"). */
function isBodyText(text: string, strict: boolean): boolean {
  if (!looksLikeBody(text, strict)) return false;
  return hasBodyWord(text) || !parsePerson(text);
}

/** Body and date in one piece of text: "Cabinet 13 April 2017", "9 Feb 2017 - Full Council". */
function splitBodyAndDate(text: string, strict: boolean): { body: string; date: DateMention } | undefined {
  const dates = findDates(text);
  if (dates.length !== 1) return undefined;
  const [date] = dates;
  const before = text.slice(0, date.index).replace(/[\s,;:–—|-]*(\b(on|at|held on|meeting on))?\s*$/i, '').trim();
  const after = text.slice(date.end).trim();
  if (before && DATE_NOISE.test(after) && isBodyText(before, strict)) return { body: before, date };
  const afterBody = after.replace(/^[\s,;:–—|-]+/, '').trim();
  if (!before && afterBody && isBodyText(afterBody, strict)) return { body: afterBody, date };
  return undefined;
}

/** One timetable row, or undefined when the line is not one. */
function parseRow(line: ReportLine, columns: Columns | undefined, strict: boolean): Row | undefined {
  const cells = line.cells;
  if (filledCells(line).length >= 2) {
    const dateAt = (i: number | undefined) => (i === undefined || !cells[i] ? [] : findDates(cells[i]));
    let dateIdx = columns?.date;
    if (dateIdx === undefined || (!dateAt(dateIdx).length && !TBC.test(cells[dateIdx] ?? ''))) {
      const withDate = cells.findIndex((c) => findDates(c).length > 0);
      const tbc = cells.findIndex((c) => TBC.test(c));
      dateIdx = withDate >= 0 ? withDate : tbc >= 0 ? tbc : columns?.date;
    }
    let bodyIdx = columns?.body;
    if (bodyIdx === undefined || bodyIdx === dateIdx || !cells[bodyIdx] || !isBodyText(cells[bodyIdx], strict)) {
      bodyIdx = cells.findIndex((c, i) => i !== dateIdx && c && !findDates(c).length && isBodyText(c, strict));
    }
    const dates = dateAt(dateIdx);
    if (bodyIdx >= 0 && dateIdx !== undefined) {
      if (dates.length && DATE_NOISE.test(cells[dateIdx].slice(0, dates[0].index))) {
        return { body: cells[bodyIdx], line, date: dates[0] };
      }
      if (!dates.length && (TBC.test(cells[dateIdx] ?? '') || !cells[dateIdx])) return { body: cells[bodyIdx], line };
    }
    if (bodyIdx >= 0 && dateIdx === undefined && columns) return { body: cells[bodyIdx], line };
    // Body and date in one cell.
    for (const cell of cells) {
      const split = cell && splitBodyAndDate(cell, strict);
      if (split) return { body: split.body, line, date: split.date };
    }
    return undefined;
  }
  const text = (filledCells(line)[0] ?? '').replace(/^[-•*·o]\s+/, '');
  const split = splitBodyAndDate(text, strict);
  if (split) return { body: split.body, line, date: split.date };
  // "Full Council TBC"
  const undated = /^(.*?)[\s:–—,-]+(tbc|tba|tbd|to be (confirmed|agreed|arranged))\.?$/i.exec(text);
  if (undated && !findDates(text).length && isBodyText(undated[1], strict)) return { body: undated[1], line };
  return undefined;
}

interface Block {
  anchored: boolean;
  /** "Timetable 2025": the year of dates that give none. */
  year?: number;
  columns?: Columns;
  rows: Row[];
}

const bareYear = (text: string) => {
  const y = /\b(19|20)\d{2}\b/.exec(text);
  return y ? Number(y[0]) : undefined;
};

/** Runs of timetable rows; a block is anchored when a "Timetable" line or a Meeting/Date header opens it. */
function timetableBlocks(lines: ReportLine[]): Block[] {
  const blocks: Block[] = [];
  let current: Block | undefined;
  let gap = 0;
  let preamble = 0;
  const close = () => {
    if (current?.rows.length) blocks.push(current);
    current = undefined;
  };
  for (const line of lines) {
    if (isBlank(line) || isRule(line)) {
      if (current && ++gap > 2) close();
      continue;
    }
    const columns = headerColumns(line);
    if (isAnchor(line) || columns) {
      if (!(current?.anchored && !current.rows.length)) close();
      current ??= { anchored: true, rows: [] };
      if (columns) current.columns = columns;
      current.year ??= bareYear(line.text);
      gap = 0;
      preamble = 0;
      continue;
    }
    const row = parseRow(line, current?.columns, !current?.anchored);
    if (row && (row.date || current?.anchored)) {
      current ??= { anchored: false, rows: [] };
      current.rows.push(row);
      gap = 0;
      continue;
    }
    // An anchored timetable may have a sentence or two before its first row ("The report goes to:").
    if (current?.anchored && !current.rows.length && ++preamble <= 2) continue;
    close();
  }
  close();
  return blocks;
}

function chooseTimetable(blocks: Block[]): Block | undefined {
  // A "timetable" of actions ("Consultation opens 1 May") names no bodies: not the meetings.
  const anchored = blocks.find((b) => b.anchored && b.rows.some((r) => r.date) && b.rows.filter((r) => hasBodyWord(r.body)).length * 2 >= b.rows.length);
  if (anchored) return anchored;
  const runs = blocks.filter((b) => b.rows.length >= 2 && b.rows.every((r) => r.date && hasBodyWord(r.body)));
  return runs.sort((a, b) => b.rows.length - a.rows.length)[0];
}

/** Dates without a year take the year of the stage before (or after), moving on a year when they would go back. */
function withYears(rows: Array<{ row: Row; dateLine?: ReportLine }>, fallbackYear: number | undefined): StageFinding[] {
  const out: StageFinding[] = [];
  let lastDate: IsoDate | undefined;
  const firstYear = rows.find((r) => r.row.date?.year)?.row.date?.year ?? fallbackYear;
  for (const { row, dateLine } of rows) {
    const body = tidyBody(row.body);
    if (!row.date) {
      out.push({ body, bodyLine: row.line, meetingDate: '' });
      continue;
    }
    let yearAssumed: number | undefined;
    let date: IsoDate | null;
    if (row.date.year !== null) {
      date = mentionDate(row.date);
    } else {
      let year = lastDate ? Number(lastDate.slice(0, 4)) : firstYear;
      date = year === undefined ? null : mentionDate(row.date, year);
      if (date && lastDate && compareDates(date, lastDate) < 0) date = mentionDate(row.date, ++year!);
      yearAssumed = year;
    }
    if (date) lastDate = date;
    out.push({ body, bodyLine: row.line, meetingDate: date ?? '', dateLine: dateLine ?? row.line, ...(date && yearAssumed ? { yearAssumed } : {}) });
  }
  return out;
}

/** "Cabinet Committee – 5 December 2018, Cabinet – 14 January 2019": each body before its date. */
function bodyDatePairs(value: string): Array<{ body: string; date: DateMention }> {
  const dates = findDates(value);
  if (dates.length < 2) return [];
  const pairs: Array<{ body: string; date: DateMention }> = [];
  let from = 0;
  for (const date of dates) {
    const body = value
      .slice(from, date.index)
      .replace(/^[\s,;.→>»–—-]*(and|then)?[\s→>»–—-]*/i, '')
      .replace(/[\s,;:–—|-]*(\b(on|at|held on|meeting on))?\s*$/i, '')
      .trim();
    if (!body || !isBodyText(body, true)) return [];
    pairs.push({ body, date });
    from = date.end;
  }
  return pairs;
}

const PATHWAY_LABELS: LabelSpec[] = [
  { label: /^((past|previous|future|next)\s+)?pathway(\s+of\s+(the\s+)?(paper|report))?$|^(decision|reporting|approval)\s+(path(way)?|route)$|^(previous|prior)\s+consideration(\s+by)?$|^(future|next)\s+consideration(\s+by)?$/i },
];

const MEETING_LABELS: LabelSpec[] = [
  { label: /^(meeting|name of meeting|meeting of|committee|report to|report for|to|decision[- ]making body|body|forum|board|meeting\s*(\/|and|&)\s*date|committee\s*(\/|and|&)\s*date|date\s*(\/|and|&)\s*meeting)$/i, spaceSeparated: false },
];
const DATE_LABELS: LabelSpec[] = [
  { label: /^(date of (the )?meeting|meeting date|date of committee|committee date|date)$/i },
];
const DECISION_DATE_LABELS: LabelSpec[] = [
  { label: /^(date\s+of\s+(the\s+)?decision|decision\s+date|date\s+decision\s+(to\s+be\s+)?(taken|made)|decision\s+due(\s+date)?)$/i },
];
const FINAL_LABELS: LabelSpec[] = [
  { label: /^((final|ultimate)\s+)?decision[- ]?(maker|taker)s?(\s*\(s\))?$|^(for\s+)?decision\s+by$/i, spaceSeparated: true },
];

const SECTION_START = /^(\d+(\.\d+)*\.?\s+\S|(executive\s+)?summary\b|purpose\b|recommendations?\b|introduction\b|background\b)/i;

/** The part of the report before its first numbered section or summary: the cover sheet. */
export function headRegion(lines: ReportLine[], max = 40): number {
  let seen = 0;
  for (let i = 0; i < lines.length; i++) {
    if (isBlank(lines[i])) continue;
    const first = filledCells(lines[i])[0] ?? '';
    // "2 FEBRUARY 2017" starts with a number but is the meeting's date, not section 2.
    const isSection = SECTION_START.test(first) && findDates(first)[0]?.index !== 0;
    if (++seen > max || (seen > 1 && isSection)) return i;
  }
  return lines.length;
}

function fromCoverSheet(lines: ReportLine[], end: number): Array<{ row: Row; dateLine?: ReportLine }> {
  const found: Array<{ row: Row; dateLine?: ReportLine }> = [];
  const dates = DATE_LABELS.flatMap((spec) => findLabelled(lines, spec, 0, end)).filter((d) => findDates(d.value).length);
  // "Past Pathway of Paper: Scrutiny Committee – 7 December 2018", "Future Pathway: County Council – 24 January 2019".
  for (const hit of PATHWAY_LABELS.flatMap((spec) => findLabelled(lines, spec, 0, end))) {
    const pairs = bodyDatePairs(hit.value);
    const one = pairs.length ? pairs : [splitBodyAndDate(hit.value, true)].filter((p) => !!p);
    for (const p of one) found.push({ row: { body: p.body, line: hit.line, date: p.date } });
  }
  for (const hit of MEETING_LABELS.flatMap((spec) => findLabelled(lines, spec, 0, end))) {
    // Strict: a label's value must name a body ("Meeting<TAB>Date" is a table's header, not a meeting).
    const split = splitBodyAndDate(hit.value, true);
    if (split) {
      found.push({ row: { body: split.body, line: hit.line, date: split.date } });
    } else if (isBodyText(hit.value, true) && !findDates(hit.value).length) {
      const date = dates[0];
      found.push({ row: { body: hit.value, line: hit.line, date: date ? findDates(date.value)[0] : undefined }, dateLine: date?.line });
    }
  }
  return found;
}

const GENERIC_START = /^(working\s+(party|group)|committee|sub-committee|board|panel|forum|group|partnership board)\b/i;
const isDateOnly = (line: ReportLine) => {
  const text = filledCells(line).join(' ');
  const dates = findDates(text);
  return dates.length === 1 && DATE_NOISE.test(text.slice(0, dates[0].index)) && DATE_NOISE.test(text.slice(dates[0].end));
};

const HEADING_PREFIX = /^(report\s+(to|for)|meeting\s+of(\s+the)?|to)\s*[:–—-]?\s+/i;
const AGENDA_CELL = /^(agenda\s+)?item(\s+no\.?)?\s*[:.]?\s*\d+[a-z]?$/i;

/**
 * The meetings at the head of the report, each found by its shape: "Working Party 20 July 2017" or "Report to
 * Council – 23 July 2018" on one line, "Cabinet<TAB>18 June 2018" in two cells, a body's name over its date
 * ("CABINET" / "13 MARCH 2018", as often as there are meetings), or a body's name alone beside an agenda item
 * number (its date then from "Date of meeting").
 */
function fromHeading(lines: ReportLine[], end: number, titleLine?: number): Array<{ row: Row; dateLine?: ReportLine }> {
  const head = lines.slice(0, end).filter((l) => !isBlank(l));
  const found: Array<{ row: Row; dateLine?: ReportLine }> = [];
  const undated: Array<{ row: Row }> = [];
  for (let i = 0; i < head.length; i++) {
    const line = head[i];
    if (line.n === titleLine) continue;
    const cells = filledCells(line);
    // Two cells make a heading only at the very top ("Cabinet<TAB>18 June 2018"); lower down they are a table.
    if (cells.length === 2 && i < 3) {
      const [body, other] = cells;
      const date = findDates(other);
      if (!findDates(body).length && isBodyText(body, true) && !/[:：]\s*$/.test(body)) {
        if (date.length === 1 && isDateOnly({ ...line, cells: [other], text: other })) found.push({ row: { body, line, date: date[0] } });
        else if (AGENDA_CELL.test(other)) undated.push({ row: { body, line } });
      }
      continue;
    }
    if (cells.length !== 1) continue;
    const text = cells[0].replace(HEADING_PREFIX, '');
    // "Meeting/Date: Cabinet – 9 Feb" is a cover-sheet label, read as one.
    if (/^[^:]{1,30}:/.test(text)) continue;
    const split = splitBodyAndDate(text, true);
    if (split) {
      let body = split.body;
      const previous = head[i - 1];
      // "Community Safety Partnership" over "Working Party 20 July 2017": one name on two lines.
      if (GENERIC_START.test(body) && previous && previous.n !== titleLine && filledCells(previous).length === 1) {
        const prev = filledCells(previous)[0];
        if (wordCount(prev) <= 6 && !findDates(prev).length && looksLikeBody(prev, false) && !parsePerson(prev)) body = `${prev} ${body}`;
      }
      found.push({ row: { body, line, date: split.date } });
      continue;
    }
    if (findDates(text).length || !isBodyText(text, true)) continue;
    // A body over its date: the very next line ("Borough Council" over "CABINET" over the date is Cabinet's).
    const next = head[i + 1];
    if (next && isDateOnly(next)) {
      found.push({ row: { body: text, line, date: findDates(filledCells(next).join(' '))[0] }, dateLine: next });
      i++;
    } else if (i < 3 && !GENERIC_START.test(head[i + 1] ? filledCells(head[i + 1])[0] ?? '' : '')) {
      undated.push({ row: { body: text, line } });
    }
  }
  // A body's name alone at the very top is the meeting only when no heading gives a meeting with its date.
  return found.length ? found : undated.slice(0, 1);
}

/**
 * Meetings a sentence looks forward to: "recommends the plan to Full Council for adoption on 27 February 2019",
 * "refers it to Full Council on 30 January 2020", "is a decision for Full Council". Only deciding bodies (a
 * council, a cabinet) and never a sentence in the past ("was adopted by Full Council on 21 July 2016").
 */
const PROSE_BODY = "((?:[A-Z][\\w'’&-]*\\s+){0,5}?(?:Council|Cabinet))\\b";
const PROSE = [
  new RegExp(`\\b(recommend\\w*|refer\\w*|submit\\w*)\\b[^.;]{0,80}?\\bto\\s+(?:the\\s+)?${PROSE_BODY}`),
  new RegExp(`\\bfor\\s+(?:adoption|approval|decision)\\s+by\\s+(?:the\\s+)?${PROSE_BODY}`),
  new RegExp(`\\b(?:is|will\\s+be)\\s+a\\s+(?:decision|matter)\\s+for\\s+(?:the\\s+)?${PROSE_BODY}`),
];
const PAST = /\b(was|were|had|has\s+been|have\s+been|previously)\b/i;

function fromProse(lines: ReportLine[]): Array<{ row: Row; dateLine?: ReportLine }> {
  const found: Array<{ row: Row; dateLine?: ReportLine }> = [];
  for (const line of lines.slice(0, 600)) {
    const text = filledCells(line).join(' ');
    if (text.length > 600) continue;
    for (const sentence of text.split(/(?<=[.;])\s+/)) {
      if (PAST.test(sentence)) continue;
      for (const re of PROSE) {
        const m = re.exec(sentence);
        if (!m) continue;
        const body = m[m.length - 1].trim();
        const after = sentence.slice(m.index + m[0].length);
        const on = /^[^.;]{0,40}?\bon\s+/.exec(after);
        const date = on ? findDates(after.slice(on[0].length - 3))[0] : undefined;
        found.push({ row: { body, line, ...(date && date.index <= 4 ? { date } : {}) } });
        break;
      }
    }
  }
  return found;
}

/** Two mentions of one meeting: same date (or no date) and the same body by name or kind. */
function sameMeeting(a: StageFinding, b: StageFinding): boolean {
  const bodyMatch = sameBody(a.body, b.body) || stageKindOf(a.body) === stageKindOf(b.body);
  if (a.meetingDate && b.meetingDate) return a.meetingDate === b.meetingDate && bodyMatch;
  return sameBody(a.body, b.body);
}

const STOP = new Set(['the', 'and', 'of', 'for', 'to', 'a', 'on']);
const nameWords = (s: string) =>
  s
    .toLowerCase()
    .replace(/&/g, 'and')
    .split(/[^a-z0-9]+/)
    .filter((w) => w && !STOP.has(w));

/** How much of the shorter name the longer one shares (0 to 1). */
function overlap(a: string, b: string): number {
  const [x, y] = [nameWords(a), nameWords(b)];
  if (!x.length || !y.length) return 0;
  const [short, long] = x.length <= y.length ? [x, new Set(y)] : [y, new Set(x)];
  return short.filter((w) => long.has(w)).length / short.length;
}

const sameBody = (a: string, b: string) => {
  const norm = (s: string) => s.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();
  const [x, y] = [norm(a), norm(b)];
  if (x === y || x.includes(y) || y.includes(x)) return true;
  // "Joint Committee" is the "Joint Waste and Community Safety Committee" of the heading.
  if (stageKindOf(a) === stageKindOf(b) && Math.min(nameWords(a).length, nameWords(b).length) >= 2 && overlap(a, b) === 1) return true;
  return stageKindOf(a) === stageKindOf(b) && ['council', 'executive'].includes(stageKindOf(a));
};

/** The stage a new mention is of: among the same meetings, the one whose name it shares most. */
function twinOf(stages: StageFinding[], s: StageFinding): StageFinding | undefined {
  // Undated, a mention names its meeting by its words ("Cabinet Member for X" is the "Cabinet Member decision",
  // not the "Cabinet Committee" before it); councils go by kind ("Council" is "Full Council").
  const same = stages
    .filter((t) => sameMeeting(t, s))
    .filter((t) => (t.meetingDate && s.meetingDate) || stageKindOf(s.body) === 'council' || overlap(t.body, s.body) >= 0.5);
  return same.sort((a, b) => overlap(b.body, s.body) - overlap(a.body, s.body))[0];
}

export function findStages(lines: ReportLine[], opts: { titleLine?: number } = {}): StagesFound {
  const end = headRegion(lines);
  // A date without a year takes its timetable's ("Timetable 2025"), else the latest year of a full date in the
  // report, else the first year the cover sheet mentions ("Plan 2025/26").
  const years = lines.flatMap((l) => findDates(l.text).map((d) => d.year)).filter((y): y is number => y !== null);
  const fallbackYear = years.length ? Math.max(...years) : lines.slice(0, end).map((l) => bareYear(l.text)).find((y) => y !== undefined);

  const table = chooseTimetable(timetableBlocks(lines));
  const stages = table ? withYears(table.rows.map((row) => ({ row })), table.year ?? fallbackYear) : [];
  // The meeting the cover sheet or heading names belongs to the route too, unless a timetable row is it.
  const cover = fromCoverSheet(lines, end);
  const heading = fromHeading(lines, end, opts.titleLine);
  // A heading naming its body without a date takes the cover sheet's "Date of meeting" when nothing else has it.
  const meetingDate = DATE_LABELS.flatMap((spec) => findLabelled(lines, spec, 0, end)).find((d) => findDates(d.value).length);
  if (meetingDate && !cover.some((c) => c.row.date && c.dateLine === meetingDate.line)) {
    for (const h of heading) if (!h.row.date) Object.assign(h, { row: { ...h.row, date: findDates(meetingDate.value)[0] }, dateLine: meetingDate.line });
  }
  const named = withYears([...cover, ...heading], fallbackYear);
  const prose = withYears(fromProse(lines), fallbackYear);
  let added = 0;
  for (const s of named) {
    const twin = twinOf(stages, s);
    if (!twin) {
      stages.push(s);
      added++;
      continue;
    }
    if (!twin.meetingDate && s.meetingDate) Object.assign(twin, { meetingDate: s.meetingDate, dateLine: s.dateLine, yearAssumed: s.yearAssumed });
    if (!table?.anchored && s.body.length > twin.body.length && sameBody(twin.body, s.body)) {
      // Named twice (label and heading): keep the fuller name.
      Object.assign(twin, { body: s.body, bodyLine: s.bodyLine });
    }
  }
  // A timetable keeps its own order (a slip is warned of); meetings gathered from several places go by date.
  if (added) stages.sort((a, b) => (!a.meetingDate ? 1 : !b.meetingDate ? -1 : compareDates(a.meetingDate, b.meetingDate)));

  const finalHit = FINAL_LABELS.flatMap((spec) => findLabelled(lines, spec)).find((h) => isBodyText(h.value, true));
  let addedDecisionMaker: StageFinding | undefined;
  const named_ = finalHit && stages.find((s) => sameBody(s.body, finalHit.value));
  if (named_ && !named_.meetingDate) {
    // The decision-maker is a meeting already named without a date: "Date of decision" dates it.
    const dateHit = DECISION_DATE_LABELS.flatMap((spec) => findLabelled(lines, spec, 0, end))
      .map((h) => ({ date: findDates(h.value)[0], line: h.line }))
      .find((h) => h.date);
    const date = dateHit ? mentionDate(dateHit.date, fallbackYear) : null;
    if (date) Object.assign(named_, { meetingDate: date, dateLine: dateHit!.line });
  }
  if (finalHit && !named_) {
    const split = splitBodyAndDate(finalHit.value, true);
    // Its date: in its own value, else "Date of decision", else (when it is the only meeting) "Date of meeting".
    const dateHit = split
      ? { date: split.date, line: finalHit.line }
      : [...DECISION_DATE_LABELS, ...(stages.length ? [] : DATE_LABELS)]
          .flatMap((spec) => findLabelled(lines, spec, 0, end))
          .map((h) => ({ date: findDates(h.value)[0], line: h.line }))
          .find((h) => h.date);
    const date = dateHit ? mentionDate(dateHit.date, fallbackYear) : null;
    addedDecisionMaker = { body: tidyBody(split?.body ?? finalHit.value), bodyLine: finalHit.line, meetingDate: date ?? '', ...(date ? { dateLine: dateHit!.line } : {}) };
    stages.push(addedDecisionMaker);
  }
  // A sentence only adds a meeting nothing else names (the decision-maker's own label comes first).
  let fromSentences = 0;
  for (const s of prose) {
    const twin = stages.find((t) => sameBody(t.body, s.body));
    if (twin) {
      if (!twin.meetingDate && s.meetingDate && twin !== addedDecisionMaker) Object.assign(twin, { meetingDate: s.meetingDate, dateLine: s.dateLine });
      continue;
    }
    stages.push(s);
    fromSentences++;
  }
  if (fromSentences) stages.sort((a, b) => (!a.meetingDate ? 1 : !b.meetingDate ? -1 : compareDates(a.meetingDate, b.meetingDate)));
  return { stages, addedDecisionMaker, fromSentences: stages.filter((s) => prose.includes(s)) };
}
