/**
 * The forms on a run's page: the clerk's (record a decision, move a meeting, withdraw) and the revised report
 * (the plan's author, or a clerk for them). Each turns its form into the
 * body the API action takes (validated there with the API's own schema) and the API's field errors back into
 * GOV.UK error messages linked to its inputs. Values are kept as typed so a refused form shows them again.
 */
import { DECISION_TEXT_MAX } from '../../domain/decisionRules';
import { CALL_IN_LIMITS } from '../../domain/executiveDecisions';
import { LATE_ITEM_REASON_MAX } from '../../domain/lateItemInput';
import { PERSON_NAME_MAX } from '../../domain/runModel';
import { MAX_REVISION_SUMMARY } from '../../domain/revisions';
import { MAX_WITHDRAWAL_REASON } from '../../domain/withdrawal';
import { MAX_YEARS_AHEAD } from '../../domain/meetingDates';
import type { RunSnapshot } from '../../domain/runModel';
import type { Problem } from '../../domain/errors';
import { longDate } from '../../domain/emails/dates';
import { isBlankDate, isoFromParts, readDateParts, type DateParts } from './dateParts';
import type { FormError } from './startRunForm';
import { readUrgencyForm, urgencyBody, urgencyError, type UrgencyValues } from './urgencyForm';

export const runForms = ['decision', 'reschedule', 'withdraw', 'revision', 'publication', 'late-item', 'call-in'] as const;
export type RunFormName = (typeof runForms)[number];

export interface RunFormValues {
  stageId: string;
  outcome: string;
  resolution: string;
  deferTo: DateParts;
  referBackTo: string;
  delegateName: string;
  delegateEmail: string;
  meetingDate: DateParts;
  /** Moving a stage to a meeting on the calendar ('' = to the date typed). */
  meetingId?: string;
  reason: string;
  /** The revision's summary, and the sign-offs ticked as affected by it. */
  summary: string;
  invalidates: string[];
  /** The agenda's despatch: its day and address. */
  publishedOn: DateParts;
  agendaUrl: string;
  /** A late item: why, and the chair who agreed. */
  lateReason: string;
  chairName: string;
  chairRole: string;
  /** The decision record's alternatives considered; a call-in's referral to Full Council (its meeting, its body). */
  alternatives?: string;
  referToDate?: DateParts;
  referToBody?: string;
  /** A call-in: who called it in, why, and the scrutiny meeting (its date, its body). */
  callInBy?: string;
  callInReason?: string;
  callInDate?: DateParts;
  callInBody?: string;
  /** Moving a key decision's executive meeting too soon for the forward plan: the urgency recorded with the move. */
  urgency?: UrgencyValues;
}

/** What a refused form needs to show itself again. */
export interface RunFormState {
  form: RunFormName;
  values: RunFormValues;
  errors: FormError[];
}

export function readRunForm(form: URLSearchParams): RunFormValues {
  const get = (name: string) => (form.get(name) ?? '').trim();
  return {
    stageId: get('stageId'),
    outcome: get('outcome'),
    resolution: get('resolution'),
    deferTo: readDateParts(form, 'deferTo'),
    referBackTo: get('referBackTo'),
    delegateName: get('delegateTo-name'),
    delegateEmail: get('delegateTo-email'),
    meetingDate: readDateParts(form, 'meetingDate'),
    meetingId: get('meetingId'),
    reason: get('reason'),
    summary: get('summary'),
    invalidates: form.getAll('invalidates').map((id) => id.trim()).filter(Boolean),
    publishedOn: readDateParts(form, 'publishedOn'),
    agendaUrl: get('agendaUrl'),
    lateReason: get('lateReason'),
    chairName: get('chair-name'),
    chairRole: get('chair-role'),
    alternatives: get('alternatives'),
    referToDate: readDateParts(form, 'referTo-meetingDate'),
    referToBody: get('referTo-body'),
    callInBy: get('callIn-by'),
    callInReason: get('callIn-reason'),
    callInDate: readDateParts(form, 'callIn-meetingDate'),
    callInBody: get('callIn-body'),
    urgency: readUrgencyForm(form),
  };
}

/** The body of `POST .../stages/{stageId}/decision`: only the fields the chosen outcome uses. */
export function decisionBody(v: RunFormValues): Record<string, unknown> {
  return {
    outcome: v.outcome || undefined,
    ...(v.resolution ? { resolution: v.resolution } : {}),
    ...(v.alternatives ? { alternatives: v.alternatives } : {}),
    ...(v.outcome === 'deferred' ? { deferTo: isoFromParts(v.deferTo) } : {}),
    ...(v.outcome === 'referred-to-council' && v.referToDate
      ? { referTo: { meetingDate: isoFromParts(v.referToDate), ...(v.referToBody ? { body: v.referToBody } : {}) } }
      : {}),
    ...(v.outcome === 'referred-back' ? { referBackTo: v.referBackTo || undefined } : {}),
    ...(v.outcome === 'delegated' && (v.delegateName || v.delegateEmail) ? { delegateTo: { name: v.delegateName, email: v.delegateEmail } } : {}),
  };
}

