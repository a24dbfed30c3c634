/**
 * The items of one approval run as stored (single table, `pk = RUN#<runId>`), typed with zod. The planner, the
 * API and the run view all work on a `RunSnapshot`: every item of the run, read in one query.
 */
import type { EmailGuard } from './emailGuards';
import { z } from 'zod';
import { isoDateSchema } from './calendar';
import { clearDaysSchema } from './computeDeadlines';

export const stageKinds = [
  'partnership',
  'board',
  'advisory',
  'scrutiny',
  'executive',
  'council',
  'committee',
  'working-party',
  'other',
] as const;
export const stageKindSchema = z.enum(stageKinds);
export type StageKind = z.infer<typeof stageKindSchema>;

export const runStatuses = ['running', 'adopted', 'noted', 'rejected', 'withdrawn'] as const;
export const runStatusSchema = z.enum(runStatuses);
export type RunStatus = z.infer<typeof runStatusSchema>;

export const outcomes = [
  'approved',
  'approved-with-amendments',
  'noted',
  'deferred',
  'referred-back',
  'rejected',
  'delegated',
  /** A call-in's scrutiny committee sends the executive decision to Full Council (only at a call-in's stage). */
  'referred-to-council',
] as const;
export const outcomeSchema = z.enum(outcomes);
export type Outcome = z.infer<typeof outcomeSchema>;

export const signoffStatuses = ['requested', 'signed', 'changes-requested'] as const;
export const signoffStatusSchema = z.enum(signoffStatuses);
export type SignoffStatus = z.infer<typeof signoffStatusSchema>;

/** The message of text that is not valid Unicode. */
export const NOT_UNICODE = 'is not valid Unicode text (it holds a lone surrogate)';

/**
 * True when the string is valid Unicode: JSON can carry a lone surrogate (`"\ud800"`), which no e-mail, page or
 * SES request can encode, so it would fail every e-mail that names it.
 */
export function isUnicodeText(s: string): boolean {
  return !/\p{Cs}/u.test(s);
}

/**
 * One line of text as people type it: valid Unicode, runs of white space and control characters (line breaks,
 * tabs) become one space and the ends are trimmed, so a name or title can never break an e-mail subject or header.
 */
export const PLAN_TITLE_MAX = 300;
export const PERSON_NAME_MAX = 200;

/** Web addresses only (http, https): agenda links and calendar feeds are put into pages, e-mails and fetches. */
export const webUrlSchema = z.url({ protocol: /^https?$/ }).max(2000);

export function oneLineText(max: number) {
  return z
    .string()
    .refine(isUnicodeText, NOT_UNICODE)
    .transform((s) => s.replace(/[\s\p{Cc}]+/gu, ' ').trim())
    .pipe(z.string().min(1).max(max));
}

export const personSchema = z.object({
  name: oneLineText(PERSON_NAME_MAX),
  email: z.email().max(254).transform((e) => e.toLowerCase()),
  /** Job title as the front sheet prints it ("Senior Lawyer (Corporate Governance)"), when known. */
  role: oneLineText(PERSON_NAME_MAX).optional(),
});
export type Person = z.infer<typeof personSchema>;

export const classificationSchema = z.enum(['public', 'exempt', 'confidential']);

export const planSchema = z.object({
  title: oneLineText(PLAN_TITLE_MAX),
  author: personSchema,
  keyDecision: z.boolean().default(false),
  classification: classificationSchema.default('public'),
});
export type Plan = z.infer<typeof planSchema>;

/** Who did something: a person, or Ratify itself (email null) for timed work. */
export const actorRefSchema = z.object({ name: z.string(), email: z.string().nullable() });
export type ActorRef = z.infer<typeof actorRefSchema>;
export const SYSTEM: ActorRef = { name: 'Ratify', email: null };

/**
 * Where the run is: the stage it is at and a round number that grows every time the run enters a stage (moving
 * on, a deferral, a referral back, a reschedule of the current stage). A decision is recorded once per round,
 * and a publication counts for the round it was made in.
 */
