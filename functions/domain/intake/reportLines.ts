/**
 * A report's text as numbered lines. `raw` is the line exactly as given (what `sources` quote back to the clerk);
 * `text` is the same line with markup stripped and spaces tidied; `cells` splits it the way pasted tables come:
 * tab-separated (Word, our .docx and PDF extraction), pipe-separated, or columns of two or more spaces.
 */

export interface ReportLine {
  /** 1-based line number in the text as given. */
  n: number;
  raw: string;
  text: string;
  /** Table cells (trimmed; leading empty cells kept, trailing ones dropped); one cell for ordinary text. */
  cells: string[];
}

export function reportLines(text: string): ReportLine[] {
  return text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .map((raw, i) => {
      const cells = cellsOf(cleanMarkup(raw));
      return { n: i + 1, raw, text: cells.join('\t'), cells };
    });
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', ndash: '–', mdash: '—', rsquo: '’', lsquo: '‘' };

/** Pasted HTML (`<p>`, `<i>`, entities) reduced to its text; odd spaces made plain, tabs kept. */
export function cleanMarkup(line: string): string {
  return line
    // Cells of a pasted HTML table stay cells.
    .replace(/<\/t[dh]>\s*<t[dh]\b[^>]*>/gi, '\t')
    .replace(/<br\s*\/?>|<\/(p|li|div|td|th|h\d)>/gi, ' ')
    .replace(/<\/?[a-zA-Z][^<>]*>/g, '')
    .replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return Number.isFinite(code) && code > 0 && code < 0x110000 ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    })
    .replace(/[\u00a0\u2007\u202f\u2002\u2003\u2009]/g, ' ')
    .replace(/[\u200b\u200c\u200d\u2060]/g, '');
}

function tidy(cell: string): string {
  return cell.replace(/ +/g, ' ').trim();
}

const MAX_CELLS = 40;

/** Cells of one line: tabs first, then pipes, then runs of two or more spaces; else the whole line. */
export function cellsOf(line: string): string[] {
  let parts: string[];
  if (line.includes('\t')) {
    parts = line.split('\t');
  } else if (/\S\s*\|\s*\S/.test(line) || /^\s*\|.*\|\s*$/.test(line)) {
    parts = line.split('|');
    if (parts.length && !parts[0].trim()) parts.shift();
  } else {
    // Two spaces after a full stop are typing habit, not a column.
    parts = line.trim().split(/(?<![.!?]) {2,}/);
  }
  // No report table has dozens of columns; past that the line is noise and is kept whole-ish.
  if (parts.length > MAX_CELLS) parts = [...parts.slice(0, MAX_CELLS - 1), parts.slice(MAX_CELLS - 1).join(' ')];
  const cells = parts.map(tidy);
  while (cells.length > 1 && !cells[cells.length - 1]) cells.pop();
  return cells.length === 1 && !cells[0] ? [''] : cells;
}

export const isBlank = (line: ReportLine): boolean => line.text.trim() === '';

/** Table rules: `-----`, `|---|:---:|`, `====`. */
export const isRule = (line: ReportLine): boolean => /^[\s\-–—=_|:+\t]*$/.test(line.text) && /[-–—=_]{3,}/.test(line.text.replace(/\s/g, ''));

/** Non-empty cells of a line. */
export const filledCells = (line: ReportLine): string[] => line.cells.filter((c) => c !== '');

/** Number of words in a piece of text. */
export const wordCount = (text: string): number => text.split(/\s+/).filter(Boolean).length;

const SMALL_WORDS = new Set(['a', 'an', 'and', 'of', 'the', 'for', 'to', 'in', 'on', 'at', 'as', 'by', 'with', 'or', 'from', 'into', 'via']);
/** Capitalised words that are acronyms even with a vowel. */
const ACRONYMS = new Set(['UK', 'EU', 'ASB', 'CAB', 'CABS', 'ICT', 'IT', 'NHS', 'PSPO', 'CCTV', 'SEND', 'LGA', 'PCC', 'CSP', 'CSU', 'DA', 'VAWG', 'MARAC', 'MAPPA', 'HR', 'CIL', 'S106']);

/** A word typed in capitals that stays so: a known acronym, or letters without a vowel (CSP, PCC, KCC). */
const isAcronym = (word: string, known: ReadonlySet<string>) => {
  const bare = word.replace(/[^A-Za-z0-9]/g, '');
  return ACRONYMS.has(bare) || known.has(bare) || (/^[A-Z]{2,5}s?$/.test(bare) && !/[AEIOUY]/.test(bare.replace(/s$/, '')));
};

/**
 * Text typed in capitals ("HEALTH AND WELLBEING BOARD") in title case: small words lower case, acronyms kept;
 * a run of capital words inside mixed text ("THANET COMMUNITY SAFETY PLAN 2017-20 Partnership Delivery Plan")
 * is title-cased too. `known` adds acronyms the report itself uses in ordinary text.
 */
export function unshout(text: string, known: ReadonlySet<string> = new Set()): string {
  const words = text.split(' ');
  const shouted = (w: string) => /[A-Z]{2}/.test(w) && !/[a-z]/.test(w);
  const letters = text.replace(/[^A-Za-z]/g, '');
  const upper = letters.replace(/[^A-Z]/g, '').length;
  const allShout = letters.length >= 6 && upper / letters.length >= 0.8;
  // Capital words in mixed text: only a run of two or more words that are not all acronyms.
  const inRun = words.map((w, i) => allShout || (shouted(w) && (shouted(words[i - 1] ?? '') || shouted(words[i + 1] ?? ''))));
  if (!inRun.some(Boolean)) return text;
  const runOfAcronyms = words.every((w, i) => !inRun[i] || isAcronym(w, known));
  if (runOfAcronyms) return text;
  return words
    .map((word, i) => {
      if (!inRun[i] || !/[A-Z]/.test(word)) return word;
      const lower = word.toLowerCase();
      if (i > 0 && SMALL_WORDS.has(lower)) return lower;
      if (isAcronym(word, known)) return word;
      return lower.replace(/(^|[-(/'’])([a-z])/g, (_, p: string, c: string) => p + c.toUpperCase());
    })
    .join(' ');
}

/** Acronyms a report uses in ordinary (not shouted) text: "(CSPs)", "the PCC's". */
export function acronymsOf(lines: ReadonlyArray<{ text: string }>): Set<string> {
  const found = new Set<string>();
  for (const line of lines.slice(0, 400)) {
    const letters = line.text.replace(/[^A-Za-z]/g, '');
    if (letters.replace(/[^A-Z]/g, '').length > letters.length * 0.5) continue;
    for (const m of line.text.matchAll(/\b([A-Z]{2,6})s?\b/g)) found.add(m[1]);
  }
  return found;
}
