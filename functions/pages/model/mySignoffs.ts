/**
 * "My sign-offs" (`/signoffs`): the signed-in officer's open sign-offs, soonest due first, each with the plan,
 * the meeting its report goes to and a link to answer it.
 */
import { compareDates, londonDate } from '../../domain/calendar';
import { signoffStage } from '../../domain/planEmails';
import type { RunSnapshot } from '../../domain/runModel';
import { longDate } from './format';
import { runHref, signoffHref } from './links';

export interface OpenSignoffRef {
  runId: string;
  signoffId: string;
}

export interface MySignoffRow {
  runId: string;
  title: string;
  runHref: string;
  area: string;
  stage: string;
  meeting: string;
  due: string;
  dueDate: string;
  overdue: boolean;
  answerHref: string;
}

/** Rows for the sign-offs still requested of `email` (the index may lag a write: each is checked on its run). */
export function mySignoffRows(refs: OpenSignoffRef[], runs: Map<string, RunSnapshot>, email: string, now: Date): MySignoffRow[] {
  const today = londonDate(now);
  const rows: MySignoffRow[] = [];
  for (const ref of refs) {
    const snapshot = runs.get(ref.runId);
    const so = snapshot?.signoffs.find((s) => s.id === ref.signoffId);
    if (!snapshot || !so || so.status !== 'requested' || so.officer.email !== email || snapshot.meta.status !== 'running') continue;
    const stage = signoffStage(snapshot, so);
    const overdue = compareDates(so.dueBy, today) < 0;
    rows.push({
      runId: ref.runId,
      title: snapshot.meta.plan.title,
      runHref: runHref(ref.runId),
      area: so.area,
      stage: stage.body,
      meeting: longDate(stage.meetingDate),
      due: overdue ? `${longDate(so.dueBy)} (overdue)` : longDate(so.dueBy),
      dueDate: so.dueBy,
      overdue,
      answerHref: signoffHref(ref.runId, so.id),
    });
  }
  return rows.sort((a, b) => compareDates(a.dueDate, b.dueDate) || a.title.localeCompare(b.title));
}
