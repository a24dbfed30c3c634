/** `GET /api/runs/{runId}/front-sheet?format=html|csv|docx`: the report front sheet's Timetable and Sign-off tables. */
import { z } from 'zod';
import { readRun } from '../actions/readRuns';
import { frontSheetOf, frontSheetTables } from '../domain/exports/frontSheet';
import { frontSheetCsv } from '../domain/exports/frontSheetCsv';
import { frontSheetDocx } from '../domain/exports/frontSheetDocx';
import { slug } from '../domain/slug';
import { apiHandler, type ApiAnswer } from '../edge/http';
import { renderView } from '../edge/render';
import { runParams } from './params';

const query = z.object({ format: z.enum(['html', 'csv', 'docx']).default('html') });

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export const handler = apiHandler({ name: 'FrontSheet', params: runParams, query }, async ({ params, query, actor }): Promise<ApiAnswer> => {
  const sheet = frontSheetOf(await readRun(params.runId, actor));
  const file = `${slug(sheet.title, 60) || 'plan'}-front-sheet`;
  if (query.format === 'csv') {
    return { statusCode: 200, headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${file}.csv"` }, body: frontSheetCsv(sheet) };
  }
  if (query.format === 'docx') {
    return { statusCode: 200, headers: { 'content-type': DOCX_TYPE, 'content-disposition': `attachment; filename="${file}.docx"` }, body: await frontSheetDocx(sheet) };
  }
  return { statusCode: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: renderView('frontSheet', frontSheetTables(sheet)) };
});
