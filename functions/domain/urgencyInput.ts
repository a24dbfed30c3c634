/**
 * The urgency a clerk records on a key decision's executive stage (`POST /api/runs` stages, `PATCH .../stages/{id}`):
 * the general exception or special urgency of the 2012 Executive Arrangements Regulations (executiveDecisions.ts).
 * Its own module: the request schemas of new runs and reschedules both hold it.
 */
import { z } from 'zod';
import { isoDateSchema } from './calendar';
import { oneLineText, personSchema } from './runModel';

/** The longest reason an urgency keeps. */
export const URGENCY_REASON_MAX = 5000;

/** `urgency` on a stage of `POST /api/runs` or on `PATCH .../stages/{stageId}`. */
export const urgencyInputSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('general-exception'),
    scrutinyChairInformedOn: isoDateSchema,
    /** Why the 28 days of the forward plan cannot be given (the general exception's notice says it). */
    reason: z.string().trim().min(1).max(URGENCY_REASON_MAX).optional(),
    /** For a stage typed by date (no calendar body to name one): the chair informed, who is e-mailed the notice. */
    scrutinyChair: personSchema.optional(),
  }),
  z.object({
    kind: z.literal('special-urgency'),
    agreedBy: z.object({ name: oneLineText(200), role: oneLineText(200) }),
    /** The day the chair agreed; today by default. */
    agreedOn: isoDateSchema.optional(),
    /** Why the decision is urgent and cannot reasonably be deferred. */
    reason: z.string().trim().min(1).max(URGENCY_REASON_MAX).optional(),
    scrutinyChair: personSchema.optional(),
  }),
]);
export type UrgencyInput = z.infer<typeof urgencyInputSchema>;