export const cursorSchema = z.object({
  index: z.number().int().min(0),
  round: z.number().int().min(1),
  enteredAt: z.string(),
});
export type Cursor = z.infer<typeof cursorSchema>;

export const withdrawalSchema = z.object({ reason: z.string(), by: actorRefSchema, at: z.string() });

export const runMetaSchema = z.object({
  runId: z.string(),
  plan: planSchema,
  clearDays: clearDaysSchema,
  route: z.string().nullish(),
  status: runStatusSchema,
  cursor: cursorSchema,
  /** Set after a referral back: the run waits for the author's revised report. */
  awaitingRevision: z.boolean().default(false),
  /** Revisions whose consequences (sign-offs asked again) have been applied. */
  revisionsApplied: z.number().int().min(0).default(0),
  startedBy: personSchema,
  startedAt: z.string(),
  finishedAt: z.string().nullish(),
  withdrawal: withdrawalSchema.nullish(),
  /**
   * Set while the run's workflow keeps failing (Reconcile or a wait threw after its retries): since when, the
   * last failure, and its error name. The execution tries again every few hours; a Reconcile that works clears it.
   */
  workflowFailure: z.object({ since: z.string(), lastAt: z.string(), error: z.string() }).nullish(),
  /** Grows on every change to the run: the waiting execution compares it to see if it must look again. */
  version: z.number().int().min(0),
  stageCount: z.number().int().min(1),
});
export type RunMeta = z.infer<typeof runMetaSchema>;

/**
 * A stage's standing at its calendar meeting: `out-of-order` when the meeting moved before the previous stage's or
 * after the next one's, `key-decision-notice` when it moved too soon for a key decision's 28 clear days (and no
 * urgency recorded covers it): both need a new meeting, or the same one again (with urgency) from the clerk.
 */
export const meetingStatusSchema = z.enum(['scheduled', 'cancelled', 'out-of-order', 'key-decision-notice']);
export type MeetingStatus = z.infer<typeof meetingStatusSchema>;

export const lateItemSchema = z.object({
  reason: z.string(),
  /** The chair who agreed to take it (the law asks for it); null while only the clerk has marked it. */
  agreedBy: z.object({ name: z.string(), role: z.string() }).nullish(),
  /** When the clerk recorded it, and for which meeting date. */
  at: z.string(),
  meetingDate: isoDateSchema,
});
export type LateItem = z.infer<typeof lateItemSchema>;

/**
 * Why a key decision is taken without the forward plan's 28 clear days (2012 Executive Arrangements Regulations):
 * the general exception (reg. 10: the scrutiny chair told, notice published, 5 clear days) or special urgency
 * (reg. 11: the chair's agreement that it cannot reasonably be deferred). Recorded on the executive stage.
 */
export const urgencySchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('general-exception'),
    scrutinyChairInformedOn: isoDateSchema,
    /** The chair told (and e-mailed): the one given, else the one on the executive body's calendar entry. */
    scrutinyChair: personSchema.nullish(),
    reason: z.string().nullish(),
    /** The meeting date it was recorded for, who recorded it and when. */
    meetingDate: isoDateSchema,
    recordedBy: actorRefSchema,
    recordedAt: z.string(),
  }),
  z.object({
    kind: z.literal('special-urgency'),
    agreedBy: z.object({ name: z.string(), role: z.string() }),
    agreedOn: isoDateSchema,
    scrutinyChair: personSchema.nullish(),
    reason: z.string().nullish(),
    meetingDate: isoDateSchema,
    recordedBy: actorRefSchema,
    recordedAt: z.string(),
  }),
]);
export type Urgency = z.infer<typeof urgencySchema>;

/** A stage the run added itself: the scrutiny meeting of a call-in, or Full Council after a call-in's referral. */
export const addedStageSchema = z.object({
  kind: z.enum(['call-in', 'council-referral']),
  /** The executive decision called in (`<stageIndex>#<round>`). */
  decision: z.string(),
});
export type AddedStage = z.infer<typeof addedStageSchema>;

