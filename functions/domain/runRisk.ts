/**
 * Whether a run in flight is on track, at risk or late, for the managers' dashboard, with the reasons in words:
 * - late: a sign-off still requested after its due date, or a report not published by its publication deadline
 *   (still unpublished, or published after it, until its meeting is held);
 * - at risk: a deadline within 5 working days with sign-offs still outstanding (a requested sign-off falling due,
 *   or a publication deadline whose sign-offs are not all given);
 * - on track: neither.
 * A run whose workflow keeps failing (`workflowFailure`) is late whatever its dates: its timed work waits.
 * Also the run's next meeting and next deadline. Pure: the run and the clock in, the assessment out.
 */
import { compareDates, londonDate, type IsoDate } from './calendar';
import { currentStageOf, type RunSnapshot, type Stage } from './runModel';
import {
  decisionOverdue,
  gatingSignoffs,
  isPublished,
  lateItemOf,
  meetingStarted,
  needsNewMeeting,
  publicationStatusOf,
  stagesAwaitingPublication,
} from './runPhase';
import { workingDaysBetween } from './workingDays';
import { RETRY_AFTER_FAILURE_SECONDS } from './runPhase';
import { longDate, longDateTime } from './emails/dates';

export const riskStatuses = ['on-track', 'at-risk', 'late'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

export const AT_RISK_WORKING_DAYS = 5;

export interface Deadline {
  date: IsoDate;
  kind: 'publication' | 'signoff';
  /** e.g. "Publish the report for the Cabinet", "Legal sign-off (Keith Trowell)" */
  what: string;
  /** The stage's body, or the sign-off's area. */
  subject: string;
  /** Before today. */
  missed: boolean;
  /** Sign-offs not yet given that this deadline waits for. */
  outstanding: number;
}

export interface RunRisk {
  status: RiskStatus;
  /** The workflow keeps failing (see `workflowFailureReason`). */
  needsAttention: boolean;
  reasons: string[];
  nextDeadline: Deadline | null;
  nextMeeting: { date: IsoDate; body: string } | null;
}

/** Open deadlines of a running run, soonest first: each report still to publish, each sign-off still requested. */
/** Why a stage lost its calendar meeting, in words after "The Cabinet meeting was". */
function lostMeetingWords(status: Stage['meetingStatus']): string {
  if (status === 'cancelled') return 'cancelled';
  if (status === 'key-decision-notice') return "moved too soon for the key decision's 28 clear days of notice";
  return 'moved out of order';
}

export function openDeadlines(snapshot: RunSnapshot, now: Date): Deadline[] {
  const today = londonDate(now);
  const deadlines: Deadline[] = [];
  for (const stage of stagesAwaitingPublication(snapshot, now)) {
    // A late item's deadline has gone by design: what it needs is the chair's agreement (its own reason).
    if (publicationStatusOf(snapshot, stage) === 'late-item') continue;
    deadlines.push({
      date: stage.publishBy,
      kind: 'publication',
      what: `Publish the report for the ${stage.body}`,
      subject: stage.body,
      missed: compareDates(stage.publishBy, today) < 0,
      outstanding: gatingSignoffs(snapshot, stage).filter((so) => so.status !== 'signed').length,
    });
  }
  for (const so of snapshot.signoffs) {
    if (so.status !== 'requested') continue;
    deadlines.push({
      date: so.dueBy,
      kind: 'signoff',
      what: `${so.area} sign-off (${so.officer.name})`,
      subject: so.area,
      missed: compareDates(so.dueBy, today) < 0,
      outstanding: 1,
    });
  }
  return deadlines.sort((a, b) => compareDates(a.date, b.date) || a.what.localeCompare(b.what));
}

/** Why a failing workflow needs attention, or undefined when all is well. */
export function workflowFailureReason(snapshot: RunSnapshot): string | undefined {
  const failure = snapshot.meta.workflowFailure;
  if (!failure) return undefined;
  const hours = RETRY_AFTER_FAILURE_SECONDS / 3600;
  return `The run's workflow has been failing since ${longDateTime(failure.since)}: reminders, escalations and publication wait until it works again; it is tried again every ${hours} hours`;
}

function inWorkingDays(today: IsoDate, date: IsoDate): string {
  const days = workingDaysBetween(today, date);
  return days === 0 ? 'today' : days === 1 ? 'in 1 working day' : `in ${days} working days`;
}

/** One reason per due date: "Legal sign-off (Keith Trowell) is due today (...)", "3 sign-offs were due on ...: Legal, ...". */
function signoffReasons(deadlines: Deadline[], today: IsoDate): string[] {
  const byDate = new Map<IsoDate, Deadline[]>();
  for (const d of deadlines) byDate.set(d.date, [...(byDate.get(d.date) ?? []), d]);
  return [...byDate.entries()].map(([date, group]) => {
    const missed = group[0].missed;
    const one = group.length === 1;
    const when = missed ? `${one ? 'was' : 'were'} due on ${longDate(date)}` : `${one ? 'is' : 'are'} due ${inWorkingDays(today, date)} (${longDate(date)})`;
    return one ? `${group[0].what} ${when}` : `${group.length} sign-offs ${when}: ${group.map((d) => d.subject).join(', ')}`;
  });
}

export function assessRun(snapshot: RunSnapshot, now: Date): RunRisk {
  const today = londonDate(now);
  const { meta } = snapshot;
  if (meta.status !== 'running') return { status: 'on-track', needsAttention: false, reasons: [], nextDeadline: null, nextMeeting: null };
  const meeting = snapshot.stages.find((s) => s.index >= meta.cursor.index && compareDates(s.meetingDate, today) >= 0);

  const deadlines = openDeadlines(snapshot, now);
  const late = deadlines.filter((d) => d.missed);
  // Published for the meeting as it now stands, on a recorded day after that meeting's own deadline.
  const publishedOn = (s: Stage) => s.publishedOn ?? londonDate(new Date(s.publishedAt!));
  const publishedLate = snapshot.stages.filter(
    (s) => s.index >= meta.cursor.index && isPublished(s) && !meetingStarted(s, now) && compareDates(publishedOn(s), s.publishBy) > 0,
  );
  const current = currentStageOf(snapshot);
  const undecided = decisionOverdue(snapshot, now) ? [current] : [];
  const lateItems = stagesAwaitingPublication(snapshot, now).filter((s) => publicationStatusOf(snapshot, s) === 'late-item');
  const unplaced = snapshot.stages.filter((s) => s.index >= meta.cursor.index && needsNewMeeting(s));
  const atRisk = deadlines.filter((d) => !d.missed && d.outstanding > 0 && workingDaysBetween(today, d.date) <= AT_RISK_WORKING_DAYS);
  const failing = workflowFailureReason(snapshot);
  const reasons = [
    ...(failing ? [failing] : []),
    ...signoffReasons(late.filter((d) => d.kind === 'signoff'), today),
    ...undecided.map((s) => `The decision of the ${s.body} on ${longDate(s.meetingDate)} is not recorded`),
    ...unplaced.map((s) => `The ${s.body} meeting was ${lostMeetingWords(s.meetingStatus)}: the report needs another meeting`),
    ...late
      .filter((d) => d.kind === 'publication')
      .map((d) =>
        d.outstanding
          ? `The report for the ${d.subject} was not published by ${longDate(d.date)}`
          : `The report for the ${d.subject} is cleared but its publication, due by ${longDate(d.date)}, is not recorded`,
      ),
    ...lateItems.map((s) =>
      lateItemOf(s)
        ? `The report for the ${s.body} is marked a late item: record the chair's agreement`
        : `The agenda for the ${s.body} went without the report: record the chair's agreement to take it as a late item, or move it`,
    ),
    ...publishedLate.map((s) => `The report for the ${s.body} was published on ${longDate(publishedOn(s))}, after its deadline of ${longDate(s.publishBy)}`),
    ...signoffReasons(atRisk.filter((d) => d.kind === 'signoff'), today),
    ...atRisk
      .filter((d) => d.kind === 'publication')
      .map((d) => `${d.what} by ${longDate(d.date)} (${inWorkingDays(today, d.date)}): ${d.outstanding} sign-off${d.outstanding === 1 ? '' : 's'} outstanding`),
  ];
  return {
    status:
      failing || late.length || publishedLate.length || undecided.length || lateItems.length || unplaced.length
        ? 'late'
        : atRisk.length
          ? 'at-risk'
          : 'on-track',
    needsAttention: !!failing,
    reasons,
    nextDeadline: deadlines[0] ?? null,
    nextMeeting: meeting ? { date: meeting.meetingDate, body: meeting.body } : null,
  };
}
