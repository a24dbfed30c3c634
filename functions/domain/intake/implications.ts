/**
 * The implications a report's officers sign off, each with the officer when the report names one:
 * - an implications table ("Issue | Implications | Sign-off", "CORPORATE IMPLICATIONS", "Cross-cutting
 *   issues"), its officer in a sign-off column ("Keith Trowell, Senior Lawyer 03 March 2017");
 * - else implications sections ("7. Financial implications"), the officer from a "Comments by ..." line;
 * - officers listed under "Corporate Consultation" / "Officers consulted" ("Finance<TAB>Matt Sanham, ...")
 *   fill in implications of the same family (finance, legal, equalities...) and otherwise stand on their own.
 */
import { findDates, mentionDate, withoutDates, type DateMention } from './dates';
import { parsePerson, type NamedPerson } from './people';
import { filledCells, isBlank, isRule, wordCount, type ReportLine } from './reportLines';
import type { IsoDate } from '../calendar';

export interface ImplicationFinding {
  area: string;
  areaLine: ReportLine;
  officer?: NamedPerson;
  officerLine?: ReportLine;
  /** The date the officer signed, when the report gives one. */
  signedOn?: IsoDate;
  /** Signed with initials only ("LG"): the officer is whoever the report names with them. */
  initials?: string;
  /** The table says the area does not apply ("Relevant? No"). */
  notRelevant?: boolean;
}

/** "Have the X implications been cleared by Y?" and its like. */
const CLEARANCE_QUESTION = /^(?:have|has|is|are)\b(.*)\b(?:been\s+)?(?:cleared|signed\s+off|agreed|approved|checked)\b.*\??$/i;
/** "Name of Financial Officer:", "Name of Officer": the officer of the question above. */
const NAME_OF_OFFICER = /^name\s+of\b.*\b(officer|lawyer|solicitor|accountant|contact)\s*:?$/i;
const INITIALS = /^((?:[A-Z]\.?\s?){2,3})$/;
/** Display names of the families, for an area a question names in its own words. */
const FAMILY_NAMES: Record<string, string> = {
  finance: 'Finance',
  legal: 'Legal',
  equalities: 'Equalities',
  staffing: 'Staffing',
  communications: 'Communications',
  risk: 'Risk',
  procurement: 'Procurement',
  property: 'Property',
  data: 'Data protection',
  environment: 'Environment',
  'health and safety': 'Health and safety',
  'community safety': 'Community safety',
  ict: 'ICT',
};

