/**
 * `GET /runs/{runId}/front-sheet?format=html|csv|docx`: the front sheet for whoever may read the run, signed in
 * by the page session (the API's twin takes a bearer token). As a page, the tables sit in the GOV.UK layout.
 */
import { readRun } from '../actions/readRuns';
import { frontSheetAnswer, frontSheetFormatSchema } from '../edge/exports';
import { frontSheetTables, frontSheetOf } from '../domain/exports/frontSheet';
import { runHref } from './model/links';
import { errorPage, pageHandler } from './pageHandler';

export const handler = pageHandler({ name: 'FrontSheetPage', nav: 'dashboard' }, async ({ params, actor, query }) => {
  const format = frontSheetFormatSchema.safeParse(query.format);
  if (!format.success) return { answer: errorPage(400, 'There is a problem with the request', 'The front sheet comes as a page, a Word document (docx) or CSV.', actor) };
  const snapshot = await readRun(params.runId, actor);
  if (format.data !== 'html') return { answer: await frontSheetAnswer(snapshot, format.data) };
  const sheet = frontSheetOf(snapshot);
  return { view: 'frontSheetPage', context: { title: `Front sheet: ${sheet.title}`, plan: sheet.title, runHref: runHref(snapshot.meta.runId), ...frontSheetTables(sheet) } };
});
