/**
 * Starting a run: the request body (zod), the rules across its items (dates in order and not past, known
 * stages) reported on the later item, and the items to store with their deadlines computed.
 */
import { lateItemRequestSchema } from './lateItemInput';
import { z } from 'zod';
import { compareDates, isoDateSchema, type IsoDate } from './calendar';
import { clearDaysSchema, earliestMeetingDate, publishBy, signoffDueBy, type ClearDays } from './computeDeadlines';
import { invalid, problem, throwIfInvalid, type Problem } from './errors';
import { slug, uniqueIds } from './slug';
import { atMeeting, unscheduledMeetingProblem, beforePreviousProblem, deadlinePassedProblem, meetingDateProblem } from './meetingDates';
import type { RouteTemplate } from './routes';
import { suggestMeetingDates } from './routes';
import { isKeyDecisionStage, keyDecisionNoticeProblem, notKeyDecisionProblem, urgencyFrom, urgencyInputProblems } from './executiveDecisions';
import { urgencyInputSchema } from './urgencyInput';
import { oneLineText, PERSON_NAME_MAX, personSchema, PLAN_TITLE_MAX, planSchema, stageKindSchema, type Person, type RunMeta, type Signoff, type Stage } from './runModel';
import { despatchedWithout, type StageDespatch } from './publication';
import type { Publication } from './meetings/meetings';

export const STAGE_ID = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const DEFAULT_CLEAR_DAYS: ClearDays = { count: 5, excludeNonWorkingDays: true };

/** The longest text of each field of a new run, and the most rows: the start-a-run form words its errors from them. */
export const NEW_RUN_LIMITS = { title: PLAN_TITLE_MAX, name: PERSON_NAME_MAX, body: 200, area: 100, stages: 30, signoffs: 100 } as const;

const stageIdSchema = z.string().trim().regex(STAGE_ID, 'letters, digits, - and _ only (at most 64)');

/** A stage typed by date: its body, kind and meeting date as the clerk gives them. */
export const stageInputSchema = z.object({
  id: stageIdSchema,
  body: oneLineText(NEW_RUN_LIMITS.body),
  kind: stageKindSchema,
  meetingDate: isoDateSchema,
  /** A report going to a meeting whose publication deadline has passed: why (the chair's agreement follows). */
  lateItem: lateItemRequestSchema.optional(),
  /** A key decision's executive stage within 28 clear days: the general exception or special urgency. */
  urgency: urgencyInputSchema.optional(),
});
/** A stage ready to build: typed, or resolved from its calendar meeting (then `meetingId` names it). */
export type StageInput = z.infer<typeof stageInputSchema> & { meetingId?: string; bodyId?: string; despatched?: StageDespatch };

/** A stage at a meeting on the calendar: body, kind and date are the meeting's and its body's. */
export const meetingStageInputSchema = z.object({
  id: stageIdSchema,
  meetingId: z.string().trim().min(1).max(100),
  lateItem: stageInputSchema.shape.lateItem,
  urgency: stageInputSchema.shape.urgency,
});
export type MeetingStageInput = z.infer<typeof meetingStageInputSchema>;

/**
 * A stage of `POST /api/runs`: `{"id", "meetingId"}` or `{"id", "body", "kind", "meetingDate"}`. Whichever it is
 * (a `meetingId` says which), its own fields' problems are named, as for any object.
 */
export const stageRequestSchema = z.unknown().transform((value, ctx): StageInput | MeetingStageInput => {
  const byMeeting = !!value && typeof value === 'object' && 'meetingId' in value;
  const parsed = (byMeeting ? meetingStageInputSchema : stageInputSchema).safeParse(value);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path as (string | number)[], input: value });
  return z.NEVER;
});
export type StageRequest = StageInput | MeetingStageInput;

export function isMeetingStage(stage: StageRequest): stage is MeetingStageInput {
  return !('meetingDate' in stage);
}

/** A calendar meeting as a new run's stage takes it: the date, and the body's name and kind. */
export interface StageMeeting {
  meetingId: string;
  date: IsoDate;
  status: 'scheduled' | 'cancelled';
  body: { id: string; name: string; kind: StageInput['kind'] };
  /** The meeting's agenda, if it has already gone out: a report put at it now is a late item. */
  publication?: Publication;
}

export const signoffInputSchema = z.object({
  area: oneLineText(NEW_RUN_LIMITS.area),
  officer: personSchema,
  requiredBefore: z.string().trim().min(1).optional(),
});