export const rescheduleBody = (v: RunFormValues) => {
  const urgency = v.urgency && urgencyBody(v.urgency);
  return { ...(v.meetingId ? { meetingId: v.meetingId } : { meetingDate: isoFromParts(v.meetingDate) }), ...(urgency ? { urgency } : {}) };
};
/** The body of `POST .../call-in`. */
export const callInBody = (v: RunFormValues) => ({
  by: v.callInBy ?? '',
  reason: v.callInReason ?? '',
  meetingDate: v.callInDate ? isoFromParts(v.callInDate) : undefined,
  ...(v.callInBody ? { body: v.callInBody } : {}),
});
export const withdrawBody = (v: RunFormValues) => ({ reason: v.reason });
/** The body of `POST .../stages/{stageId}/publication`. */
export const publicationBody = (v: RunFormValues) => ({ publishedOn: isoFromParts(v.publishedOn), ...(v.agendaUrl ? { agendaUrl: v.agendaUrl } : {}) });
/** The body of `POST .../stages/{stageId}/late-item`. */
export const lateItemBody = (v: RunFormValues) => ({ reason: v.lateReason, agreedBy: { name: v.chairName, role: v.chairRole } });

/**
 * The body of `POST .../revisions`: every sign-off of the run ticked (the form's default) is the API's default,
 * all of them (`invalidates` left out, so sign-offs added later count too); otherwise the ones ticked, maybe none.
 */
export function revisionBody(v: RunFormValues, signoffIds: string[]): Record<string, unknown> {
  const ticked = new Set(v.invalidates);
  const all = signoffIds.every((id) => ticked.has(id));
  return { summary: v.summary, ...(all ? {} : { invalidates: [...ticked] }) };
}

const at = (id: string, text: string, href = `#${id}`): FormError => ({ id, href, text });

/** A date field's problem in GOV.UK words, by the rule the domain names (functions/domain/meetingDates.ts...). */
export function dateRuleText(p: Problem, What: string): string | undefined {
  const v = p.values ?? {};
  switch (p.rule) {
    case 'in-the-past':
      return `${What} must be today or in the future`;
    case 'too-far-ahead':
      return `${What} must be within ${MAX_YEARS_AHEAD} years of today: check the year`;
    case 'in-the-future':
      return `${What} must be today or in the past`;
    case 'after-meeting':
      return `${What} must be on or before the meeting on ${longDate(v.meetingDate)}`;
    case 'not-after-meeting':
      return `${What} must be after the meeting on ${longDate(v.meetingDate)}`;
    case 'before-previous':
      return `${What} must be on or after the meeting of the stage before it`;
    case 'after-next':
      return `${What} must be on or before the meeting of the stage after it: move that one first`;
    case 'key-decision-notice':
      return `${What} is too soon for a key decision: its notice went on the forward plan on ${longDate(v.noticePublishedOn)} and needs 28 clear days. Choose a meeting on ${longDate(v.earliest)} or later, or record the general exception or special urgency`;
    case 'general-exception-notice':
      return `${What} is too soon under the general exception: it needs 5 clear days after the scrutiny chair was informed on ${longDate(v.scrutinyChairInformedOn)}. Choose a meeting on ${longDate(v.earliest)} or later, or record special urgency`;
    case 'call-in-ended':
      return `The call-in period ended on ${longDate(v.endsOn)}: the decision can no longer be called in`;
    case 'publication-deadline-passed':
      return `${What} is too soon: its report had to be published by ${longDate(v.publishBy)}. Choose a meeting on ${longDate(v.earliest)} or later, or mark it a late item`;
    default:
      return undefined;
  }
}

function dateError(id: string, parts: DateParts, p: Problem, what: string): FormError {
  const What = capitalise(what);
  const text = isBlankDate(parts) ? `Enter ${what}` : (dateRuleText(p, What) ?? `${What} must be a real date, like 27 3 2027`);
  return at(id, text, `#${id}-day`);
}

/** Field problems as the domain gives them, or as plain zod messages (no rule). */
export function asProblems(fields: Record<string, string | Problem>): Record<string, Problem> {
  return Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? { message: v } : v]));
}

const capitalise = (s: string) => s[0].toUpperCase() + s.slice(1);

