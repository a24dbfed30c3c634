/**
 * One run's page (`/runs/{runId}`): the timetable, the "Issue / Implications / Sign-off" table, revisions, the
 * audit trail, and which clerk forms apply now (record a decision, move a meeting, withdraw) with their choices.
 */
import { URGENCY_REASON_MAX } from '../../domain/urgencyInput';
import { blankUrgency } from './urgencyForm';
import { mayRevise } from '../../domain/access';
import { hasAnyRole, type Actor } from '../../domain/actor';
import { addCalendarDays, compareDates, londonDate } from '../../domain/calendar';
import { callInOf, calledInDecision, openCallIn, urgencyWords } from '../../domain/executiveDecisions';
import { decisionOf, outcomes, type Outcome, type RunSnapshot } from '../../domain/runModel';
import { lateItemOf, phaseOf, publicationStatusOf, stagesAwaitingPublication } from '../../domain/runPhase';
import { runView, type RunView } from '../../domain/runView';
import { RETRY_AFTER_FAILURE_SECONDS } from '../../domain/runPhase';
import { kindText, longDate, longDateTime, outcomeText, riskTag, withLongDates, runStatusTag, signoffStatusTag, stageStatusTag, type Tag } from './format';
import { decisionHref, signoffHref } from './links';
import { assessRun } from '../../domain/runRisk';
import type { DateParts } from './dateParts';
import type { RunFormName, RunFormState, RunFormValues } from './runForms';

export interface DecisionForm {
  stageId: string;
  body: string;
  meeting: string;
  outcomes: Array<{ value: Outcome; text: string }>;
  referBackTo: Array<{ value: string; text: string }>;
  /** The stage considers a call-in of this executive decision (its words). */
  callInOf: string | null;
}

export interface RunPageModel {
  runId: string;
  title: string;
  plan: { author: string; keyDecision: boolean; classification: string; clearDays: string; route: string | null };
  status: { value: string; tag: Tag };
  risk: { tag: Tag; reasons: string[] } | null;
  /** Set while the run's workflow keeps failing and is being tried again. */
  workflowFailure: { since: string; lastAt: string; error: string; retryHours: number } | null;
  /** E-mails Ratify cannot say went (`unknown`), and those it is still sending or will send again. */
  emailsInDoubt: Array<{ to: string; subject: string; since: string; state: 'waiting' | 'sending' | 'unknown' }>;
  started: string;
  finished: string | null;
  withdrawal: { reason: string; by: string; at: string } | null;
  stages: Array<{
    id: string;
    body: string;
    kind: string;
    current: boolean;
    meeting: string;
    publishBy: string;
    published: string | null;
    keyDecisionNoticeBy: string | null;
    /** A key decision taken without 28 days' notice: the general exception or special urgency, in words. */
    urgency: string | null;
    /** A stage the run added: the call-in's scrutiny meeting, or Full Council on its referral. */
    added: string | null;
    tag: Tag;
    decisions: Array<{ outcome: string; meeting: string; resolution: string | null; detail: string | null; by: string; href: string; callIn: string | null }>;
  }>;
  /** A final executive decision's call-in period, while it matters (open, or called in and not yet settled). */
  callIn: { status: 'open' | 'called-in' | 'ended'; text: string } | null;
  signoffs: Array<{
    id: string;
    area: string;
    officer: string;
    due: string;
    tag: Tag;
    date: string | null;
    comment: string | null;
    answerHref: string | null;
  }>;
  revisions: Array<{ n: number; kind: string; summary: string; by: string; at: string }>;
  events: Array<{ when: string; who: string; what: string }>;
  /** The revised report form, for the plan's author (or a clerk) while the run is running. */
  revision: null | { author: string; signoffs: Array<{ value: string; text: string }> };
  clerk: null | {
    decision: DecisionForm | null;
    /** Why no decision can be recorded now. */
    decisionNote: string | null;
    reschedule: Array<{ value: string; text: string }>;
    /** Stages whose agenda's despatch may be recorded, and late items waiting for the chair's agreement. */
    publication: Array<{ value: string; text: string }>;
    lateItems: Array<{ value: string; text: string }>;
    canWithdraw: boolean;
    /** The call-in form, while the executive decision's call-in period is open. */
    callIn: { body: string; endsOn: string; scrutinyBody: string } | null;
  };
}

