/**
 * The earliest timetable on the calendar (`POST /api/plans/propose`, API.md "Planning"): stage by stage, the
 * earliest scheduled meeting of the stage's body that comes after the previous stage's meeting, whose papers can
 * still be published with sign-offs given the working days they need, and, for a key decision, that leaves the
 * executive 28 clear days' notice. Each choice says why in words. Nothing is stored.
 */
import { z } from 'zod';
import { compareDates, isoDateSchema, type IsoDate } from '../calendar';
import { keyDecisionNoticeBy } from '../computeDeadlines';
import { conflict, invalid, problem } from '../errors';
import { bodyIdSchema, bodyNameKey, type Body, type BodyId } from './bodies';
import { longDate, shortDate, workingDaysWords } from './dateWords';
import { deadlinesOf, DEFAULT_SIGNOFF_WORKING_DAYS, unfitReason, unfitWords, type FitRules } from './fitting';
import { compareMeetings, type Meeting } from './meetings';
import { STAGE_ID } from '../newRun';


/** The body of `POST /api/plans/propose`: the stages, or a route template whose stages are used. */
export const proposeInputSchema = z
  .object({
    stages: z
      .array(z.object({ id: z.string().trim().regex(STAGE_ID, 'letters, digits, - and _ only (at most 64)'), body: bodyIdSchema }))
      .min(1)
      .max(30)
      .optional(),
    route: z.string().trim().min(1).max(100).optional(),
    readyBy: isoDateSchema.optional(),
    keyDecision: z.boolean().default(false),
    signoffWorkingDays: z.number().int().min(0).max(60).default(DEFAULT_SIGNOFF_WORKING_DAYS),
  })
  .superRefine((input, ctx) => {
    if (!input.stages && !input.route) {
      ctx.addIssue({ code: 'custom', path: ['stages'], message: 'give the stages ({"id", "body"}) or a route' });
    }
    const seen = new Set<string>();
    input.stages?.forEach((stage, i) => {
      if (seen.has(stage.id)) ctx.addIssue({ code: 'custom', path: ['stages', i, 'id'], message: `${stage.id} is already the id of an earlier stage` });
      seen.add(stage.id);
    });
  });
export type ProposeInput = z.infer<typeof proposeInputSchema>;

/** A stage to place, its body already resolved to a body id. */
export interface StageToPlace {
  id: string;
  bodyId: BodyId;
}

export interface PlanRequest {
  stages: StageToPlace[];
  readyBy?: IsoDate;
  keyDecision?: boolean;
  signoffWorkingDays?: number;
}

export interface ProposedStage {
  id: string;
  body: BodyId;
  meetingId: string;
  meetingDate: IsoDate;
  publishBy: IsoDate;
  signoffsDueBy: IsoDate;
  why: string;
}

export interface ProposedPlan {
  stages: ProposedStage[];
  keyDecisionNoticeBy: IsoDate | null;
}

export interface PlanningCalendar {
  bodies: Body[];
  meetings: Meeting[];
  today: IsoDate;
}


/**
 * A route template's stages with their bodies found on the calendar by name (any case); a body the calendar does
 * not have is invalid input on `route`, naming every such stage.
 */
export function resolveRouteStages(routeStages: { id: string; body: string }[], bodies: Body[]): StageToPlace[] {
  const byName = new Map(bodies.map((b) => [bodyNameKey(b.name), b.id]));
  const missing: string[] = [];
  const stages = routeStages.map((stage) => {
    const bodyId = byName.get(bodyNameKey(stage.body));
    if (!bodyId) missing.push(`stage ${stage.id}: no body named "${stage.body}" on the calendar`);
    return { id: stage.id, bodyId: bodyId ?? '' };
  });
  if (missing.length) throw invalid('Invalid input: route', { route: missing.join('; ') });
  return stages;
}

