/**
 * The plan's own fields from a report's cover sheet: title, author, key decision and classification.
 * Each answer carries the line it was read from; undefined means the report does not say.
 */
import { hasBodyWord, looksLikeBody } from './bodies';
import { findDates } from './dates';
import { findLabelled, firstLabelled, type LabelSpec } from './labels';
import { emailFor, parsePerson, type NamedPerson } from './people';
import { acronymsOf, filledCells, isBlank, unshout, wordCount, type ReportLine } from './reportLines';
import { headRegion } from './timetable';

export interface Found<T> {
  value: T;
  line: ReportLine;
}

const TITLE_LABELS: LabelSpec[] = [
  {
    label: /^(title|report title|title of (the )?(report|paper|item)|subject|report subject|subject of (the )?report|agenda item title|name of (the )?(report|plan|policy|strategy)|report name)$/i,
  },
];
/** Words of a document's title, for choosing among the first lines. */
const TITLE_WORD = /\b(plan|strategy|policy|assessment|framework|programme|charter|statement|protocol|review|report|proposals?|scheme|action plan)\b/i;
/** Cover-sheet lines that are never the title. */
const NOT_TITLE =
  /^(report\s+(of|from|to|for|by|author)|author|contact|lead|portfolio|ward|wards|classification|status|key\s+decision|date|meeting|agenda|item|part\s+(1|2|i|ii|one|two)\b|not\s+for\s+publication|appendix|annex|page\s+\d|by\s+virtue\s+of|for\s+general\s+release|report\s+summary)/i;
/** Markings standing alone ("PUBLIC REPORT", "EXEMPT", "OFFICIAL – SENSITIVE"), never the title. */
const MARKING = /^(public|open|exempt|restricted|confidential|official|private|unrestricted)(\s+(report|item|information|[-–—]\s*\w+))?$/i;

export function findTitle(lines: ReportLine[]): Found<string> | undefined {
  const known = acronymsOf(lines);
  const labelled = firstLabelled(lines, TITLE_LABELS, 0, headRegion(lines, 60));
  if (labelled && wordCount(labelled.value) >= 1) return { value: tidyTitle(labelled.value, known), line: labelled.line };
  const end = headRegion(lines, 25);
  const candidates = lines.slice(0, end).filter((line) => {
    if (isBlank(line) || filledCells(line).length > 1) return false;
    const text = filledCells(line)[0];
    const words = wordCount(text);
    if (words < 2 || words > 40 || !/[A-Za-z]{3}/.test(text) || NOT_TITLE.test(text) || MARKING.test(text)) return false;
    // A title starts as a heading does, not mid-sentence ("by virtue of paragraph 3 ...").
    if (/^[a-z]/.test(text)) return false;
    const label = /^([^:]{1,30}):/.exec(text)?.[1];
    if (label && wordCount(label) <= 3 && !TITLE_WORD.test(label)) return false;
    // A body's name ("HEALTH AND WELLBEING BOARD") or a meeting's date is the heading, not the title.
    if (looksLikeBody(text, true) && !TITLE_WORD.test(text)) return false;
    // A sentence is the report talking, not its title.
    if (/[.;!?]$/.test(text) || /\b(is|are|was|were|will|would|should|must|we|our|you)\b/i.test(text)) return false;
    const dates = findDates(text);
    if (dates.length && text.replace(dates[0].text, '').replace(/[^A-Za-z]/g, '').length < 12) return false;
    return true;
  });
  const best = candidates.find((l) => TITLE_WORD.test(l.text)) ?? candidates[0];
  return best ? { value: tidyTitle(filledCells(best)[0], known), line: best } : undefined;
}

function tidyTitle(text: string, known?: ReadonlySet<string>): string {
  return unshout(text.replace(/^(agenda\s+)?item\s+\d+[a-z]?\s*[:.–—-]?\s*/i, '').replace(/\s+/g, ' ').trim(), known).slice(0, 300);
}

