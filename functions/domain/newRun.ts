/**
 * Starting a run: the request body (zod), the rules across its items (dates in order and not past, known
 * stages) reported on the later item, and the items to store with their deadlines computed.
 */
import { z } from 'zod';
import { isoDateSchema, type IsoDate } from './calendar';
import { clearDaysSchema, publishBy, signoffDueBy } from './computeDeadlines';
import { invalid, problem, throwIfInvalid, type Problem } from './errors';
import { slug, uniqueIds } from './slug';
import { beforePreviousProblem, meetingDateProblem } from './meetingDates';
import type { RouteTemplate } from './routes';
import { suggestMeetingDates } from './routes';
import { oneLineText, PERSON_NAME_MAX, personSchema, PLAN_TITLE_MAX, planSchema, stageKindSchema, type Person, type RunMeta, type Signoff, type Stage } from './runModel';

export const STAGE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

/** The longest text of each field of a new run, and the most rows: the start-a-run form words its errors from them. */
export const NEW_RUN_LIMITS = { title: PLAN_TITLE_MAX, name: PERSON_NAME_MAX, body: 200, area: 100, stages: 30, signoffs: 100 } as const;

export const stageInputSchema = z.object({
  id: z.string().trim().regex(STAGE_ID, 'letters, digits, - and _ only (at most 64)'),
  body: oneLineText(NEW_RUN_LIMITS.body),
  kind: stageKindSchema,
  meetingDate: isoDateSchema,
});
export type StageInput = z.infer<typeof stageInputSchema>;

export const signoffInputSchema = z.object({
  area: oneLineText(NEW_RUN_LIMITS.area),
  officer: personSchema,
  requiredBefore: z.string().trim().min(1).optional(),
});

export const newRunInputSchema = z.object({
  plan: planSchema,
  clearDays: clearDaysSchema.default({ count: 5, excludeNonWorkingDays: true }),
  stages: z.array(stageInputSchema).min(1).max(NEW_RUN_LIMITS.stages).optional(),
  signoffs: z.array(signoffInputSchema).max(NEW_RUN_LIMITS.signoffs).default([]),
  route: z.string().trim().min(1).max(100).optional(),
});
export type NewRunInput = z.infer<typeof newRunInputSchema>;

/** Field problems across items (`stages.2.meetingDate`: before the previous meeting); empty when all is well. */
export function checkNewRun(stages: StageInput[], signoffs: NewRunInput['signoffs'], today: IsoDate): Record<string, string | Problem> {
  const fields: Record<string, string | Problem> = {};
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    if (seen.has(stage.id)) fields[`stages.${i}.id`] = `${stage.id} is already the id of an earlier stage`;
    seen.add(stage.id);
    const problems = [meetingDateProblem(stage.meetingDate, today), beforePreviousProblem(stage.meetingDate, stages[i - 1])].filter(
      (p): p is Problem => p !== undefined,
    );
    // The first rule broken names the problem for pages; the message says every one.
    if (problems.length) fields[`stages.${i}.meetingDate`] = { ...problems[0], message: problems.map((p) => p.message).join('; ') };
  });
  // The same sign-off twice would send indistinguishable e-mails (its escalations name area, officer and stage).
  const firstOf = new Map<string, number>();
  signoffs.forEach((so, i) => {
    if (so.requiredBefore !== undefined && !seen.has(so.requiredBefore)) {
      fields[`signoffs.${i}.requiredBefore`] = `${so.requiredBefore} is not a stage of this run`;
    }
    const key = [so.area.trim().replace(/\s+/g, ' ').toLowerCase(), so.officer.email.toLowerCase(), so.requiredBefore ?? stages[0]?.id].join('\n');
    const first = firstOf.get(key);
    if (first === undefined) firstOf.set(key, i);
    else fields[`signoffs.${i}.area`] = problem('repeats-signoff', `repeats signoffs.${first} (the same area, officer and stage)`, { signoff: String(first) });
  });
  return fields;
}

/** Short, readable, unique sign-off ids from their areas: `legal`, `finance`, `finance-2`. */
export function signoffIds(areas: string[]): string[] {
  return uniqueIds(
    areas.map((area, i) => {
      const base = slug(area);
      // `delegated-...` ids belong to delegated finalisations.
      return !base || base.startsWith('delegated') ? `signoff-${base || i + 1}` : base;
    }),
  );
}

export interface NewRunItems {
  meta: RunMeta;
  stages: Stage[];
  signoffs: Signoff[];
}

/** A route template's stages, on the template's suggested dates from `today` (clerks then set the real ones). */
export function stagesFromRoute(template: RouteTemplate, today: IsoDate): StageInput[] {
  const dates = suggestMeetingDates(template, today);
  return template.stages.map((s, i) => ({ id: s.id, body: s.body, kind: s.kind, meetingDate: dates[i] }));
}

/**
 * The stages of a new run (given, or its route's on their suggested dates), every rule across items checked:
 * one 400 naming every bad field. `template` is the route the body names, if it is one.
 */
export function checkedStages(body: NewRunInput, template: RouteTemplate | undefined, today: IsoDate): StageInput[] {
  if (body.route && !template) throw invalid('Unknown route', { route: `${body.route} is not a route template` });
  const stages = body.stages ?? (template ? stagesFromRoute(template, today) : undefined);
  if (!stages) throw invalid('Invalid input: stages', { stages: 'Required (or name a route whose stages to use)' });
  throwIfInvalid(checkNewRun(stages, body.signoffs, today));
  return stages;
}

/** The items of a new run, deadlines computed, every sign-off requested now. Input already checked. */
export function buildRun(
  input: NewRunInput & { stages: StageInput[] },
  runId: string,
  startedBy: Person,
  now: Date,
  template?: RouteTemplate,
): NewRunItems {
  const at = now.toISOString();
  const stages: Stage[] = input.stages.map((s, index) => ({
    index,
    id: s.id,
    body: s.body,
    kind: s.kind,
    meetingDate: s.meetingDate,
    publishBy: publishBy(s.meetingDate, input.clearDays),
    publishedAt: null,
    publishedFor: null,
    decides: template?.stages.find((rs) => rs.id === s.id)?.decides ?? null,
  }));
  const ids = signoffIds(input.signoffs.map((s) => s.area));
  const signoffs: Signoff[] = input.signoffs.map((s, i) => {
    const stage = stages.find((st) => st.id === (s.requiredBefore ?? input.stages[0].id))!;
    return {
      id: ids[i],
      area: s.area,
      officer: s.officer,
      requiredBefore: stage.id,
      dueFor: stage.id,
      dueBy: signoffDueBy(stage.publishBy),
      status: 'requested',
      round: 1,
      revision: 0,
      requestedAt: at,
    };
  });
  const meta: RunMeta = {
    runId,
    plan: input.plan,
    clearDays: input.clearDays,
    route: input.route ?? null,
    status: 'running',
    cursor: { index: 0, round: 1, enteredAt: at },
    awaitingRevision: false,
    revisionsApplied: 0,
    startedBy,
    startedAt: at,
    version: 1,
    stageCount: stages.length,
  };
  return { meta, stages, signoffs };
}
