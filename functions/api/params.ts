import { z } from 'zod';

/** Path parameters: any non-empty value; one that names nothing stored answers 404, not 400. */
const id = z.string().min(1).max(200);
export const runParams = z.object({ runId: id });
export const stageParams = z.object({ runId: id, stageId: id });
export const signoffParams = z.object({ runId: id, signoffId: id });
