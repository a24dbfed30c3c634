/**
 * Labelled facts of a report's cover sheet: "Key Decision: Yes", "Classification\tNon-exempt",
 * "Report Author Community Safety Team Leader", a label alone with its value on the next line.
 */
import { filledCells, isBlank, wordCount, type ReportLine } from './reportLines';

export interface Labelled {
  value: string;
  /** The line the value was read from (the label's own line, or the next one). */
  line: ReportLine;
  labelLine: ReportLine;
}

export interface LabelSpec {
  /** Matches the whole label (without its colon), case-insensitive. */
  label: RegExp;
  /** Allow "Label value" with only a space between (multi-word labels such as "Key Decision No"). */
  spaceSeparated?: boolean;
}

const SEPARATOR = /^\s*(?:[:：]|[–—-](?=\s)|=)\s*/;

/** The value after the label at the start of a line, or undefined if the line does not start with it. */
function valueAfterLabel(line: ReportLine, spec: LabelSpec): string | undefined {
  const cells = filledCells(line);
  if (!cells.length) return undefined;
  const others = cells.slice(1).join(' ').trim();
  // Label in its own cell: "Classification<TAB>Non-exempt".
  if (spec.label.test(cells[0].replace(/\s*[:：]\s*$/, ''))) return others;
  // Label and value in the first cell: "Author: Jane Smith<2 spaces>Role: ..." gives "Jane Smith".
  const text = cells[0];
  const words = text.split(/\s+/);
  // Longest label prefix first, so "Key Decision" wins over "Key".
  for (let n = Math.min(8, words.length); n >= 1; n--) {
    const head = words.slice(0, n).join(' ');
    const bare = head.replace(/[:：]$/, '');
    if (!spec.label.test(bare)) continue;
    const rest = text.slice(head.length);
    let value: string | undefined;
    if (head.endsWith(':') || head.endsWith('：')) value = rest.trim();
    else {
      const sep = SEPARATOR.exec(rest);
      if (sep && sep[0].trim()) value = rest.slice(sep[0].length).trim();
      else if (spec.spaceSeparated && /^\s+\S/.test(rest)) value = rest.trim();
    }
    if (value !== undefined) return value || others;
  }
  return undefined;
}

/** Every line starting with the label, with its value (from the next non-blank line when the label stands alone). */
export function findLabelled(lines: ReportLine[], spec: LabelSpec, from = 0, to = lines.length): Labelled[] {
  const found: Labelled[] = [];
  for (let i = from; i < Math.min(to, lines.length); i++) {
    const column = labelRowValue(lines, i, spec);
    if (column) {
      found.push(column);
      continue;
    }
    const value = valueAfterLabel(lines[i], spec);
    if (value === undefined) continue;
    if (value) {
      found.push({ value, line: lines[i], labelLine: lines[i] });
      continue;
    }
    let j = i + 1;
    while (j < lines.length && j <= i + 2 && isBlank(lines[j])) j++;
    const next = lines[j];
    if (next && !isBlank(next) && wordCount(next.text) <= 14) {
      found.push({ value: filledCells(next).join(' ').trim(), line: next, labelLine: lines[i] });
    }
  }
  return found;
}

/**
 * A row of labels side by side ("Officer contact:<TAB>Member contact:") with the values in the same columns of
 * the row below ("Name: Vicky Lowe<TAB>Name: Cllr Kevin Orr"): the value under the label asked for.
 */
function labelRowValue(lines: ReportLine[], i: number, spec: LabelSpec): Labelled | undefined {
  const cells = lines[i].cells;
  const filled = filledCells(lines[i]);
  if (filled.length < 2 || !filled.every((c) => /[:：]$/.test(c) && wordCount(c) <= 5)) return undefined;
  const k = cells.findIndex((c) => c && spec.label.test(c.replace(/\s*[:：]\s*$/, '')));
  if (k < 0) return undefined;
  for (let j = i + 1; j < lines.length && j <= i + 3; j++) {
    if (isBlank(lines[j])) continue;
    const value = lines[j].cells[k]?.trim();
    return value ? { value, line: lines[j], labelLine: lines[i] } : undefined;
  }
  return undefined;
}

export function firstLabelled(lines: ReportLine[], specs: LabelSpec[], from = 0, to = lines.length): Labelled | undefined {
  for (const spec of specs) {
    const hit = findLabelled(lines, spec, from, to)[0];
    if (hit) return hit;
  }
  return undefined;
}
