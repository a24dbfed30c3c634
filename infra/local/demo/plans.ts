/**
 * The demo's plans: the three shared seed reports as data (their timetables and sign-off tables), and the scene
 * each one shows once loaded (how far along its timetable it is).
 */
import { z } from 'zod';
import { clearDaysSchema } from '../../../functions/domain/computeDeadlines';
import { signoffInputSchema, stageInputSchema } from '../../../functions/domain/newRun';
import { outcomeSchema, personSchema, planSchema } from '../../../functions/domain/runModel';
import medway from './medway.json';
import thanet from './thanet.json';
import tunbridgeWells from './tunbridge-wells.json';

export const sceneSchema = z.object({
  /** What the run shows once loaded, in a line. */
  shows: z.string().min(1),
  /** Days from today to the first meeting; 0 means it met today, so its decision can be recorded now. */
  firstMeetingInDays: z.number().int().min(0),
  /** Areas whose officers sign off. */
  sign: z.array(z.string()),
  /** Decisions recorded, in order, each once its meeting has started. */
  decisions: z.array(z.object({ stage: z.string(), outcome: outcomeSchema, resolution: z.string().optional() })),
});
export type Scene = z.infer<typeof sceneSchema>;

export const demoPlanSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  council: z.string().min(1),
  source: z.string().min(1),
  /** The clerk who starts the run and records decisions. */
  clerk: personSchema,
  plan: planSchema,
  clearDays: clearDaysSchema,
  /** The timetable as it was: meeting dates are moved to today's calendar when loaded. */
  stages: z.array(stageInputSchema).min(1),
  signoffs: z.array(signoffInputSchema.extend({ requiredBefore: z.string() })),
  scene: sceneSchema,
});
export type DemoPlan = z.infer<typeof demoPlanSchema>;

/** Just started, mid-way with a decision, finished. */
export function demoPlans(): DemoPlan[] {
  return [tunbridgeWells, medway, thanet].map((data) => demoPlanSchema.parse(data));
}
