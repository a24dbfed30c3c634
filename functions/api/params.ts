import { z } from 'zod';

/**
 * Path parameters: any non-empty value. One that names nothing stored answers 404, not 400 (docs/API.md), even
 * when it is too long to be a key: the store treats such ids as not stored.
 */
const id = z.string().min(1);
export const runParams = z.object({ runId: id });
export const stageParams = z.object({ runId: id, stageId: id });
export const signoffParams = z.object({ runId: id, signoffId: id });