const TABLE_ANCHOR =
  /^(\d+(\.\d+)*\.?\s+)?((cross[- ]cutting\s+issues(\s+(and|&)\s+implications)?)|((corporate|other|statutory|key|financial,?\s+legal\s+(and|&)\s+other|legal,?\s+financial\s+(and|&)\s+other)\s+)?implications(\s+(and|&)\s+(risks|sign[- ]?offs?))?|implications\s+(of|for)\s+.{0,40}|(statutory\s+)?officers?['’]?\s+(comments|sign[- ]?offs?)|sign[- ]?offs?|clearances?)\s*:?$/i;
const HEADER_AREA = /^(issues?|areas?|implications?|considerations?|topics?|subjects?|aspects?|type|division|department|service|team|role|officer|statutory\s+officer)$/i;
/** Header cells naming who signed, best first: a name column beats an "officer" column. */
const HEADER_OFFICER = [/\b(name|name\s*\/\s*position)\b/i, /\b(sign[- ]?off|signed|checked|cleared|approved|comments?\s+by|consulted)\b/i, /\bofficer\b/i];
/** A column saying whether the row applies ("Relevant?", "Applicable"). */
const HEADER_RELEVANT = /^(relevant|applicable|applies|impact)\s*\??$/i;
const CONSULTATION_ANCHOR =
  /^(\d+(\.\d+)*\.?\s+)?(corporate\s+consultation|internal\s+consultation|consultation\s+with\s+officers|officers?\s+consulted|consultees?|statutory\s+officers?|officer\s+clearance|clearance)\s*:?$/i;
const SECTION_HEADING = /^(\d+(\.\d+)*\.?\s+)?([A-Za-z][A-Za-z ,&/'’-]{1,60}?)\s+implications?\s*:?$/i;
const SIGNATURE =
  /\b((finance|financial|legal|hr|equalities)?\s*(officer|lawyer|solicitor|accountant)\s+consulted|comments?\s+(by|from|of)|signed[- ]off\s+by|checked\s+by|approved\s+by|cleared\s+by|provided\s+by|prepared\s+by|written\s+by|verified\s+by|confirmed\s+by|reviewed\s+by|agreed\s+by|name\s+of\s+(the\s+)?officer|officer\s+name)\b[:\s]*/i;

interface TableColumns {
  area: number;
  officer?: number;
  relevant?: number;
}

const firstCellText = (line: ReportLine) => (filledCells(line)[0] ?? '').trim();

function tableHeader(line: ReportLine): TableColumns | undefined {
  const cells = line.cells.map((c) => c.trim());
  if (filledCells(line).length < 2 || findDates(line.text).length || cells.some((c) => wordCount(c) > 5)) return undefined;
  let officer = -1;
  for (const re of HEADER_OFFICER) {
    officer = cells.findIndex((c) => re.test(c));
    if (officer >= 0) break;
  }
  const area = cells.findIndex((c, i) => i !== officer && HEADER_AREA.test(c));
  if (area < 0) return undefined;
  const relevant = cells.findIndex((c) => HEADER_RELEVANT.test(c));
  return { area, ...(officer >= 0 ? { officer } : {}), ...(relevant >= 0 ? { relevant } : {}) };
}

interface TableRow {
  cells: string[];
  line: ReportLine;
  /** Lines of continuation rows (first cell empty) merged in. */
  more: ReportLine[];
}

/** Rows of the table that starts at `start`, merging continuation rows (an empty first cell). */
function tableRows(lines: ReportLine[], start: number): TableRow[] {
  const rows: TableRow[] = [];
  let gap = 0;
  for (let i = start; i < lines.length; i++) {
    const line = lines[i];
    if (isBlank(line) || isRule(line)) {
      if (++gap > 2) break;
      continue;
    }
    const cells = line.cells;
    const filled = filledCells(line);
    if (filled.length === 1 && cells.length === 1) break;
    if (!cells[0] && rows.length) {
      const prev = rows[rows.length - 1];
      cells.forEach((c, k) => {
        if (c) prev.cells[k] = prev.cells[k] ? `${prev.cells[k]} ${c}` : c;
      });
      prev.more.push(line);
    } else if (cells[0]) {
      rows.push({ cells: [...cells], line, more: [] });
    } else {
      break;
    }
    gap = 0;
  }
  return rows;
}

const tidyArea = (area: string) =>
  area
    .replace(/^(\d+(\.\d+)*\.?|[-•*·])\s+/, '')
    .replace(/\s*[:：]\s*$/, '')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 100);

/** The officer named in a sign-off cell, with the first date in it. */
function officerOf(cell: string): { officer?: NamedPerson; date?: DateMention } {
  const date = findDates(cell)[0];
  const officer = parsePerson(cell.replace(SIGNATURE, ''));
  return { officer, date };
}

function rowFinding(row: TableRow, columns: TableColumns | undefined, year: number | undefined): ImplicationFinding | undefined {
  const areaIdx = columns?.area ?? 0;
  let area = tidyArea(row.cells[areaIdx] ?? '');
  // "Have the resource implications been cleared by Finance?": the area is the family the question names.
  const question = CLEARANCE_QUESTION.exec(area);
  if (question) area = FAMILY_NAMES[familyOf(question[1]) ?? familyOf(area) ?? ''] ?? '';
  if (!area || HEADER_AREA.test(area) || findDates(area).length || wordCount(area) > 12) return undefined;
  const finding: ImplicationFinding = { area, areaLine: row.line };
  if (columns?.relevant !== undefined && /^(no|n|n\/a|not\s+applicable|none)\.?$/i.test(row.cells[columns.relevant]?.trim() ?? '')) finding.notRelevant = true;
  if (question) return finding;
  // The sign-off column, or the last cell when it names a person (never the implications text itself).
  const candidates =
    columns?.officer !== undefined ? [columns.officer] : row.cells.length >= 3 ? [row.cells.length - 1] : row.cells.length === 2 ? [1] : [];
  for (const idx of candidates) {
    const cell = row.cells[idx];
    if (!cell || idx === areaIdx) continue;
    // A two-column row is area + implications unless the second cell is short and names someone.
    if (columns?.officer === undefined && row.cells.length === 2 && wordCount(cell) > 16) continue;
    const { officer, date: dateInCell } = officerOf(cell);
    // Initials closing the cell ("LG 19/09/17"): whose they are is for the reader of the whole report.
    const initials = INITIALS.exec(withoutDates(cell, findDates(cell)).replace(/[,;–—-]+$/, '').trim())?.[1];
    if (!officer && initials) {
      finding.initials = initials.replace(/\W/g, '');
      finding.officerLine = [row.line, ...row.more].find((l) => l.text.includes(initials)) ?? row.line;
    }
    if (!officer) continue;
    finding.officer = officer;
    finding.officerLine = [row.line, ...row.more].find((l) => l.text.includes(officer.name.split(' ')[0])) ?? row.line;
    // The date may have a column of its own ("Legal | Keith Trowell | 03/03/2017").
    const date = dateInCell ?? row.cells.filter((c, k) => k !== areaIdx && k !== idx && wordCount(c) <= 6).map((c) => findDates(c)[0]).find(Boolean);
    const signed = date ? mentionDate(date, year) : null;
    if (signed) finding.signedOn = signed;
  }
  return finding;
}

function implicationsTable(lines: ReportLine[], year: number | undefined): ImplicationFinding[] | undefined {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    // A header alone must have an officer column ("Area | Risk | Mitigation" is a risk register).
    let columns = tableHeader(line);
    if (columns?.officer === undefined) columns = undefined;
    let start = i + 1;
    if (!columns) {
      if (!TABLE_ANCHOR.test(firstCellText(line)) || filledCells(line).length > 2) continue;
      // The anchor may be followed by a sentence, then the header row or the first row.
      let j = i + 1;
      for (let skipped = 0; j < lines.length && skipped < 4; j++) {
        if (isBlank(lines[j])) continue;
        if (filledCells(lines[j]).length >= 2) break;
        skipped++;
      }
      if (j >= lines.length || filledCells(lines[j]).length < 2) continue;
      columns = tableHeader(lines[j]);
      start = columns ? j + 1 : j;
    }
    const findings: ImplicationFinding[] = [];
    for (const row of tableRows(lines, start)) {
      const previous = findings[findings.length - 1];
      if (NAME_OF_OFFICER.test(tidyArea(row.cells[0] ?? '')) || NAME_OF_OFFICER.test((row.cells[0] ?? '').trim())) {
        const officer = row.cells.slice(1).map((c) => (c ? parsePerson(c) : undefined)).find(Boolean);
        if (previous && officer && !previous.officer) Object.assign(previous, { officer, officerLine: row.line });
        continue;
      }
      const finding = rowFinding(row, columns, year);
      if (finding) findings.push(finding);
    }
    if (findings.length) return findings;
  }
  return undefined;
}

/** A heading over statutory officers' comments, whose sub-headings are the areas ("Finance", "Legal"). */
const COMMENTS_HEADING = /^(\d+(\.\d+)*\.?\s+)?(statutory\s+officers?['’]?\s+comments|comments\s+of\s+(the\s+)?statutory\s+officers|(financial|legal|corporate)?\s*(and|&)?\s*other\s+implications|implications)\b/i;

/**
 * Implications written as sections: "7. Financial implications" (its officer in a "Comments by" line within
 * it), "Legal implications: ... Signed off by: Jo Kent" on one line, or a sub-heading naming the area
 * ("Finance", "Legal") under "Statutory Officers comments".
 */
function implicationSections(lines: ReportLine[], year: number | undefined): ImplicationFinding[] {
  const found: ImplicationFinding[] = [];
  let underComments = false;
  for (let i = 0; i < lines.length; i++) {
    const cells = filledCells(lines[i]);
    if (cells.length !== 1) continue;
    const text = cells[0];
    // A group heading ("7. FINANCIAL & OTHER IMPLICATIONS") opens sub-sections; it is no area itself.
    if (COMMENTS_HEADING.test(text) && (/\bother\b|comments/i.test(text) || /^(\d+(\.\d+)*\.?\s+)?implications\s*:?$/i.test(text))) {
      underComments = true;
      continue;
    }
    if (/^\d+\.?\s+[A-Z]/.test(text) && !/^\d+\.\d+/.test(text)) underComments = false;
    let area: string | undefined;
    let rest = '';
    const match = SECTION_HEADING.exec(text);
    const inline = /^([A-Za-z][A-Za-z ,&/'’-]{1,60}?)\s+implications?\s*:\s*(\S.*)$/i.exec(text);
    if (match && wordCount(match[3]) <= 5 && !/^(corporate|other|key|cross|summary|the|no|any)\b/i.test(match[3])) area = match[3];
    else if (inline && wordCount(inline[1]) <= 5 && !/^(corporate|other|key|cross|summary|the|no|any)\b/i.test(inline[1])) [area, rest] = [inline[1], inline[2]];
    else if (underComments && wordCount(text) <= 3 && !/[.:]$/.test(text) && familyOf(text)) area = text;
    if (!area) continue;
    const finding: ImplicationFinding = { area: tidyArea(area), areaLine: lines[i] };
    const signatureIn = (t: string, line: ReportLine) => {
      const sig = SIGNATURE.exec(t);
      if (!sig) return false;
      const { officer, date } = officerOf(t.slice(sig.index + sig[0].length));
      if (!officer) return false;
      finding.officer = officer;
      finding.officerLine = line;
      const signed = date ? mentionDate(date, year) : null;
      if (signed) finding.signedOn = signed;
      return true;
    };
    if (!(rest && signatureIn(rest, lines[i]))) {
      for (let j = i + 1; j < lines.length && j <= i + 30; j++) {
        const next = filledCells(lines[j]).join(' ');
        const nextCells = filledCells(lines[j]);
        if (SECTION_HEADING.test(next) || /^[A-Za-z][A-Za-z ,&/'’-]{1,60}?\s+implications?\s*:/i.test(next) || (/^\d+\.?\s+[A-Z]/.test(next) && !/^\d+\.\d+/.test(next))) break;
        if (underComments && nextCells.length === 1 && wordCount(next) <= 3 && familyOf(next) && !/[.:]$/.test(next)) break;
        if (signatureIn(next, lines[j])) break;
      }
    }
    found.push(finding);
  }
  return found;
}

export interface Consultee {
  area: string;
  areaLine: ReportLine;
  officer: NamedPerson;
  line: ReportLine;
}

/** Officers listed as consulted, each under the area of its row (or of the row above when that cell is empty). */
export function consultees(lines: ReportLine[]): Consultee[] {
  for (let i = 0; i < lines.length; i++) {
    if (!CONSULTATION_ANCHOR.test(firstCellText(lines[i])) || filledCells(lines[i]).length > 2) continue;
    const out: Consultee[] = [];
    let area = '';
    let areaLine = lines[i];
    let gap = 0;
    for (let j = i + 1; j < lines.length; j++) {
      const line = lines[j];
      if (isBlank(line) || isRule(line)) {
        if (++gap > 2) break;
        continue;
      }
      gap = 0;
      let cells = line.cells;
      // "Finance: Jane Smith" lists.
      if (filledCells(line).length === 1 && cells.length === 1) {
        const at = cells[0].indexOf(':');
        if (at < 2 || at > 40) break;
        cells = [cells[0].slice(0, at), cells[0].slice(at + 1)];
      }
      if (cells[0]) [area, areaLine] = [tidyArea(cells[0]), line];
      const officer = cells.slice(1).map((c) => (c ? parsePerson(c) : undefined)).find(Boolean);
      if (officer && area) out.push({ area, areaLine, officer, line });
    }
    if (out.length) return out;
  }
  return [];
}

/** Families of areas that the same officer signs for, whatever each council calls them. */
const FAMILIES: Array<[string, RegExp]> = [
  ['finance', /financ|budget|value\s+for\s+money|\bresources\b|section\s*151|\bs\.?\s*151\b|accountan/i],
  ['legal', /legal|\blaw\b|solicitor|monitoring\s+officer|human\s+rights/i],
  ['equalities', /equalit|diversity|public\s+sector\s+equality/i],
  ['staffing', /staff|human\s+resources|\bhr\b|workforce|personnel|employ/i],
  ['communications', /\bpr\b|communication|media|press/i],
  ['risk', /\brisk/i],
  ['procurement', /procure|contract/i],
  ['property', /property|asset|estates/i],
  ['data', /data\s+protection|information\s+governance|privacy|gdpr/i],
  ['environment', /environment|sustainab|climate|carbon/i],
  ['health and safety', /health\s+(and|&)\s+safety/i],
  ['community safety', /community\s+safety|crime\s+(and|&)\s+disorder/i],
  ['ict', /\bict\b|\bit\b|digital|technology/i],
];

export function familyOf(area: string): string | undefined {
  return FAMILIES.find(([, re]) => re.test(area))?.[0];
}

export interface ImplicationsFound {
  findings: ImplicationFinding[];
  /** Consulted officers that matched no implication and were added as sign-offs of their own. */
  addedFromConsultation: number;
  /** Rows of an area already listed, merged into the first. */
  merged: MergedArea[];
  /** Rows the table marks as not relevant: no sign-off. */
  notRelevant: ImplicationFinding[];
}

export function findImplications(lines: ReportLine[], year?: number): ImplicationsFound {
  const findings = implicationsTable(lines, year) ?? implicationSections(lines, year);
  const listed = consultees(lines);
  const used = new Set<Consultee>();
  // An officer named in the table needs no second sign-off for being consulted too.
  for (const c of listed) if (findings.some((f) => f.officer?.name === c.officer.name)) used.add(c);
  for (const f of findings) {
    if (f.officer) continue;
    const family = familyOf(f.area);
    const match = family && listed.find((c) => !used.has(c) && familyOf(c.area) === family);
    if (!match) continue;
    used.add(match);
    f.officer = match.officer;
    f.officerLine = match.line;
  }
  const extra = listed.filter((c) => !used.has(c));
  const fromConsultation = extra.map((c): ImplicationFinding => ({ area: c.area, areaLine: c.areaLine, officer: c.officer, officerLine: c.line }));
  const notRelevant = findings.filter((f) => f.notRelevant);
  const { kept, merged } = mergeSameAreas([...findings.filter((f) => !f.notRelevant), ...fromConsultation]);
  return { findings: kept, addedFromConsultation: fromConsultation.filter((f) => kept.includes(f)).length, merged, notRelevant };
}

/** The key two rows share when they are the same area: their family, else their words. */
const areaKey = (area: string) => familyOf(area) ?? area.toLowerCase().replace(/&/g, 'and').replace(/[^a-z0-9]+/g, ' ').trim();

/**
 * One sign-off per area: a second row of the same area (the table's "Financial and Value for Money" and the
 * consultation list's "Finance") is merged into the first, which takes its officer if it had none.
 */
export function mergeSameAreas(findings: ImplicationFinding[]): { kept: ImplicationFinding[]; merged: MergedArea[] } {
  const kept: ImplicationFinding[] = [];
  const merged: MergedArea[] = [];
  for (const f of findings) {
    const first = kept.find((k) => areaKey(k.area) === areaKey(f.area));
    if (!first) {
      kept.push(f);
      continue;
    }
    if (!first.officer && f.officer) Object.assign(first, { officer: f.officer, officerLine: f.officerLine, signedOn: f.signedOn });
    merged.push({ kept: first, dropped: f });
  }
  return { kept, merged };
}

export interface MergedArea {
  kept: ImplicationFinding;
  dropped: ImplicationFinding;
}
