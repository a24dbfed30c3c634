/** `GET /api/runs/{runId}/front-sheet?format=html|csv|docx`: the report front sheet's Timetable and Sign-off tables. */
import { z } from 'zod';
import { readRun } from '../actions/readRuns';
import { frontSheetAnswer, frontSheetFormatSchema } from '../edge/exports';
import { apiHandler } from '../edge/http';
import { runParams } from './params';

const query = z.object({ format: frontSheetFormatSchema });

export const handler = apiHandler({ name: 'FrontSheet', params: runParams, query }, async ({ params, query, actor }) =>
  frontSheetAnswer(await readRun(params.runId, actor), query.format),
);
