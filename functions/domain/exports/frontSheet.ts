/**
 * The two tables of a report's front sheet as the author pastes them (docs/API.md "Exports"): "Timetable"
 * (each meeting the report goes to and its date) and "Sign-off" (each cross-cutting issue, the officer who signs it
 * off, their role when known, and the date signed or when it is due). One model, rendered as HTML, CSV or Word.
 */
import type { IsoDate } from '../calendar';
import { londonDate } from '../calendar';
import type { RunSnapshot } from '../runModel';

export interface FrontSheet {
  title: string;
  timetable: Array<{ meeting: string; date: IsoDate }>;
  signoffs: Array<{ area: string; officer: string; role: string; signedOn: IsoDate | null; dueBy: IsoDate; status: string }>;
}

export function frontSheetOf(snapshot: RunSnapshot): FrontSheet {
  return {
    title: snapshot.meta.plan.title,
    timetable: snapshot.stages.map((s) => ({ meeting: s.body, date: s.meetingDate })),
    // A delegated finalisation's sign-off is given after the meeting: it is not one of the report's implications.
    signoffs: snapshot.signoffs
      .filter((so) => !so.delegation)
      .map((so) => ({
        area: so.area,
        officer: so.officer.name,
        role: so.officer.role ?? '',
        signedOn: so.status === 'signed' && so.signedAt ? londonDate(new Date(so.signedAt)) : null,
        dueBy: so.dueBy,
        status: so.status,
      })),
  };
}

const dayMonthYear = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2017-03-03` -> `3 March 2017`, as front sheets print dates. */
export function frontSheetDate(date: IsoDate): string {
  return dayMonthYear.format(new Date(`${date}T00:00:00Z`));
}

/** The Sign-off table's last column: the date signed, else when it is due (and that changes were asked for). */
export function signedOrDue(row: FrontSheet['signoffs'][number]): string {
  if (row.signedOn) return frontSheetDate(row.signedOn);
  const due = frontSheetDate(row.dueBy);
  return row.status === 'changes-requested' ? `Changes requested; due by ${due}` : `Due by ${due}`;
}

export const TIMETABLE_HEADINGS = ['Meeting', 'Date'] as const;
export const SIGNOFF_HEADINGS = ['Issue', 'Officer', 'Role', 'Date signed or due'] as const;

export interface TextTable {
  head: string[];
  rows: string[][];
}

/** Both tables as text: headings and rows. */
export function frontSheetTables(sheet: FrontSheet): { timetable: TextTable; signoffs: TextTable } {
  return {
    timetable: { head: [...TIMETABLE_HEADINGS], rows: sheet.timetable.map((t) => [t.meeting, frontSheetDate(t.date)]) },
    signoffs: { head: [...SIGNOFF_HEADINGS], rows: sheet.signoffs.map((so) => [so.area, so.officer, so.role, signedOrDue(so)]) },
  };
}
