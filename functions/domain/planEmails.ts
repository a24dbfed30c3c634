/**
 * The e-mails a settled run is owed at `now`, each with its reason (one e-mail per reason, ever). Reasons carry
 * what makes the e-mail distinct (round, due date, which reminder), so a rescheduled deadline gets new ones.
 */
import { addCalendarDays, compareDates, londonDate, startOfLondonDay, type IsoDate } from './calendar';
import { escalationDate, keyDecisionNoticeBy, keyDecisionReminderDate, signoffReminderDates } from './computeDeadlines';
import type { EmailIntent, EmailMessage, SignoffLinkRequest, StageFacts } from './emailIntents';
import { currentStageOf, decisionKey, decisionOf, decisionRefOf, stageById, type RunSnapshot, type Signoff, type Stage } from './runModel';
import { callInOf, calledInDecision, noticePublishedOn, stagesAhead } from './executiveDecisions';
import { gatingSignoffs, isCleared, meetingStarted, phaseOf, publicationStatusOf, stagesAwaitingPublication, type Phase } from './runPhase';

/** Links stay valid for two weeks after the sign-off is due. */
export const LINK_VALID_DAYS_AFTER_DUE = 14;
/** Areas whose sign-off is never deemed given by silence; their escalation says so. */
const NEVER_BY_SILENCE = /^(legal|finance)\b/i;

const at = (date: IsoDate) => startOfLondonDay(date).getTime();

export function stageFacts(stage: Stage): StageFacts {
  return { id: stage.id, body: stage.body, meetingDate: stage.meetingDate };
}

/** The stage a sign-off is asked for: the one whose publication it gates, or the delegating stage. */
export function signoffStage(snapshot: RunSnapshot, so: Signoff): Stage {
  const stage = stageById(snapshot, so.delegation?.stageId ?? so.dueFor);
  if (!stage) throw new Error(`sign-off ${so.id} names an unknown stage ${so.dueFor}`);
  return stage;
}

export function linkRequestOf(runId: string, so: Signoff): SignoffLinkRequest {
  const expiresOn = addCalendarDays(so.dueBy, LINK_VALID_DAYS_AFTER_DUE + 1);
  return { runId, signoffId: so.id, round: so.round, expiresAt: Math.floor(at(expiresOn) / 1000) };
}

/** The day reminders and escalations can start: never before the day after the request was sent. */
function firstDayAfterRequest(so: Signoff): IsoDate {
  return addCalendarDays(londonDate(new Date(so.requestedAt)), 1);
}

/** Instants at which a requested sign-off needs attention: reminders 1 and 2, then escalation. */
export function signoffTimers(so: Signoff): { reminder1: number | null; reminder2: number | null; escalation: number } {
  const [first, second] = signoffReminderDates(so.dueBy);
  const earliest = firstDayAfterRequest(so);
  const ok = (d: IsoDate) => compareDates(d, earliest) >= 0;
  const escalationDay = compareDates(escalationDate(so.dueBy), earliest) >= 0 ? escalationDate(so.dueBy) : earliest;
  return {
    reminder1: ok(first) ? at(first) : null,
    reminder2: ok(second) ? at(second) : null,
    escalation: at(escalationDay),
  };
}

/** The executive stage a key decision notice is for, while it is still ahead. */
export function keyDecisionStage(snapshot: RunSnapshot): Stage | undefined {
  if (!snapshot.meta.plan.keyDecision) return undefined;
  return snapshot.stages.find((s) => s.kind === 'executive' && s.index >= snapshot.meta.cursor.index);
}

function uniq(addresses: string[]): string[] {
  return [...new Set(addresses.map((a) => a.toLowerCase()))];
}

