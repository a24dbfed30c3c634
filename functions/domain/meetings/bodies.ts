/**
 * The council's bodies (Cabinet, Overview and Scrutiny, Full Council...): what kind of body each is and the notice
 * its meetings need. A body's meetings are on the calendar (`meetings.ts`); runs' stages can sit at them.
 */
import { z } from 'zod';
import { clearDaysSchema } from '../computeDeadlines';
import { oneLineText, personSchema, stageKindSchema, webUrlSchema } from '../runModel';

/** Body ids appear in URLs (`/calendar/bodies/{bodyId}.ics`) and in imports' `?body=`. */
export const bodyIdSchema = z.string().regex(/^[a-z0-9-]{1,64}$/, 'use 1 to 64 lower-case letters, digits and hyphens');
export type BodyId = z.infer<typeof bodyIdSchema>;

/** Working days members have to call in an executive decision; 5 unless the constitution says otherwise. */
export const DEFAULT_CALL_IN_WORKING_DAYS = 5;

const bodyFields = z.object({
  name: oneLineText(200),
  kind: stageKindSchema,
  clearDays: clearDaysSchema.default({ count: 5, excludeNonWorkingDays: true }),
  /** 0 = no call-in. Only an executive body's decisions can be called in. */
  callInWorkingDays: z.number().int().min(0).max(30).optional(),
  /** Told of a general-exception key decision (the forward plan's 28 days cannot be given). */
  scrutinyChair: personSchema.optional(),
  /**
   * The council's published calendar of this body (an iCalendar feed or a Modern.Gov GetMeetings address),
   * re-imported every morning by the calendar-feed timer; none by default (the clerk imports files by hand).
   */
  feed: z.object({ url: webUrlSchema }).optional(),
});

/**
 * Call-in applies to executive decisions only, so the default is 5 working days for an executive body and 0
 * (none) for any other: a stored body always says how long its call-in lasts.
 */
function withCallInDefault<T extends z.infer<typeof bodyFields>>(body: T) {
  return {
    ...body,
    callInWorkingDays: body.callInWorkingDays ?? (body.kind === 'executive' ? DEFAULT_CALL_IN_WORKING_DAYS : 0),
  };
}

/** A body as stored and answered by `GET /api/bodies/{bodyId}`. */
export const bodySchema = bodyFields.extend({ id: bodyIdSchema }).transform(withCallInDefault);
export type Body = z.infer<typeof bodySchema>;

/** The body of `PUT /api/bodies/{bodyId}` (the id is the path's); unknown fields are ignored, as elsewhere. */
export const bodyInputSchema = bodyFields.transform(withCallInDefault);
export type BodyInput = z.infer<typeof bodyInputSchema>;

/** The body a `PUT` creates or replaces: the input with the path's id (checked by the caller with `bodyIdSchema`). */
export function bodyFromInput(bodyId: BodyId, input: BodyInput): Body {
  return { id: bodyId, ...input };
}

/** A body's name as it is matched: lower case, single-spaced (stages and routes name bodies as people type them). */
export function bodyNameKey(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Whether two names are the same body's: case and spacing aside. */
export function sameBodyName(a: string, b: string): boolean {
  return bodyNameKey(a) === bodyNameKey(b);
}

/** The body of that name, if the calendar has one. */
export function bodyNamed<B extends { name: string }>(bodies: readonly B[], name: string): B | undefined {
  return bodies.find((b) => sameBodyName(b.name, name));
}