export const stageSchema = z.object({
  index: z.number().int().min(0),
  id: z.string(),
  body: z.string(),
  kind: stageKindSchema,
  meetingDate: isoDateSchema,
  publishBy: isoDateSchema,
  publishedAt: z.string().nullish(),
  /**
   * The meeting date the report was published for: a publication counts only while the meeting keeps that date,
   * so a deferral or a reschedule needs a new one.
   */
  publishedFor: isoDateSchema.nullish(),
  /** From the run's route template: what this body may decide (anything when absent). */
  decides: z.array(outcomeSchema).nullish(),
  /** The calendar's meeting this stage is at (`MEETING#<id>`); null for a stage typed by date. */
  meetingId: z.string().nullish(),
  /**
   * The calendar body of the stage (`BODY#<id>`, the body of its meeting), once it has been at a meeting; kept if
   * it leaves it (the body is the same). The runs list finds the run by it (`?body=<bodyId>`).
   */
  bodyId: z.string().nullish(),
  /** Whether that meeting still holds the stage: cancelled or moved out of order, the stage needs a new one. */
  meetingStatus: meetingStatusSchema.nullish(),
  /**
   * The recorded despatch of the meeting's agenda: the meeting date it was for, the day it went and its address.
   * The report is published for that meeting only if it was cleared then (`publishedAt`/`publishedFor`); one that
   * was not is a late item.
   */
  agendaFor: isoDateSchema.nullish(),
  publishedOn: isoDateSchema.nullish(),
  agendaUrl: z.string().nullish(),
  /** A report not cleared when the agenda went: the chair's agreement to take it as a late item. */
  lateItem: lateItemSchema.nullish(),
  /** A key decision taken without the forward plan's 28 clear days: the general exception or special urgency. */
  urgency: urgencySchema.nullish(),
  /**
   * From the run's route template: whether this executive stage's decision is subject to call-in (when it is the
   * run's final one). Null for a stage typed without a route: then the rule alone decides.
   */
  callIn: z.boolean().nullish(),
  /** Set on a stage the run added after a call-in (scrutiny's meeting, or Full Council on its referral). */
  addedBy: addedStageSchema.nullish(),
});
export type Stage = z.infer<typeof stageSchema>;

export const signoffSchema = z.object({
  id: z.string(),
  area: z.string(),
  officer: personSchema,
  requiredBefore: z.string(),
  /** The stage whose publication this sign-off now gates (its requiredBefore, or later after a revision). */
  dueFor: z.string(),
  dueBy: isoDateSchema,
  status: signoffStatusSchema,
  /** 1 when first asked; +1 each time a revision asks again. */
  round: z.number().int().min(1),
  requestedAt: z.string(),
  /** The revision that last asked it again (0: never), so a revision is applied to each sign-off once. */
  revision: z.number().int().min(0).default(0),
  answeredAt: z.string().nullish(),
  signedAt: z.string().nullish(),
  comment: z.string().nullish(),
  answeredBy: actorRefSchema.nullish(),
  /** In what capacity `answeredBy` answered: the officer (or their link), their deputy while they were away, a clerk. */
  answeredAs: z.enum(['officer', 'deputy', 'clerk']).nullish(),
  /** Delegated finalisation: the stage and round of the decision that delegated it. */
  delegation: z.object({ stageId: z.string(), stageIndex: z.number().int(), round: z.number().int() }).nullish(),
});
export type Signoff = z.infer<typeof signoffSchema>;

