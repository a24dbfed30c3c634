/**
 * An in-memory run for planner tests: the planner's changes applied with the pure `applyChange`, e-mails
 * collected, and time moved forward through every wake-up the planner asks for, as the state machine would.
 */
import { applyChange } from '../../../functions/domain/applyChange';
import { checkDecision, type DecisionContext, type ResolvedDecisionInput } from '../../../functions/domain/decisionRules';
import { checkCallIn, type AddedStageMeeting } from '../../../functions/domain/executiveDecisions';
import { checkReschedule } from '../../../functions/domain/meetingDates';
import { publishBy } from '../../../functions/domain/computeDeadlines';
import type { EmailIntent } from '../../../functions/domain/emailIntents';
import { buildRun, newRunInputSchema, type StageInput } from '../../../functions/domain/newRun';
import { planRun, type RunPlan } from '../../../functions/domain/planRun';
import { checkLateItem, checkPublication } from '../../../functions/domain/publication';
import { londonDate } from '../../../functions/domain/calendar';
import type { ActorRef, Revision, RunSnapshot } from '../../../functions/domain/runModel';

export const clerk = { name: 'Cleo Clerk', email: 'cleo.clerk@example.gov.uk' };
export const terry = { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' };
export const keith = { name: 'Keith Trowell', email: 'k.trowell@example.gov.uk' };
export const sarah = { name: 'Sarah Lavallie', email: 'sarah.lavallie@example.gov.uk' };

export const tunbridgeWellsStages: StageInput[] = [
  { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
  { id: 'mb', body: 'Management Board', kind: 'board', meetingDate: '2017-03-01' },
  { id: 'cab', body: 'Communities Cabinet Advisory Board', kind: 'advisory', meetingDate: '2017-03-22' },
  { id: 'os', body: 'Overview and Scrutiny Committee', kind: 'scrutiny', meetingDate: '2017-04-10' },
  { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
  { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
];

export const tunbridgeWellsSignoffs = [
  { area: 'Legal including Human Rights Act', officer: keith, requiredBefore: 'cab' },
  ...['Finance and other resources', 'Staffing establishment', 'Risk management', 'Environment and sustainability', 'Community safety', 'Health and Safety', 'Health and wellbeing'].map(
    (area) => ({ area, officer: terry, requiredBefore: 'cab' }),
  ),
  { area: 'Equalities', officer: sarah, requiredBefore: 'cab' },
];

export function tunbridgeWellsInput(overrides: Record<string, unknown> = {}) {
  return newRunInputSchema.parse({
    plan: { title: 'Community Safety Partnership Plan 2017/18', author: terry },
    stages: tunbridgeWellsStages,
    signoffs: tunbridgeWellsSignoffs,
    ...overrides,
  });
}

export const instant = (s: string) => new Date(s.length === 10 ? `${s}T12:00:00Z` : s);

export class SimulatedRun {
  snapshot: RunSnapshot;
  now: Date;
  sent: Array<EmailIntent & { sentAt: string }> = [];
  lastPlan!: RunPlan;

  constructor(input = tunbridgeWellsInput(), start = '2017-01-09T09:00:00Z') {
    this.now = new Date(start);
    const items = buildRun({ ...input, stages: input.stages! }, 'run-1', clerk, this.now);
    this.snapshot = { ...items, decisions: [], revisions: [], sentEmails: new Set(), events: [] };
    this.reconcile();
  }

  /** What the Reconcile task does: apply changes until settled, then send the e-mails owed. */
  reconcile(): RunPlan {
    for (let i = 0; i < 50; i++) {
      const plan = planRun(this.snapshot, this.now);
      if (plan.changes.length) {
        for (const change of plan.changes) this.snapshot = applyChange(this.snapshot, change);
        continue;
      }
      for (const email of plan.emails) {
        this.snapshot.sentEmails.add(email.reason);
        this.sent.push({ ...email, sentAt: this.now.toISOString() });
      }
      this.lastPlan = plan;
      return plan;
    }
    throw new Error('the run did not settle');
  }

  /** Moves time forward, waking at every instant the planner asked for on the way (like timers firing). */
  advanceTo(target: string | Date): void {
    const to = typeof target === 'string' ? instant(target) : target;
    for (;;) {
      const wake = this.lastPlan.wakeAt;
      if (!wake || wake.getTime() > to.getTime()) break;
      this.now = wake;
      this.reconcile();
    }
    this.now = to;
    this.reconcile();
  }

  sign(signoffId: string, result: 'signed' | 'changes-requested' = 'signed', comment?: string): void {
    const at = this.now.toISOString();
    this.snapshot = {
      ...this.snapshot,
      signoffs: this.snapshot.signoffs.map((so) =>
        so.id === signoffId ? { ...so, status: result, answeredAt: at, signedAt: result === 'signed' ? at : null, comment: comment ?? null } : so,
      ),
    };
    this.reconcile();
  }

  decide(stageId: string, input: ResolvedDecisionInput, by: ActorRef = clerk, context: DecisionContext = {}): void {
    const decision = checkDecision(this.snapshot, stageId, input, by, this.now, context);
    this.snapshot = { ...this.snapshot, decisions: [...this.snapshot.decisions, decision] };
    this.reconcile();
  }

  /** What `POST .../call-in` does: the decision open to call-in is called in to a scrutiny meeting. */
  callIn(meeting: AddedStageMeeting, by = 'Cllr Ann Member and Cllr Bob Member', reason = 'The options were not consulted on', stageId = 'call-in'): void {
    const d = checkCallIn(this.snapshot, meeting, this.now);
    const calledIn = { by, reason, recordedBy: clerk, at: this.now.toISOString(), stage: { id: stageId, body: meeting.body, meetingDate: meeting.meetingDate, meetingId: meeting.meetingId ?? null, bodyId: meeting.bodyId ?? null } };
    this.snapshot = { ...this.snapshot, decisions: this.snapshot.decisions.map((x) => (x === d ? { ...x, calledIn } : x)) };
    this.reconcile();
  }

  /** What `PATCH .../stages/{stageId}` `{"meetingDate"}` does for a stage typed by date. */
  reschedule(stageId: string, meetingDate: string): void {
    const stage = checkReschedule(this.snapshot, stageId, meetingDate, londonDate(this.now));
    this.snapshot = {
      ...this.snapshot,
      stages: this.snapshot.stages.map((s) => (s.index === stage.index ? { ...s, meetingDate, publishBy: publishBy(meetingDate, this.snapshot.meta.clearDays) } : s)),
    };
    this.reconcile();
  }

  /**
   * The run kept as a clerk keeps it, stage after stage: each agenda despatched at 09:00 on its day and the stage
   * approved at 18:00 on the day of its meeting (`[stageId, despatch day, meeting day]`).
   */
  despatchAndApprove(steps: ReadonlyArray<readonly [string, string, string]>): void {
    for (const [id, despatch, meeting] of steps) {
      this.advanceTo(`${despatch}T09:00:00Z`);
      this.publish(id);
      this.advanceTo(`${meeting}T18:00:00Z`);
      this.decide(id, { outcome: 'approved' });
    }
  }

  /**
   * What the clerk's `POST .../publication` does: the agenda of the stage's meeting despatched (today unless
   * given); the report goes with it if cleared, else it is a late item.
   */
  publish(stageId: string, publishedOn = londonDate(this.now), agendaUrl?: string): void {
    const p = checkPublication(this.snapshot, stageId, { publishedOn, ...(agendaUrl ? { agendaUrl } : {}) }, this.now);
    const at = this.now.toISOString();
    this.snapshot = {
      ...this.snapshot,
      stages: this.snapshot.stages.map((s) =>
        s.index === p.stage.index
          ? { ...s, agendaFor: p.agendaFor, publishedOn: p.publishedOn, agendaUrl: p.agendaUrl, ...(p.published ? { publishedAt: at, publishedFor: p.agendaFor } : {}) }
          : s,
      ),
    };
    this.reconcile();
  }

  /** What `POST .../late-item` does: the chair's agreement to take the report late. */
  agreeLateItem(stageId: string, reason = 'The chair agreed it could not wait', agreedBy = { name: 'Cllr Chair', role: 'Chairman' }): void {
    const { stage, lateItem } = checkLateItem(this.snapshot, stageId, { reason, agreedBy }, this.now);
    this.snapshot = { ...this.snapshot, stages: this.snapshot.stages.map((s) => (s.index === stage.index ? { ...s, lateItem } : s)) };
    this.reconcile();
  }

  revise(summary: string, invalidates: string[] | null = null): void {
    const n = Math.max(0, ...this.snapshot.revisions.map((r) => r.n)) + 1;
    const revision: Revision = { n, kind: 'revision', summary, invalidates, by: terry, at: this.now.toISOString() };
    this.snapshot = { ...this.snapshot, revisions: [...this.snapshot.revisions, revision] };
    this.reconcile();
  }

  stage(id: string) {
    return this.snapshot.stages.find((s) => s.id === id)!;
  }

  signoff(id: string) {
    return this.snapshot.signoffs.find((s) => s.id === id)!;
  }

  emailsOf(kind: string) {
    return this.sent.filter((e) => e.message.kind === kind);
  }
}
