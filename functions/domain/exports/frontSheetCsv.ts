/**
 * The front sheet as one RFC 4180 table (CRLF line ends, quotes doubled): a `Table` column says which of the two
 * tables each row belongs to, so a spreadsheet can filter either one.
 */
import { stringify } from 'csv-stringify/sync';
import { frontSheetDate, signedOrDue, type FrontSheet } from './frontSheet';

export const FRONT_SHEET_CSV_HEADINGS = ['Table', 'Meeting or issue', 'Officer', 'Role', 'Date'] as const;

export function frontSheetCsv(sheet: FrontSheet): string {
  const rows = [
    ...sheet.timetable.map((t) => ['Timetable', t.meeting, '', '', frontSheetDate(t.date)]),
    ...sheet.signoffs.map((so) => ['Sign-off', so.area, so.officer, so.role, signedOrDue(so)]),
  ];
  return stringify([[...FRONT_SHEET_CSV_HEADINGS], ...rows.map(guardFormula)], { record_delimiter: 'windows' });
}

/**
 * A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@` first) is prefixed with `'`: titles and names
 * come from users, and a CSV must not become a way to run formulas on a manager's machine.
 */
export function guardFormula(row: string[]): string[] {
  return row.map((cell) => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell));
}