const AUTHOR_LABELS: LabelSpec[] = [
  {
    label:
      /^(lead\s+officer\s*\/\s*author|report\s+author|authors?|lead\s+author|authors?\s*(\/|and|&)\s*contact(\s+officers?)?|report\s+(written|prepared)\s+by|prepared\s+by|written\s+by|report\s+writer)$/i,
    spaceSeparated: true,
  },
  {
    label:
      /^(contact\s+officers?|officer\s+contact|report\s+contact|contact\s+details|contact|lead\s+officer(\s+contact)?|responsible\s+officer|officer|contact\s+for\s+enquiries|enquiries(\s+to)?|for\s+further\s+information(\s+contact)?)$/i,
    spaceSeparated: true,
  },
  { label: /^(report\s+(of|from|by)|from|by|submitted\s+by|head\s+of\s+service|lead\s+director|director|corporate\s+director)$/i },
];

export interface FoundAuthor {
  person: NamedPerson;
  line: ReportLine;
  emailLine?: ReportLine;
}

/**
 * The report's author: the first author-like label that names a person. A label giving only a job title
 * ("Report Author: Community Safety Team Leader") is resolved to the person named with that title elsewhere.
 */
export function findAuthor(lines: ReportLine[]): FoundAuthor | undefined {
  for (const spec of AUTHOR_LABELS) {
    for (const hit of findLabelled(lines, spec)) {
      const person = parsePerson(hit.value);
      if (person) return withAuthorEmail(person, hit.line, lines);
      const role = hit.value.replace(/[,;].*$/, '').trim();
      if (wordCount(role) < 2 || hasBodyWord(role)) continue;
      for (const line of lines) {
        if (line === hit.line || !line.text.toLowerCase().includes(role.toLowerCase())) continue;
        const named = line.cells.map((c) => (c.toLowerCase().includes(role.toLowerCase()) ? parsePerson(c) : undefined)).find(Boolean);
        if (named) return withAuthorEmail(named, line, lines);
      }
    }
  }
  return undefined;
}

function withAuthorEmail(person: NamedPerson, line: ReportLine, lines: ReportLine[]): FoundAuthor {
  if (person.email) return { person, line, emailLine: line };
  const found = emailFor(person.name, lines);
  return found ? { person: { ...person, email: found.email }, line, emailLine: lines[found.line] } : { person, line };
}