export function planEmails(snapshot: RunSnapshot, now: Date, phase: Phase = phaseOf(snapshot, now)): EmailIntent[] {
  const { meta } = snapshot;
  const t = now.getTime();
  const planTitle = meta.plan.title;
  const author = meta.plan.author.email;
  const clerk = meta.startedBy.email;
  const out: EmailIntent[] = [];
  const add = (reason: string, to: string[], message: EmailMessage, cc: string[] = []) => {
    if (snapshot.sentEmails.has(reason)) return;
    const recipients = uniq(to);
    out.push({ reason, to: recipients, cc: uniq(cc).filter((a) => !recipients.includes(a)), message });
  };

  if (meta.status === 'running') {
    for (const so of snapshot.signoffs) {
      const stage = stageFacts(signoffStage(snapshot, so));
      const officer = so.officer;
      if (so.status === 'requested') {
        const link = linkRequestOf(meta.runId, so);
        const base = { planTitle, stage, area: so.area, officer, dueBy: so.dueBy, link };
        add(`signoff-request#${so.id}#${so.round}`, [officer.email], { kind: 'signoff-request', ...base, round: so.round });
        const timers = signoffTimers(so);
        if (timers.reminder1 !== null && t >= timers.reminder1 && (timers.reminder2 === null || t < timers.reminder2) && t < timers.escalation) {
          add(`signoff-reminder#${so.id}#${so.round}#${so.dueBy}#1`, [officer.email], { kind: 'signoff-reminder', ...base, reminder: 1, round: so.round });
        }
        if (timers.reminder2 !== null && t >= timers.reminder2 && t < timers.escalation) {
          add(`signoff-reminder#${so.id}#${so.round}#${so.dueBy}#2`, [officer.email], { kind: 'signoff-reminder', ...base, reminder: 2, round: so.round });
        }
        // Asked again too late for the publication: the clerk decides (move the meeting, or a late item).
        const gated = signoffStage(snapshot, so);
        if (!so.delegation && so.round > 1 && compareDates(so.dueBy, gated.publishBy) > 0 && !meetingStarted(gated, now)) {
          add(`publication-out-of-reach#${so.id}#${so.round}#${gated.meetingDate}`, [clerk], {
            kind: 'publication-out-of-reach',
            planTitle,
            stage,
            area: so.area,
            officer,
            dueBy: so.dueBy,
            publishBy: gated.publishBy,
          });
        }
        // Escalated to the author and the clerk, but never to the officer about their own sign-off (an author
        // signing an area of their own report is reminded, not escalated to).
        const escalateTo = [author, clerk].filter((a) => a !== officer.email);
        if (t >= timers.escalation && escalateTo.length) {
          add(`signoff-escalation#${so.id}#${so.round}#${so.dueBy}`, escalateTo, {
            kind: 'signoff-escalation',
            planTitle,
            stage,
            area: so.area,
            officer,
            dueBy: so.dueBy,
            round: so.round,
            neverBySilence: NEVER_BY_SILENCE.test(so.area),
          });
        }
      } else if (so.status === 'changes-requested') {
        add(`signoff-changes#${so.id}#${so.round}`, [author], {
          kind: 'signoff-changes-requested',
          planTitle,
          stage,
          area: so.area,
          officer,
          comment: so.comment ?? null,
          answeredOn: londonDate(new Date(so.answeredAt ?? now.toISOString())),
          round: so.round,
        }, [clerk]);
      }
    }

    const stage = currentStageOf(snapshot);
    const facts = stageFacts(stage);
    const round = meta.cursor.round;
    const undecided = !meta.awaitingRevision && !decisionOf(snapshot, stage.index, round);
    if (phase === 'AwaitSchedule') {
      add(`schedule-request#${stage.id}#${round}`, [clerk], { kind: 'schedule-request', planTitle, stage: facts, since: londonDate(now) });
    } else if (undecided) {
      if (t >= at(addCalendarDays(stage.meetingDate, 1))) {
        // Per meeting date: a meeting moved after it passed undecided is asked about again once its new date passes.
        add(`decision-request#${stage.id}#${round}#${stage.meetingDate}`, [clerk], {
          kind: 'decision-request',
          planTitle,
          stage: facts,
          decideFrom: stage.meetingDate,
        });
      }
    }

    // Facts only: a stage the run cannot reach yet (an earlier decision not recorded) is not awaiting publication.
    for (const s of stagesAwaitingPublication(snapshot, now)) {
      if (isCleared(snapshot, s)) {
        // Once per meeting date, when the last sign-off is in: the clerk can put it on the agenda.
        add(`report-cleared#${s.id}#${s.meetingDate}`, [author, clerk], {
          kind: 'report-cleared',
          planTitle,
          stage: stageFacts(s),
          publishBy: s.publishBy,
          late: compareDates(londonDate(now), s.publishBy) > 0,
        });
        continue;
      }
      if (t < at(addCalendarDays(s.publishBy, 1)) || publicationStatusOf(snapshot, s) === 'late-item') continue;
      add(`publication-missed#${s.id}#${s.meetingDate}`, [author, clerk], {
        kind: 'publication-missed',
        planTitle,
        stage: stageFacts(s),
        publishBy: s.publishBy,
        outstanding: gatingSignoffs(snapshot, s)
          .filter((so) => so.status !== 'signed')
          .map((so) => ({ area: so.area, officer: so.officer, status: so.status })),
      });
    }

    const executive = keyDecisionStage(snapshot);
    // Under an urgency the 28 days cannot be given: the urgency's e-mail (below) says what was done instead.
    if (executive && !executive.urgency) {
      const noticeBy = keyDecisionNoticeBy(executive.meetingDate);
      if (t >= at(keyDecisionReminderDate(noticeBy)) && !meetingStarted(executive, now)) {
        add(`key-decision-notice#${executive.id}#${noticeBy}`, [clerk], {
          kind: 'key-decision-notice',
          planTitle,
          stage: stageFacts(executive),
          noticeBy,
          noticePublishedOn: noticePublishedOn(meta),
        });
      }
    }

    // The scrutiny chair is told of a key decision taken without the forward plan's 28 days, once per meeting.
    for (const s of snapshot.stages) {
      const u = s.urgency;
      if (!u || s.index < meta.cursor.index || meetingStarted(s, now)) continue;
      const chair = u.scrutinyChair ?? null;
      add(`key-decision-urgency#${s.id}#${u.kind}#${s.meetingDate}`, chair ? [chair.email] : [clerk], {
        kind: 'key-decision-urgency',
        planTitle,
        stage: stageFacts(s),
        urgency: u.kind,
        chairName: chair?.name ?? null,
        reason: u.reason ?? null,
        informedOn: u.kind === 'general-exception' ? u.scrutinyChairInformedOn : null,
        agreedBy: u.kind === 'special-urgency' ? u.agreedBy : null,
        noticePublishedOn: noticePublishedOn(meta),
      }, chair ? [clerk] : []);
    }
  }

  // A call-in, once: the author and the clerk know the decision does not take effect yet.
  for (const d of snapshot.decisions) {
    if (!d.calledIn || !d.callInEndsOn) continue;
    const stage = snapshot.stages[d.stageIndex];
    add(`call-in#${decisionKey(d)}`, [author, clerk], {
      kind: 'call-in-recorded',
      planTitle,
      stage: { id: stage.id, body: stage.body, meetingDate: d.meetingDate },
      by: d.calledIn.by,
      reason: d.calledIn.reason,
      decidedOn: d.meetingDate,
      endsOn: d.callInEndsOn,
      scrutiny: { id: d.calledIn.stage.id, body: d.calledIn.stage.body, meetingDate: d.calledIn.stage.meetingDate },
    });
  }

  for (const d of snapshot.decisions) {
    const stage = snapshot.stages[d.stageIndex];
    const next = stagesAhead(snapshot, stage)[0];
    const referBackTo = d.referBackTo ? stageById(snapshot, d.referBackTo) : undefined;
    const delegated = d.outcome === 'delegated' ? snapshot.signoffs.find((so) => so.delegation?.round === d.round && so.delegation.stageIndex === d.stageIndex) : undefined;
    const considered = calledInDecision(snapshot, stage);
    // The decision notice (reg. 12's record for an executive decision): to the author and the clerk.
    add(`decision-notice#${decisionKey(d)}`, [author], {
      kind: 'decision-notice',
      planTitle,
      stage: { id: stage.id, body: stage.body, meetingDate: d.meetingDate },
      outcome: d.outcome,
      resolution: d.resolution ?? null,
      decidedOn: londonDate(new Date(d.decidedAt)),
      deferTo: d.deferTo ?? null,
      referBackTo: referBackTo ? stageFacts(referBackTo) : null,
      delegateTo: d.delegateTo ?? null,
      delegateDueBy: delegated?.dueBy ?? null,
      nextStage: next ? stageFacts(next) : null,
      isLastStage: !next,
      ref: decisionRefOf(d),
      alternatives: d.alternatives ?? null,
      callInEndsOn: d.callInEndsOn ?? null,
      callInOf: considered ? { id: snapshot.stages[considered.stageIndex].id, body: snapshot.stages[considered.stageIndex].body, meetingDate: considered.meetingDate } : null,
      referTo: d.referTo ? { id: d.referTo.id, body: d.referTo.body, meetingDate: d.referTo.meetingDate } : null,
    }, [clerk]);
  }

  if (meta.status !== 'running') {
    const stage = currentStageOf(snapshot);
    // A final executive decision that took effect after its call-in period: everyone on the run is told.
    const took = meta.status === 'withdrawn' ? null : callInOf(snapshot, now);
    const officers = took ? snapshot.signoffs.map((so) => so.officer.email) : [];
    add(`run-finished#${meta.status}`, [author, clerk], {
      kind: 'run-finished',
      planTitle,
      stage: stageFacts(stage),
      status: meta.status,
      finishedOn: londonDate(new Date(meta.finishedAt ?? now.toISOString())),
      reason: meta.withdrawal?.reason ?? null,
      callIn: took ? { endsOn: took.endsOn, calledIn: !!took.decision.calledIn, body: snapshot.stages[took.decision.stageIndex].body } : null,
    }, officers);
  }
  return out;
}