/** The request to plan from a checked input: its own stages, else the route's (resolved by the caller). */
export function planRequestOf(input: ProposeInput, routeStages?: StageToPlace[]): PlanRequest {
  const stages = input.stages?.map((s) => ({ id: s.id, bodyId: s.body })) ?? routeStages;
  if (!stages) throw invalid('Invalid input: route', { route: `${input.route} is not a route template` });
  return { stages, readyBy: input.readyBy, keyDecision: input.keyDecision, signoffWorkingDays: input.signoffWorkingDays };
}

/** How many passed-over meetings a `why` names before it just counts the rest. */
const MAX_NAMED = 3;

function listOf(reasons: string[]): string {
  const named = reasons.slice(0, MAX_NAMED);
  const more = reasons.length - named.length;
  return more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; ');
}

export function proposePlan(request: PlanRequest, calendar: PlanningCalendar): ProposedPlan {
  const bodies = new Map(calendar.bodies.map((b) => [b.id, b]));
  const unknown: Record<string, string> = {};
  request.stages.forEach((stage, i) => {
    if (!bodies.has(stage.bodyId)) unknown[`stages.${i}.body`] = `${stage.bodyId} is not a body on the calendar`;
  });
  if (Object.keys(unknown).length) throw invalid(`Invalid input: ${Object.keys(unknown).join(', ')}`, unknown);

  const rules: FitRules = {
    today: calendar.today,
    readyBy: request.readyBy ?? calendar.today,
    signoffWorkingDays: request.signoffWorkingDays ?? DEFAULT_SIGNOFF_WORKING_DAYS,
    keyDecision: request.keyDecision ?? false,
  };
  const sorted = [...calendar.meetings].sort(compareMeetings);
  const placed: ProposedStage[] = [];
  let previous: { body: Body; date: IsoDate } | undefined;

  request.stages.forEach((stage, i) => {
    const body = bodies.get(stage.bodyId)!;
    const candidates = sorted.filter((m) => m.body === body.id && (!previous || compareDates(m.date, previous.date) > 0));
    const passedOver: Meeting[] = [];
    let chosen: Meeting | undefined;
    for (const meeting of candidates) {
      if (!unfitReason(meeting, body, rules)) {
        chosen = meeting;
        break;
      }
      passedOver.push(meeting);
    }
    const year = Number((chosen?.date ?? previous?.date ?? calendar.today).slice(0, 4));
    const reasons = passedOver.map((m) => unfitWords(m, unfitReason(m, body, rules)!, year));
    const after = previous ? ` after ${previous.body.name} on ${shortDate(previous.date, year)}` : '';

    if (!chosen) {
      const why = candidates.length
        ? `no meeting of ${body.name}${after} fits: ${listOf(reasons)}`
        : `${body.name} has no scheduled meeting${after} on the calendar`;
      throw conflict(`No meeting fits stage ${stage.id}: ${why}`, {
        [`stages.${i}.body`]: problem('no-fitting-meeting', why, { body: body.id, ...(previous ? { after: previous.date } : {}) }),
      });
    }

    const deadlines = deadlinesOf(chosen.date, body.clearDays);
    const due = shortDate(deadlines.signoffsDueBy, year);
    const signoffs = rules.signoffWorkingDays > 0
      ? `leaves ${workingDaysWords(rules.signoffWorkingDays)} for sign-offs (due by ${due})`
      : `can still be published (sign-offs due by ${due})`;
    const notice = rules.keyDecision && body.kind === 'executive' ? ` and 28 clear days' notice of the key decision` : '';
    const why =
      `${body.name} on ${longDate(chosen.date)} is the earliest meeting${after} that ${signoffs}${notice}` +
      (reasons.length ? `; ${listOf(reasons)}` : '') +
      '.';
    placed.push({ id: stage.id, body: body.id, meetingId: chosen.meetingId, meetingDate: chosen.date, ...deadlines, why });
    previous = { body, date: chosen.date };
  });

  const executive = rules.keyDecision ? placed.find((s) => bodies.get(s.body)!.kind === 'executive') : undefined;
  return { stages: placed, keyDecisionNoticeBy: executive ? keyDecisionNoticeBy(executive.meetingDate) : null };
}