const KEY_DECISION_LABELS: LabelSpec[] = [
  {
    // Any short label about the key decision: "Key Decision", "Is this a key decision?", "Report for: Key/Non Key Decision".
    label: /^(?!(this|it|the|a)\b)(?!.*\b(yes|no|y|n)\s*$)(?=.{0,60}$)(?=.*\bkey\b)(?=.*\bdecision\b)[\w\s/()?'’-]*$/i,
    spaceSeparated: true,
  },
];

export function findKeyDecision(lines: ReportLine[]): Found<boolean> | { unclear: string; line: ReportLine } | undefined {
  const hit = firstLabelled(lines, KEY_DECISION_LABELS);
  if (hit) {
    if (/^(yes|y|true)\b/i.test(hit.value) || /^it\s+is\b/i.test(hit.value)) return { value: true, line: hit.line };
    if (/^(no|n|false|non[- ]?key|not\s+a\s+key|it\s+is\s+not)\b/i.test(hit.value)) return { value: false, line: hit.line };
    return { unclear: hit.value, line: hit.line };
  }
  for (const line of lines) {
    if (/\b(this\s+is\s+not\s+a\s+key\s+decision|non[- ]key\s+decision|not\s+a\s+key\s+decision)\b/i.test(line.text)) return { value: false, line };
    if (/\bthis\s+(is|will\s+be)\s+a\s+key\s+decision\b/i.test(line.text)) return { value: true, line };
  }
  const end = headRegion(lines, 15);
  const marker = lines.slice(0, end).find((l) => /^(key\s+decision|non[- ]key\s+decision)$/i.test(l.text.trim()));
  if (marker) return { value: !/non/i.test(marker.text), line: marker };
  return undefined;
}

export type Classification = 'public' | 'exempt' | 'confidential';

const CLASSIFICATION_LABELS: LabelSpec[] = [
  {
    label: /^(classification|security\s+classification|protective\s+marking|exempt\s+information|exemption\s+status|open\s*\/\s*exempt|open\s+or\s+exempt|public\s*\/\s*private|public\s+or\s+private)$/i,
    spaceSeparated: true,
  },
  { label: /^(exempt|exemption|is\s+(the|this)\s+report\s+exempt\??|confidential(ity)?|publication|access\s+to\s+information|part)$/i },
  // Questions and compound labels: "Is this report confidential?", "Part II Exempt from Disclosure",
  // "Does the report contain confidential or exempt information?".
  { label: /^(?!.*\b(yes|no|y|n)\s*$)(?=.{0,80}$)(?=.*\b(exempt|confidential|restricted)\b)(?!.*\b(reason|paragraph|why)\b)[\w\s/()?'’-]*$/i, spaceSeparated: false },
  { label: /^(status|report\s+status)$/i, spaceSeparated: true },
];
const STATUS_LABEL = CLASSIFICATION_LABELS[3];

/** A classification value read as Ratify's three: public, exempt, confidential; undefined when it is not one. */
export function classificationOf(value: string): Classification | undefined {
  const v = value.toLowerCase();
  if (/\b(non[- ]?exempt|not\s+exempt|unrestricted|not\s+restricted|non[- ]?confidential|not\s+confidential)\b/.test(v)) return 'public';
  if (/\bconfidential\b/.test(v)) return 'confidential';
  if (/\b(exempt|restricted|private|not\s+for\s+publication|official[- ]sensitive|schedule\s*12a)\b|\bpart\s*(2|ii|two|b)\b/.test(v)) return 'exempt';
  if (/\b(public|open|none|no|official|part\s*(1|i|one|a))\b/.test(v)) return 'public';
  return undefined;
}

export function findClassification(lines: ReportLine[]): Found<Classification> | undefined {
  for (const spec of CLASSIFICATION_LABELS) {
    for (const hit of findLabelled(lines, spec, 0, spec === STATUS_LABEL ? headRegion(lines) : lines.length)) {
      // A question answered yes or no: "Is this report confidential? No", "Exempt: Yes".
      const label = filledCells(hit.labelLine)[0] ?? '';
      const answer = /^(yes|y)\b/i.test(hit.value) ? (/exempt/i.test(label) ? 'exempt' : /confidential/i.test(label) ? 'confidential' : undefined) : undefined;
      const value = answer ?? classificationOf(hit.value);
      if (value) return { value, line: hit.line };
    }
  }
  // Markings at the head of the report, or the statutory wording of exempt information.
  const end = headRegion(lines, 15);
  for (const line of lines.slice(0, end)) {
    const text = line.text.trim();
    if (/^(exempt|confidential|restricted|not\s+for\s+publication|part\s+(2|ii)|private\s+(and|&)\s+confidential|official[- ]sensitive)\b.{0,40}$/i.test(text)) {
      const value = classificationOf(text);
      if (value && value !== 'public') return { value, line };
    }
    // "PART 1 – PUBLIC", "Open", "Unrestricted" standing alone.
    if (/^(part\s*(1|i|one)|open|public|unrestricted|not\s+exempt|non[- ]exempt|for\s+general\s+release)(\s*[-–(:].{0,30})?$/i.test(text)) return { value: 'public', line };
  }
  const statutory = lines.find((l) => /\bby\s+virtue\s+of\s+paragraphs?\s+\d+.{0,80}schedule\s*12\s*a\b/i.test(l.text) && !/\bbackground\s+papers\b/i.test(l.text));
  return statutory ? { value: 'exempt', line: statutory } : undefined;
}