/**
 * Who may post a revised report from the page: the plan's author (as `POST .../revisions` allows) or a clerk on
 * their behalf, as clerks answer sign-offs for officers.
 */

function decisionNote(snapshot: RunSnapshot, now: Date): string | null {
  const stage = snapshot.stages[snapshot.meta.cursor.index];
  switch (phaseOf(snapshot, now)) {
    case 'AwaitDecision': {
      const d = decisionOf(snapshot, stage.index, snapshot.meta.cursor.round);
      if (!d) return null;
      return d.callInEndsOn && !d.calledIn
        ? `The decision of the ${stage.body} is recorded. It takes effect once its call-in period ends (${longDate(d.callInEndsOn)}), unless it is called in.`
        : `The decision of the ${stage.body} is recorded.`;
    }
    case 'AwaitRevision':
      return "The run waits for the author's revised report after a referral back.";
    case 'AwaitSchedule':
      return `The ${stage.body} needs a new meeting date before its decision can be recorded: move the meeting below.`;
    case 'AwaitDelegatedSignoff':
      return `The ${stage.body} delegated the final text to an officer: the run waits for their sign-off.`;
    case 'Finished':
      return null;
    default:
      return `The ${stage.body} meets on ${longDate(stage.meetingDate)}: its decision can be recorded from that day.`;
  }
}

function clerkForms(snapshot: RunSnapshot, now: Date): NonNullable<RunPageModel['clerk']> {
  const { meta } = snapshot;
  const stage = snapshot.stages[meta.cursor.index];
  const running = meta.status === 'running';
  const note = running ? decisionNote(snapshot, now) : null;
  const considered = calledInDecision(snapshot, stage);
  const decision: DecisionForm | null =
    running && note === null
      ? {
          stageId: stage.id,
          body: stage.body,
          meeting: longDate(stage.meetingDate),
          // `referred-to-council` is for a call-in's meeting only (its stage's `decides` names it).
          outcomes: outcomes.filter((o) => (stage.decides ? stage.decides.includes(o) : o !== 'referred-to-council')).map((o) => ({ value: o, text: outcomeText[o] })),
          referBackTo: (considered ? [snapshot.stages[considered.stageIndex]] : snapshot.stages.filter((s) => s.index < stage.index)).map((s) => ({ value: s.id, text: s.body })),
          callInOf: considered ? `the call-in of the decision of the ${snapshot.stages[considered.stageIndex].body} of ${longDate(considered.meetingDate)}` : null,
        }
      : null;
  const open = openCallIn(snapshot, now);
  const callIn = open
    ? {
        body: snapshot.stages[open.stageIndex].body,
        endsOn: longDate(open.callInEndsOn!),
        scrutinyBody: snapshot.stages.find((s) => s.kind === 'scrutiny' && !s.addedBy)?.body ?? 'Overview and Scrutiny Committee',
      }
    : null;
  const decidedNow = !!decisionOf(snapshot, stage.index, meta.cursor.round);
  const reschedule = running
    ? snapshot.stages
        .filter((s) => s.index > stage.index || (s.index === stage.index && !decidedNow))
        .map((s) => ({ value: s.id, text: `${s.body} (now ${longDate(s.meetingDate)})` }))
    : [];
  const awaiting = running ? stagesAwaitingPublication(snapshot, now) : [];
  const publication = awaiting
    .filter((s) => publicationStatusOf(snapshot, s) !== 'late-item')
    .map((s) => ({ value: s.id, text: `${s.body} on ${longDate(s.meetingDate)} (${publicationStatusOf(snapshot, s) === 'cleared' ? 'cleared' : 'sign-offs outstanding: it would go as a late item'})` }));
  const lateItems = snapshot.stages
    .filter((s) => running && s.index >= meta.cursor.index && publicationStatusOf(snapshot, s) === 'late-item' && !lateItemOf(s)?.agreedBy)
    .map((s) => ({ value: s.id, text: `${s.body} on ${longDate(s.meetingDate)}` }));
  return { decision, decisionNote: note, reschedule, publication, lateItems, canWithdraw: running, callIn };
}

