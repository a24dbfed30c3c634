/**
 * A report going to a meeting whose publication deadline has passed, as a late item: why it cannot wait (the
 * chair's agreement is recorded later). Its own module: new runs, moves and the late-item record all hold it.
 */
import { z } from 'zod';

/** The longest reason a late item keeps. */
export const LATE_ITEM_REASON_MAX = 2000;

export const lateItemReasonSchema = z.string().trim().min(1).max(LATE_ITEM_REASON_MAX);

/** `lateItem` on a stage of `POST /api/runs` and on `PATCH .../stages/{stageId}`. */
export const lateItemRequestSchema = z.object({ reason: lateItemReasonSchema });