/** GOV.UK messages for the API's `fields` on one of the run page's forms. */
export function runFormErrors(form: RunFormName, fields: Record<string, string | Problem>, v: RunFormValues, snapshot: RunSnapshot): FormError[] {
  const body = snapshot.stages.find((s) => s.id === v.stageId)?.body ?? 'body';
  const errors: FormError[] = [];
  const problems = asProblems(fields);
  for (const [key, { message }] of Object.entries(problems)) {
    if (form === 'decision') {
      if (key === 'outcome') errors.push(at('outcome', v.outcome ? `The ${body} cannot decide that on this route: ${message}` : `Select what the ${body} decided`));
      else if (key === 'deferTo') errors.push(dateError('deferTo', v.deferTo, problems[key], 'the date of the meeting it is deferred to'));
      else if (key === 'referBackTo') errors.push(at('referBackTo', 'Select the stage the report is referred back to'));
      else if (key === 'delegateTo' || key === 'delegateTo.name') {
        errors.push(at('delegateTo-name', v.delegateName ? `Name of the officer must be ${PERSON_NAME_MAX.toLocaleString('en-GB')} characters or fewer` : 'Enter the name of the officer the final text is delegated to'));
        if (key === 'delegateTo' && !v.delegateEmail) errors.push(at('delegateTo-email', 'Enter the email address of the officer the final text is delegated to'));
      } else if (key === 'delegateTo.email') {
        errors.push(at('delegateTo-email', v.delegateEmail ? 'Enter the email address in the correct format, like name@example.gov.uk' : 'Enter the email address of the officer the final text is delegated to'));
      } else if (key === 'resolution') errors.push(at('resolution', `The resolution must be ${DECISION_TEXT_MAX.toLocaleString('en-GB')} characters or fewer`));
      else if (key === 'alternatives') errors.push(at('alternatives', `The alternatives must be ${DECISION_TEXT_MAX.toLocaleString('en-GB')} characters or fewer`));
      else if (key.startsWith('referTo')) errors.push(dateError('referTo-meetingDate', v.referToDate ?? { day: '', month: '', year: '' }, problems[key], 'the date of the Full Council meeting'));
      else errors.push(at('outcome', message));
    } else if (form === 'reschedule') {
      if (key === 'meetingDate') errors.push(dateError('meetingDate', v.meetingDate, problems[key], 'the new meeting date'));
      else if (key === 'meetingId') errors.push(at('meetingId', dateRuleText(problems[key], 'The meeting chosen') ?? `The meeting chosen ${problems[key].message}`));
      else if (key.startsWith('urgency')) errors.push(urgencyError(key, problems[key]));
      else errors.push(at('stageId', 'Select the meeting to move'));
    } else if (form === 'publication') {
      if (key === 'publishedOn') errors.push(dateError('publishedOn', v.publishedOn, problems[key], 'the day the agenda was despatched'));
      else if (key === 'agendaUrl') errors.push(at('agendaUrl', 'Enter the address of the agenda as a web address, like https://democracy.example.gov.uk/agenda'));
      else errors.push(at('publication-stageId', message));
    } else if (form === 'late-item') {
      if (key === 'reason') errors.push(at('lateReason', v.lateReason ? `The reason must be ${LATE_ITEM_REASON_MAX.toLocaleString('en-GB')} characters or fewer` : 'Enter why the report could not wait for the next meeting'));
      else if (key.startsWith('agreedBy.name') || key === 'agreedBy') errors.push(at('chair-name', "Enter the name of the chair who agreed"));
      else if (key.startsWith('agreedBy.role')) errors.push(at('chair-role', "Enter the chair's role, like Chairman of the Cabinet"));
      else errors.push(at('lateItem-stageId', message));
    } else if (form === 'call-in') {
      if (key === 'by') errors.push(at('callIn-by', v.callInBy ? `The members must be ${CALL_IN_LIMITS.by.toLocaleString('en-GB')} characters or fewer` : 'Enter the members who called the decision in'));
      else if (key === 'reason') errors.push(at('callIn-reason', v.callInReason ? `The reason must be ${CALL_IN_LIMITS.reason.toLocaleString('en-GB')} characters or fewer` : 'Enter why the decision is called in'));
      else if (key === 'body') errors.push(at('callIn-body', `The committee must be ${CALL_IN_LIMITS.body.toLocaleString('en-GB')} characters or fewer`));
      else errors.push(dateError('callIn-meetingDate', v.callInDate ?? { day: '', month: '', year: '' }, problems[key], 'the date of the scrutiny meeting'));
    } else if (form === 'revision') {
      if (key === 'summary') errors.push(at('summary', v.summary ? `The summary must be ${MAX_REVISION_SUMMARY.toLocaleString('en-GB')} characters or fewer` : 'Enter what the revised report changes'));
      else errors.push(at('invalidates', 'Select only sign-offs of this run', '#invalidates'));
    } else {
      errors.push(at('reason', v.reason ? `The reason must be ${MAX_WITHDRAWAL_REASON.toLocaleString('en-GB')} characters or fewer` : 'Enter why the run is withdrawn'));
    }
  }
  const seen = new Set<string>();
  return errors.filter((e) => !seen.has(e.id) && seen.add(e.id));
}