/** The stage's publication in words under its deadline: a late item and the chair's agreement, or the agenda's address. */
function publicationNote(s: RunView['stages'][number]): { text: string; href: string | null } | null {
  const href = s.publication.agendaUrl ?? null;
  if (s.publication.status === 'published') return href ? { text: 'The agenda', href } : null;
  if (s.publication.status !== 'late-item') return null;
  const agreed = s.lateItem?.agreedBy;
  return { text: agreed ? `Late item, agreed by ${agreed.name} (${agreed.role})` : "Late item: the chair's agreement is needed", href };
}

function decisionDetail(d: { deferTo: string | null; referBackTo: string | null; delegateTo: { name: string } | null }, bodyOf: (id: string) => string): string | null {
  if (d.deferTo) return `To be considered again on ${longDate(d.deferTo)}`;
  if (d.referBackTo) return `Referred back to the ${bodyOf(d.referBackTo)}`;
  if (d.delegateTo) return `Final text delegated to ${d.delegateTo.name}`;
  return null;
}

/** The run's call-in in words: open until when, called in by whom, or how it ended. */
function runCallIn(snapshot: RunSnapshot, now: Date): RunPageModel['callIn'] {
  const callIn = callInOf(snapshot, now);
  if (!callIn) return null;
  const d = callIn.decision;
  const body = snapshot.stages[d.stageIndex].body;
  if (callIn.status === 'open') {
    return { status: 'open', text: `The decision of the ${body} of ${longDate(d.meetingDate)} is in its call-in period until the end of ${longDate(callIn.endsOn)}. It cannot be implemented before then; unless it is called in, it takes effect on ${longDate(addCalendarDays(callIn.endsOn, 1))}.` };
  }
  if (callIn.status === 'called-in') {
    return { status: 'called-in', text: `The decision of the ${body} was called in by ${d.calledIn!.by}: ${d.calledIn!.reason}. The ${d.calledIn!.stage.body} considers it on ${longDate(d.calledIn!.stage.meetingDate)}.` };
  }
  return snapshot.meta.status === 'running' ? null : { status: 'ended', text: `The call-in period of the decision of the ${body} ended on ${longDate(callIn.endsOn)} without a call-in.` };
}

