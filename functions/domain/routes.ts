/**
 * Route templates: the usual journeys of a plan through a council's bodies, kept as data in
 * `workflows/routes/*.json` so a council can add its own without code. Each file is validated here; reading
 * them is `platform/routeTemplates.ts`'s.
 */
import { z } from 'zod';
import { addCalendarDays, type IsoDate } from './calendar';
import { outcomeSchema, stageKindSchema, type Outcome } from './runModel';
import { addWorkingDays } from './workingDays';

// The kinds of body and the outcomes are the run model's own: a template names them the same way.
export { stageKindSchema, type StageKind } from './runModel';
export const decisionOutcomeSchema = outcomeSchema;
export type DecisionOutcome = Outcome;

export const finalisationSchema = z.enum(['delegated', 'adoption', 'noting']);
export type Finalisation = z.infer<typeof finalisationSchema>;

/** Lower-case words joined by hyphens: ids appear in URLs and in sign-offs' `requiredBefore`. */
const slugSchema = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'use lower-case letters, digits and hyphens');

export const routeStageSchema = z.strictObject({
  id: slugSchema,
  body: z.string().trim().min(1),
  kind: stageKindSchema,
  /** What this body may decide; a decision outside the list is refused. */
  decides: z.array(decisionOutcomeSchema).min(1),
  /** Areas (Legal, Finance, ...) whose sign-off must be complete before this stage's report is published. */
  signoffsBefore: z.array(z.string().trim().min(1)).optional(),
  /** Suggested weeks after the previous stage's meeting (for the first stage, after the run starts). */
  offsetWeeks: z.number().int().min(0).max(52).optional(),
  /**
   * An executive decision subject to call-in: it takes effect only once the call-in period has passed. Only an
   * executive stage, and only the last one (call-in applies to the run's final decision: a Cabinet recommendation
   * to Full Council is not called in). A route's stage without it is not subject to call-in.
   */
  callIn: z.boolean().optional(),
});
export type RouteStage = z.infer<typeof routeStageSchema>;

/** The outcome at the last stage that each way of finishing a run needs. */
const FINAL_OUTCOME: Record<Finalisation, DecisionOutcome> = {
  adoption: 'approved',
  delegated: 'delegated',
  noting: 'noted',
};

export const routeTemplateSchema = z
  .strictObject({
    id: slugSchema,
    name: z.string().trim().min(1),
    description: z.string().trim().min(1),
    stages: z.array(routeStageSchema).min(1),
    /** How the run ends: adopted by the last body, finalised by an officer it delegates to, or noted. */
    finalisation: finalisationSchema.optional(),
  })
  .superRefine((template, ctx) => {
    const seen = new Set<string>();
    template.stages.forEach((stage, index) => {
      if (seen.has(stage.id)) {
        ctx.addIssue({ code: 'custom', path: ['stages', index, 'id'], message: `duplicate stage id "${stage.id}"` });
      }
      seen.add(stage.id);
      // Referring back needs an earlier stage to go back to.
      if (index === 0 && stage.decides.includes('referred-back')) {
        ctx.addIssue({
          code: 'custom',
          path: ['stages', 0, 'decides'],
          message: 'the first stage cannot refer back: there is no earlier stage',
        });
      }
    });
    // Zod runs this check even when `stages` is empty (already reported), so there may be no last stage.
    const last = template.stages.length - 1;
    template.stages.forEach((stage, index) => {
      if (!stage.callIn) return;
      if (stage.kind !== 'executive') {
        ctx.addIssue({ code: 'custom', path: ['stages', index, 'callIn'], message: 'only an executive stage\'s decision can be called in' });
      } else if (index !== last) {
        ctx.addIssue({ code: 'custom', path: ['stages', index, 'callIn'], message: 'call-in applies to the run\'s final decision: the stages after this one decide' });
      }
    });
    const needed = template.finalisation && FINAL_OUTCOME[template.finalisation];
    if (needed && last >= 0 && !template.stages[last].decides.includes(needed)) {
      ctx.addIssue({
        code: 'custom',
        path: ['stages', last, 'decides'],
        message: `finalisation "${template.finalisation}" needs the last stage to be able to decide "${needed}"`,
      });
    }
  });
export type RouteTemplate = z.infer<typeof routeTemplateSchema>;

/** A route template file that is not valid JSON or not a valid template; names the file and every bad field. */
export class RouteTemplateError extends Error {
  constructor(
    readonly file: string,
    readonly fields: Record<string, string>,
  ) {
    super(`${file}: ${Object.entries(fields).map(([field, problem]) => `${field || '(file)'}: ${problem}`).join('; ')}`);
    this.name = 'RouteTemplateError';
  }
}

/** Validates one template file's text; `file` names it in errors, and its base name must be the template's id. */
export function parseRouteTemplate(file: string, text: string): RouteTemplate {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RouteTemplateError(file, { '': `not JSON: ${(error as Error).message}` });
  }
  const result = routeTemplateSchema.safeParse(json);
  if (!result.success) {
    const fields: Record<string, string> = {};
    for (const issue of result.error.issues) fields[issue.path.map(String).join('.')] ??= issue.message;
    throw new RouteTemplateError(file, fields);
  }
  const expectedId = (file.split(/[\\/]/).pop() ?? file).replace(/\.json$/, '');
  if (result.data.id !== expectedId) {
    throw new RouteTemplateError(file, { id: `"${result.data.id}" must match the file name "${expectedId}"` });
  }
  return result.data;
}

/**
 * Suggested meeting dates for a template's stages, from each stage's `offsetWeeks` after the one before (the first
 * after `from`), each moved forward to a working day. Only a starting point: clerks enter the real dates.
 */
export function suggestMeetingDates(template: RouteTemplate, from: IsoDate): IsoDate[] {
  let previous = from;
  return template.stages.map((stage) => {
    previous = addWorkingDays(addCalendarDays(previous, 7 * (stage.offsetWeeks ?? 0)), 0);
    return previous;
  });
}
