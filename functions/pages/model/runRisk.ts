/**
 * Whether a run in flight is on track, at risk or late, for the managers' dashboard, with the reasons in words:
 * - late: a sign-off still requested after its due date, or a report not published by its publication deadline;
 * - at risk: a deadline within 5 working days with sign-offs still outstanding (a requested sign-off falling due,
 *   or a publication deadline whose sign-offs are not all given);
 * - on track: neither.
 * Also the run's next meeting and next deadline. Pure: the run and the clock in, the assessment out.
 */
import { compareDates, londonDate, type IsoDate } from '../../domain/calendar';
import type { RunSnapshot } from '../../domain/runModel';
import { gatingSignoffs, stagesAwaitingPublication } from '../../domain/runPhase';
import { workingDaysBetween } from '../../domain/workingDays';
import { longDate } from './format';

export const riskStatuses = ['on-track', 'at-risk', 'late'] as const;
export type RiskStatus = (typeof riskStatuses)[number];

/** How close (in working days) a deadline with sign-offs outstanding puts a run at risk. */
export const AT_RISK_WORKING_DAYS = 5;

export interface Deadline {
  date: IsoDate;
  kind: 'publication' | 'signoff';
  /** e.g. "Publish the report for the Cabinet", "Legal sign-off (Keith Trowell)" */
  what: string;
  /** The stage's body, or the sign-off's area and officer. */
  about: string;
  /** Before today. */
  missed: boolean;
}

export interface RunRisk {
  status: RiskStatus;
  reasons: string[];
  nextDeadline: Deadline | null;
  nextMeeting: { date: IsoDate; body: string } | null;
}

const rank: Record<RiskStatus, number> = { 'on-track': 0, 'at-risk': 1, late: 2 };

export function worse(a: RiskStatus, b: RiskStatus): RiskStatus {
  return rank[a] >= rank[b] ? a : b;
}

/** Open deadlines of a running run: publication of each report still to go out, each sign-off still requested. */
export function openDeadlines(snapshot: RunSnapshot, now: Date): Array<Deadline & { outstanding: number }> {
  const today = londonDate(now);
  const deadlines: Array<Deadline & { outstanding: number }> = [];
  for (const stage of stagesAwaitingPublication(snapshot, now)) {
    deadlines.push({
      date: stage.publishBy,
      kind: 'publication',
      what: `Publish the report for the ${stage.body}`,
      about: stage.body,
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
      about: `${so.area} sign-off (${so.officer.name})`,
      missed: compareDates(so.dueBy, today) < 0,
      outstanding: 1,
    });
  }
  return deadlines.sort((a, b) => compareDates(a.date, b.date) || a.what.localeCompare(b.what));
}

export function assessRun(snapshot: RunSnapshot, now: Date): RunRisk {
  const today = londonDate(now);
  const { meta } = snapshot;
  if (meta.status !== 'running') return { status: 'on-track', reasons: [], nextDeadline: null, nextMeeting: null };
  const meeting = snapshot.stages.find((s) => s.index >= meta.cursor.index && compareDates(s.meetingDate, today) >= 0);
  const nextMeeting = meeting ? { date: meeting.meetingDate, body: meeting.body } : null;

  const deadlines = openDeadlines(snapshot, now);
  let status: RiskStatus = 'on-track';
  const reasons: string[] = [];
  for (const d of deadlines) {
    if (d.missed) {
      status = worse(status, 'late');
      reasons.push(
        d.kind === 'signoff'
          ? `${d.what} was due on ${longDate(d.date)}`
          : `The report for the ${d.about} was not published by ${longDate(d.date)}`,
      );
    } else if (d.outstanding > 0 && workingDaysBetween(today, d.date) <= AT_RISK_WORKING_DAYS) {
      status = worse(status, 'at-risk');
      const days = workingDaysBetween(today, d.date);
      const when = days === 0 ? 'today' : days === 1 ? 'in 1 working day' : `in ${days} working days`;
      reasons.push(
        d.kind === 'signoff'
          ? `${d.what} is due ${when}`
          : `${d.what} by ${longDate(d.date)} (${when}): ${d.outstanding} sign-off${d.outstanding === 1 ? '' : 's'} outstanding`,
      );
    }
  }
  const first = deadlines[0];
  const nextDeadline: Deadline | null = first ? { date: first.date, kind: first.kind, what: first.what, about: first.about, missed: first.missed } : null;
  return { status, reasons, nextDeadline, nextMeeting };
}