export function runPageModel(snapshot: RunSnapshot, now: Date, actor: Actor): RunPageModel {
  const view = runView(snapshot, now);
  const bodyOf = (id: string) => view.stages.find((s) => s.id === id)?.body ?? id;
  const isClerk = hasAnyRole(actor, ['clerk']);
  const risk = view.status === 'running' ? assessRun(snapshot, now) : null;
  return {
    runId: view.runId,
    title: view.plan.title,
    plan: {
      author: `${view.plan.author.name} (${view.plan.author.email})`,
      keyDecision: view.plan.keyDecision,
      classification: view.plan.classification[0].toUpperCase() + view.plan.classification.slice(1),
      clearDays: `${view.clearDays.count} clear ${view.clearDays.excludeNonWorkingDays ? 'working days' : 'days'}`,
      route: view.route,
    },
    status: { value: view.status, tag: runStatusTag[view.status] },
    risk: risk ? { tag: riskTag[risk.status], reasons: risk.reasons } : null,
    workflowFailure: view.workflowFailure
      ? {
          since: longDateTime(view.workflowFailure.since),
          lastAt: longDateTime(view.workflowFailure.lastAt),
          error: view.workflowFailure.error,
          retryHours: RETRY_AFTER_FAILURE_SECONDS / 3600,
        }
      : null,
    emailsInDoubt: view.emailsInDoubt.map((e) => ({
      to: [...e.to, ...e.cc].join(', '),
      subject: e.subject,
      since: longDateTime(e.at),
      state: e.state === 'unknown' ? 'unknown' : e.state === 'sending' ? 'sending' : 'waiting',
    })),
    started: `${longDateTime(view.startedAt)} by ${view.startedBy.name}`,
    finished: view.finishedAt ? longDateTime(view.finishedAt) : null,
    withdrawal: view.withdrawal ? { reason: view.withdrawal.reason, by: view.withdrawal.by.name, at: longDateTime(view.withdrawal.at) } : null,
    stages: view.stages.map((s) => ({
      id: s.id,
      body: s.body,
      kind: kindText[s.kind],
      current: s.id === view.currentStage && view.status === 'running',
      meeting: longDate(s.meetingDate),
      publishBy: longDate(s.publishBy),
      published: s.publication.status === 'published' ? longDate(s.publication.publishedOn ?? londonDate(new Date(s.publishedAt!))) : null,
      publication: publicationNote(s),
      keyDecisionNoticeBy: 'keyDecisionNoticeBy' in s && s.keyDecisionNoticeBy ? longDate(s.keyDecisionNoticeBy) : null,
      urgency: s.urgency ? `Taken under ${urgencyWords(s.urgency)}${s.urgency.reason ? `: ${s.urgency.reason}` : ''}` : null,
      added: s.addedBy ? (s.addedBy.kind === 'call-in' ? 'Added by a call-in' : 'Added: the call-in referred the decision to Full Council') : null,
      tag: stageStatusTag[s.status],
      decisions: s.decisions.map((d) => ({
        outcome: outcomeText[d.outcome],
        meeting: longDate(d.meetingDate),
        resolution: d.resolution,
        detail: decisionDetail(d, bodyOf),
        by: d.decidedBy.name,
        href: decisionHref(view.runId, d.noticeRef),
        callIn: d.calledIn
          ? `Called in by ${d.calledIn.by}: ${d.calledIn.reason}`
          : d.callInEndsOn
            ? `Call-in period to ${longDate(d.callInEndsOn)}`
            : null,
      })),
    })),
    callIn: runCallIn(snapshot, now),
    signoffs: view.signoffs.map((so) => {
      const mine = actor.email === so.officer.email;
      const due = compareDates(so.dueBy, londonDate(now)) < 0 && so.status === 'requested' ? `${longDate(so.dueBy)} (overdue)` : longDate(so.dueBy);
      return {
        id: so.id,
        area: so.area,
        officer: so.officer.name,
        due,
        tag: signoffStatusTag[so.status],
        date: so.answeredAt ? longDate(londonDate(new Date(so.answeredAt))) : null,
        comment: so.comment,
        answerHref:
          so.status === 'requested' && view.status === 'running' && (mine || isClerk)
            ? signoffHref(view.runId, so.id)
            : null,
      };
    }),
    revisions: view.revisions.map((r) => ({
      n: r.n,
      kind: r.kind === 'amendments' ? 'Amendments' : 'Revised report',
      summary: r.summary,
      by: r.by.name,
      at: longDateTime(r.at),
    })),
    events: [...view.events]
      .sort((a, b) => a.when.localeCompare(b.when))
      .map((e) => ({ when: longDateTime(e.when), who: e.who.name, what: withLongDates(e.what) })),
    revision:
      view.status === 'running' && mayRevise(actor, snapshot, { clerkOnBehalf: true })
        ? {
            author: view.plan.author.name,
            signoffs: view.signoffs.map((so) => ({ value: so.id, text: `${so.area} (${so.officer.name})` })),
          }
        : null,
    // A finished run leaves a clerk nothing to do here: no empty "Clerk actions".
    clerk: isClerk && view.status === 'running' ? clerkForms(snapshot, now) : null,
  };
}

const blankDate = { day: '', month: '', year: '' };

/** GOV.UK date input items (day, month, year), all marked when the date is in error. */
export function dateItems(parts: DateParts, hasError: boolean) {
  const cls = (width: number) => `govuk-input--width-${width}${hasError ? ' govuk-input--error' : ''}`;
  return [
    { name: 'day', label: 'Day', value: parts.day, classes: cls(2) },
    { name: 'month', label: 'Month', value: parts.month, classes: cls(2) },
    { name: 'year', label: 'Year', value: parts.year, classes: cls(4) },
  ];
}

/**
 * What the run page's clerk forms show: the values a refused form was sent with (or blanks), the choices, and
 * the error message of each input by id (`errors.deferTo`).
 */
/** A calendar meeting the "Move a meeting" form offers, with its body's name. */
export interface MeetingOffer {
  meeting: { meetingId: string; date: string };
  bodyName: string;
}

