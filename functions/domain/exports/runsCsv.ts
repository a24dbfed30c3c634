/**
 * The runs list as CSV (docs/API.md "Exports": `GET /api/runs.csv`): one row per run with its status, current
 * stage, next deadline, sign-offs signed of required and RAG, for a manager's spreadsheet. Dates stay ISO
 * (`2017-02-01`) so a spreadsheet sorts them.
 */
import { stringify } from 'csv-stringify/sync';
import type { RunListItem } from '../runListing';
import { guardFormula } from './frontSheetCsv';

export const RUNS_CSV_HEADINGS = [
  'Run',
  'Plan',
  'Author',
  'Status',
  'Current stage',
  'Meeting date',
  'Next deadline',
  'Next deadline for',
  'Sign-offs signed',
  'Sign-offs required',
  'RAG',
  'Reasons',
] as const;

const RAG_WORDS = { green: 'Green', amber: 'Amber', red: 'Red' } as const;

export function runsCsv(runs: RunListItem[]): string {
  const rows = runs.map((r) => [
    r.runId,
    r.plan.title,
    r.plan.author.name,
    r.status,
    r.current?.body ?? '',
    r.current?.meetingDate ?? '',
    r.nextDeadline?.date ?? '',
    r.nextDeadline?.what ?? '',
    String(r.signoffs.signed),
    String(r.signoffs.required),
    RAG_WORDS[r.rag.status],
    r.rag.reasons.join('; '),
  ]);
  return stringify([[...RUNS_CSV_HEADINGS], ...rows.map(guardFormula)], { record_delimiter: 'windows' });
}
