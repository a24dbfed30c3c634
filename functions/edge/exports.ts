/**
 * Exports as HTTP answers, the same for the API (bearer token) and the pages (session cookie): the content type,
 * an attachment name made from the plan's title, and the body (docs/API.md "Exports").
 */
import { z } from 'zod';
import { frontSheetOf, frontSheetTables } from '../domain/exports/frontSheet';
import { frontSheetCsv } from '../domain/exports/frontSheetCsv';
import { frontSheetDocx } from '../domain/exports/frontSheetDocx';
import type { RunSnapshot } from '../domain/runModel';
import { slug } from '../domain/slug';
import { DOCX_TYPE } from '../domain/intake/extractText';
import { runListQuerySchema } from '../domain/runListing';
import type { ApiAnswer } from './http';
import { renderView } from './render';

export const frontSheetFormatSchema = z.enum(['html', 'csv', 'docx']).default('html');
export type FrontSheetFormat = z.infer<typeof frontSheetFormatSchema>;

/** A download: the browser saves it under `filename` rather than showing it. */
export function attachment(contentType: string, filename: string, body: string | Buffer): ApiAnswer {
  return { statusCode: 200, headers: { 'content-type': contentType, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store' }, body };
}

export async function frontSheetAnswer(snapshot: RunSnapshot, format: FrontSheetFormat): Promise<ApiAnswer> {
  const sheet = frontSheetOf(snapshot);
  const file = `${slug(sheet.title, 60) || 'plan'}-front-sheet`;
  if (format === 'csv') return attachment('text/csv; charset=utf-8', `${file}.csv`, frontSheetCsv(sheet));
  if (format === 'docx') return attachment(DOCX_TYPE, `${file}.docx`, await frontSheetDocx(sheet));
  return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' }, body: renderView('frontSheet', frontSheetTables(sheet)) };
}

/** The runs list's filters without its paging: an export holds every run that matches. */
export const runsCsvQuerySchema = runListQuerySchema.omit({ limit: true, cursor: true });

/** The runs export as a download; `x-ratify-truncated: true` when there were more runs than one export holds. */
export function runsCsvAnswer({ csv, truncated }: { csv: string; truncated: boolean }): ApiAnswer {
  const answer = attachment('text/csv; charset=utf-8', 'runs.csv', csv);
  if (truncated) answer.headers = { ...answer.headers, 'x-ratify-truncated': 'true' };
  return answer;
}