export function runFormsContext(model: RunPageModel, state?: RunFormState, meetings: readonly MeetingOffer[] = []) {
  const values = (form: RunFormName): RunFormValues =>
    state?.form === form
      ? state.values
      : {
          stageId: '',
          outcome: '',
          resolution: '',
          deferTo: blankDate,
          referBackTo: '',
          delegateName: '',
          delegateEmail: '',
          meetingDate: blankDate,
          reason: '',
          summary: '',
          // Every sign-off is asked again unless the author unticks it.
          invalidates: (model.revision?.signoffs ?? []).map((so) => so.value),
          publishedOn: blankDate,
          agendaUrl: '',
          lateReason: '',
          chairName: '',
          chairRole: '',
          alternatives: '',
          referToDate: blankDate,
          referToBody: '',
          callInBy: '',
          callInReason: '',
          callInDate: blankDate,
          callInBody: '',
        };
  const decision = values('decision');
  const reschedule = values('reschedule');
  const publication = values('publication');
  const lateItem = values('late-item');
  const revision = values('revision');
  const callIn = values('call-in');
  const errors = Object.fromEntries((state?.errors ?? []).map((e) => [e.id, e.text]));
  return {
    errors,
    errorList: (state?.errors ?? []).map((e) => ({ text: e.text, href: e.href })),
    forms: {
      decision,
      reschedule,
      withdraw: values('withdraw'),
      revision,
      invalidatesItems: (model.revision?.signoffs ?? []).map((so) => ({ ...so, checked: revision.invalidates.includes(so.value) })),
      outcomeItems: (model.clerk?.decision?.outcomes ?? []).map((o) => ({ ...o, checked: o.value === decision.outcome })),
      referItems: [
        { value: '', text: 'Choose a stage' },
        ...(model.clerk?.decision?.referBackTo ?? []).map((r) => ({ ...r, selected: r.value === decision.referBackTo })),
      ],
      stageItems: (model.clerk?.reschedule ?? []).map((r) => ({ ...r, selected: r.value === reschedule.stageId })),
      deferToItems: dateItems(decision.deferTo, !!errors.deferTo),
      publication,
      lateItem,
      publicationStageItems: (model.clerk?.publication ?? []).map((r) => ({ ...r, selected: r.value === publication.stageId })),
      lateItemStageItems: (model.clerk?.lateItems ?? []).map((r) => ({ ...r, selected: r.value === lateItem.stageId })),
      publishedOnItems: dateItems(publication.publishedOn, !!errors.publishedOn),
      meetingDateItems: dateItems(reschedule.meetingDate, !!errors.meetingDate),
      meetingItems: [
        { value: '', text: 'None: type the date below', selected: !reschedule.meetingId },
        ...meetings.map((m) => ({ value: m.meeting.meetingId, text: `${m.bodyName}, ${longDate(m.meeting.date)}`, selected: m.meeting.meetingId === reschedule.meetingId })),
      ],
      rescheduleUrgency: reschedule.urgency ?? blankUrgency(),
      urgencyInformedItems: dateItems((reschedule.urgency ?? blankUrgency()).informed, !!errors['urgency-informed']),
      urgencyReasonMax: URGENCY_REASON_MAX,
      referToDateItems: dateItems(decision.referToDate ?? blankDate, !!errors['referTo-meetingDate']),
      callIn,
      callInDateItems: dateItems(callIn.callInDate ?? blankDate, !!errors['callIn-meetingDate']),
    },
  };
}

/** The summary list at the top of the page. */
export function runSummaryRows(model: RunPageModel) {
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return [
    row('Author', model.plan.author),
    row('Key decision', model.plan.keyDecision ? 'Yes' : 'No'),
    row('Classification', model.plan.classification),
    row('Notice', model.plan.clearDays),
    ...(model.plan.route ? [row('Route', model.plan.route)] : []),
    row('Started', model.started),
    ...(model.finished ? [row('Finished', model.finished)] : []),
    ...(model.withdrawal ? [row('Withdrawn', `${model.withdrawal.reason} (${model.withdrawal.by}, ${model.withdrawal.at})`)] : []),
  ];
}