export const decisionSchema = z.object({
  stageId: z.string(),
  stageIndex: z.number().int().min(0),
  round: z.number().int().min(1),
  outcome: outcomeSchema,
  resolution: z.string().nullish(),
  deferTo: isoDateSchema.nullish(),
  referBackTo: z.string().nullish(),
  delegateTo: personSchema.nullish(),
  /** The meeting the decision was taken at. */
  meetingDate: isoDateSchema,
  decidedBy: actorRefSchema,
  decidedAt: z.string(),
  /** Alternatives considered and rejected (the decision record's, reg. 12). */
  alternatives: z.string().nullish(),
  /** A final executive decision: the last day it can be called in; it takes effect the day after. */
  callInEndsOn: isoDateSchema.nullish(),
  /** The call-in recorded within that period: who called it in, why, and the scrutiny meeting that considers it. */
  calledIn: z
    .object({
      by: z.string(),
      reason: z.string(),
      recordedBy: actorRefSchema,
      at: z.string(),
      stage: z.object({ id: z.string(), body: z.string(), meetingDate: isoDateSchema, meetingId: z.string().nullish(), bodyId: z.string().nullish() }),
    })
    .nullish(),
  /** `referred-to-council`: the Full Council meeting the run goes to. */
  referTo: z.object({ id: z.string(), body: z.string(), meetingDate: isoDateSchema, meetingId: z.string().nullish(), bodyId: z.string().nullish() }).nullish(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const revisionSchema = z.object({
  n: z.number().int().min(1),
  kind: z.enum(['revision', 'amendments']),
  summary: z.string(),
  /** Sign-off ids asked again; null = all of them. */
  invalidates: z.array(z.string()).nullable(),
  by: actorRefSchema,
  at: z.string(),
  /** For amendments: the decision that made them (`<stageIndex>#<round>`). */
  fromDecision: z.string().nullish(),
});
export type Revision = z.infer<typeof revisionSchema>;

export const runStateSchema = z.object({
  status: runStatusSchema,
  currentStage: z.string().nullable(),
  phase: z.string(),
});
export type RunState = z.infer<typeof runStateSchema>;

export const eventSchema = z.object({
  who: actorRefSchema,
  what: z.string(),
  when: z.string(),
  stateBefore: runStateSchema.nullable(),
  stateAfter: runStateSchema.nullable(),
  details: z.record(z.string(), z.unknown()).nullish(),
});
export type RunEvent = z.infer<typeof eventSchema>;

/** Every item of a run, as the planner and the view need them. */
export interface RunSnapshot {
  meta: RunMeta;
  stages: Stage[];
  signoffs: Signoff[];
  decisions: Decision[];
  revisions: Revision[];
  /** Reasons of e-mails already sent (or being sent): `EMAIL#<reason>`. */
  sentEmails: Set<string>;
  /** The `EMAIL#` guards as stored (the sweep resends from them; pages show those whose fate is unknown). */
  emailGuards?: EmailGuard[];
  events: RunEvent[];
}

export function currentStageOf(snapshot: RunSnapshot): Stage {
  const stage = snapshot.stages[snapshot.meta.cursor.index];
  if (!stage) throw new Error(`run ${snapshot.meta.runId} has no stage ${snapshot.meta.cursor.index}`);
  return stage;
}

export function stageById(snapshot: RunSnapshot, id: string): Stage | undefined {
  return snapshot.stages.find((s) => s.id === id);
}

export function decisionOf(snapshot: RunSnapshot, stageIndex: number, round: number): Decision | undefined {
  return snapshot.decisions.find((d) => d.stageIndex === stageIndex && d.round === round);
}

/** Sort key of a decision: `<stageIndex>#<round>`, also its reference in revisions and e-mail reasons. */
export function decisionKey(d: Pick<Decision, 'stageIndex' | 'round'>): string {
  return `${d.stageIndex}#${d.round}`;
}

/** A decision's reference in addresses (`/runs/{runId}/decisions/{ref}`): its stage's id and round, `cabinet-1`. */
export function decisionRefOf(d: Pick<Decision, 'stageId' | 'round'>): string {
  return `${d.stageId}-${d.round}`;
}

/** The decision a reference names, or undefined. */
export function decisionByRef(snapshot: RunSnapshot, ref: string): Decision | undefined {
  return snapshot.decisions.find((d) => decisionRefOf(d) === ref);
}