export const newRunInputSchema = z.object({
  plan: planSchema,
  clearDays: clearDaysSchema.default(DEFAULT_CLEAR_DAYS),
  stages: z.array(stageRequestSchema).min(1).max(NEW_RUN_LIMITS.stages).optional(),
  signoffs: z.array(signoffInputSchema).max(NEW_RUN_LIMITS.signoffs).default([]),
  route: z.string().trim().min(1).max(100).optional(),
});
export type NewRunInput = z.infer<typeof newRunInputSchema>;

/** Field problems across items (`stages.2.meetingDate`: before the previous meeting); empty when all is well. */
export function checkNewRun(
  stages: StageInput[],
  signoffs: NewRunInput['signoffs'],
  today: IsoDate,
  clearDays: ClearDays = DEFAULT_CLEAR_DAYS,
): Record<string, string | Problem> {
  const fields: Record<string, string | Problem> = {};
  const seen = new Set<string>();
  stages.forEach((stage, i) => {
    if (seen.has(stage.id)) fields[`stages.${i}.id`] = `${stage.id} is already the id of an earlier stage`;
    seen.add(stage.id);
    const problems = [meetingDateProblem(stage.meetingDate, today), beforePreviousProblem(stage.meetingDate, stages[i - 1])].filter((p) => !!p);
    // Both said in the message; the first one's rule, for the form.
    if (problems.length) fields[`stages.${i}.meetingDate`] = { ...problems[0], message: problems.map((p) => p.message).join('; ') };
    else if (!stage.lateItem) {
      const passed = deadlinePassedProblem(stage.meetingDate, today, clearDays);
      if (passed) fields[`stages.${i}.meetingDate`] = passed;
    }
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

/**
 * A route template's stages, on the template's suggested dates from `today` (clerks then set the real ones). The
 * first is never sooner than the earliest meeting whose publication deadline has not passed: a run started on
 * the suggestions is not refused for a deadline already gone.
 */
export function stagesFromRoute(template: RouteTemplate, today: IsoDate, clearDays: ClearDays = DEFAULT_CLEAR_DAYS): StageInput[] {
  let dates = suggestMeetingDates(template, today);
  const earliest = earliestMeetingDate(today, clearDays);
  if (dates.length && compareDates(dates[0], earliest) < 0) {
    const [first, ...rest] = template.stages;
    dates = suggestMeetingDates({ ...template, stages: [{ ...first, offsetWeeks: 0 }, ...rest] }, earliest);
  }
  return template.stages.map((s, i) => ({ id: s.id, body: s.body, kind: s.kind, meetingDate: dates[i] }));
}

/**
 * The stages of a new run (given, or its route's on their suggested dates), every rule across items checked:
 * one 400 naming every bad field. `template` is the route the body names, if it is one.
 */
export function checkedStages(
  body: NewRunInput,
  template: RouteTemplate | undefined,
  today: IsoDate,
  meetings: ReadonlyMap<string, StageMeeting> = new Map(),
): StageInput[] {
  if (body.route && !template) throw invalid('Unknown route', { route: `${body.route} is not a route template` });
  const requested = body.stages ?? (template ? stagesFromRoute(template, today, body.clearDays) : undefined);
  if (!requested) throw invalid('Invalid input: stages', { stages: 'Required (or name a route whose stages to use)' });
  const fields: Record<string, string | Problem> = {};
  const stages: StageInput[] = [];
  requested.forEach((stage, i) => {
    stages.push(resolved(stage, i));
  });
  function resolved(stage: StageRequest, i: number): StageInput {
    if (!isMeetingStage(stage)) return stage;
    const meeting = meetings.get(stage.meetingId);
    const unscheduled = unscheduledMeetingProblem(stage.meetingId, meeting);
    if (unscheduled) fields[`stages.${i}.meetingId`] = unscheduled;
    if (!meeting) {
      // No date of its own: the later stages are compared with the one before it.
      return { id: stage.id, body: stage.meetingId, kind: 'other', meetingDate: stages[i - 1]?.meetingDate ?? today, meetingId: stage.meetingId };
    }
    return {
      id: stage.id,
      body: meeting.body.name,
      kind: meeting.body.kind,
      meetingDate: meeting.date,
      meetingId: meeting.meetingId,
      bodyId: meeting.body.id,
      ...(meeting.publication ? { despatched: despatchedWithout(meeting) } : {}),
      ...(stage.lateItem ? { lateItem: stage.lateItem } : {}),
      ...(stage.urgency ? { urgency: stage.urgency } : {}),
    };
  }
  // A date's own problems (past, out of order) are said before the key decision's notice.
  const across = { ...keyDecisionProblems(stages, body.plan, today), ...checkNewRun(stages, body.signoffs, today, body.clearDays) };
  // A stage at an unknown meeting has no date to compare: only its meetingId is wrong.
  for (const key of Object.keys(fields)) {
    delete across[key.replace(/meetingId$/, 'meetingDate')];
    delete across[key.replace(/meetingId$/, 'urgency')];
  }
  // A date taken from a meeting is named by the meeting the clerk gave.
  stages.forEach((stage, i) => {
    const key = `stages.${i}.meetingDate`;
    if (stage.meetingId && across[key]) {
      const wrong = across[key];
      fields[`stages.${i}.meetingId`] ??= atMeeting(stage.meetingDate, wrong);
      delete across[key];
    }
  });
  throwIfInvalid({ ...across, ...fields });
  return stages;
}

/**
 * A key decision's executive meetings need 28 clear days after its notice on the forward plan, published today as
 * the run starts (reg. 9), unless the stage records the general exception or special urgency; an urgency is only
 * for such a stage.
 */
export function keyDecisionProblems(stages: StageInput[], plan: { keyDecision: boolean }, today: IsoDate): Record<string, string | Problem> {
  const fields: Record<string, string | Problem> = {};
  stages.forEach((stage, i) => {
    if (!isKeyDecisionStage(plan, stage)) {
      if (stage.urgency) fields[`stages.${i}.urgency`] = notKeyDecisionProblem();
      return;
    }
    if (stage.urgency) Object.assign(fields, urgencyInputProblems(stage.urgency, today, `stages.${i}.urgency`));
    const wrong = keyDecisionNoticeProblem(stage.meetingDate, today, stage.urgency);
    if (wrong) fields[`stages.${i}.meetingDate`] = wrong;
  });
  return fields;
}

/** The meeting ids a new run's stages name (to look up before `checkedStages`). */
export function meetingIdsOf(body: NewRunInput): string[] {
  return [...new Set((body.stages ?? []).filter(isMeetingStage).map((s) => s.meetingId))];
}

/** The items of a new run, deadlines computed, every sign-off requested now. Input already checked. */
export function buildRun(
  input: Omit<NewRunInput, 'stages'> & { stages: StageRequest[] },
  runId: string,
  startedBy: Person,
  now: Date,
  template?: RouteTemplate,
  /** The scrutiny chair named on each executive stage's calendar body (by stage id): told of an urgency. */
  opts: { scrutinyChairs?: ReadonlyMap<string, Person> } = {},
): NewRunItems {
  const at = now.toISOString();
  const typed = input.stages.map((s) => {
    if (isMeetingStage(s)) throw new Error(`stage ${s.id} is at meeting ${s.meetingId}: resolve it with checkedStages first`);
    return s;
  });
  const stages: Stage[] = typed.map((s, index) => ({
    index,
    id: s.id,
    body: s.body,
    kind: s.kind,
    meetingDate: s.meetingDate,
    publishBy: publishBy(s.meetingDate, input.clearDays),
    publishedAt: null,
    publishedFor: null,
    ...(s.lateItem ? { lateItem: { reason: s.lateItem.reason, agreedBy: null, at, meetingDate: s.meetingDate } } : {}),
    decides: template?.stages.find((rs) => rs.id === s.id)?.decides ?? null,
    // The route says which executive stages are subject to call-in; a stage typed without one follows the rule.
    callIn: template?.stages.find((rs) => rs.id === s.id) ? (template.stages.find((rs) => rs.id === s.id)!.callIn ?? false) : null,
    ...(s.urgency
      ? { urgency: urgencyFrom(s.urgency, { meetingDate: s.meetingDate, by: { name: startedBy.name, email: startedBy.email }, at: now, scrutinyChair: opts.scrutinyChairs?.get(s.id) ?? null }) }
      : {}),
    meetingId: s.meetingId ?? null,
    meetingStatus: s.meetingId ? 'scheduled' : null,
    ...(s.bodyId ? { bodyId: s.bodyId } : {}),
    ...(s.despatched ?? {}),
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
