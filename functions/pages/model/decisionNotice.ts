/**
 * A decision notice (`/runs/{runId}/decisions/{ref}`): what a body decided, the reasons (the resolution), the
 * alternatives considered, and for a final executive decision its call-in period: the decision record of reg. 12
 * of the 2012 Executive Arrangements Regulations, and the same for every other body's decision.
 */
import { addCalendarDays } from '../../domain/calendar';
import { decisionWords } from '../../domain/decisionWords';
import { callInStatusOf, calledInDecision, isKeyDecisionStage, urgencyWords } from '../../domain/executiveDecisions';
import { notFound } from '../../domain/errors';
import { decisionByRef, type RunSnapshot } from '../../domain/runModel';
import { longDate, longDateTime } from './format';
import { runHref } from './links';

export interface DecisionNoticeModel {
  title: string;
  planTitle: string;
  runHref: string;
  rows: Array<{ key: { text: string }; value: { text: string } }>;
  callIn: { text: string; open: boolean } | null;
}

export function decisionNoticeModel(snapshot: RunSnapshot, ref: string, now: Date): DecisionNoticeModel {
  const d = decisionByRef(snapshot, ref);
  if (!d) throw notFound(`Run ${snapshot.meta.runId} has no decision ${ref}`);
  const stage = snapshot.stages[d.stageIndex];
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  const considered = calledInDecision(snapshot, stage);
  let callIn: DecisionNoticeModel['callIn'] = null;
  if (d.callInEndsOn) {
    const status = callInStatusOf(snapshot, d, now);
    const takesEffect = longDate(addCalendarDays(d.callInEndsOn, 1));
    callIn =
      status === 'called-in'
        ? { open: false, text: `Called in by ${d.calledIn!.by} on ${longDateTime(d.calledIn!.at)}: ${d.calledIn!.reason}. The ${d.calledIn!.stage.body} considers it on ${longDate(d.calledIn!.stage.meetingDate)}; the decision cannot be implemented meanwhile.` }
        : status === 'open'
          ? { open: true, text: `This decision can be called in to overview and scrutiny until the end of ${longDate(d.callInEndsOn)}. It cannot be implemented before then; if it is not called in, it takes effect on ${takesEffect}.` }
          : { open: false, text: `The call-in period ended on ${longDate(d.callInEndsOn)} without a call-in: the decision took effect on ${takesEffect}.` };
  } else if (stage.kind === 'executive') {
    const why = stage.urgency?.kind === 'special-urgency' ? 'it was taken under special urgency' : 'it is not the final decision of the plan, or it was reconsidered after a call-in';
    callIn = { open: false, text: `This decision is not subject to call-in: ${why}.` };
  }
  return {
    title: `Decision notice: ${stage.body}, ${longDate(d.meetingDate)}`,
    planTitle: snapshot.meta.plan.title,
    runHref: runHref(snapshot.meta.runId),
    rows: [
      row('Plan', snapshot.meta.plan.title),
      row('Decision maker', stage.body),
      row('Date of the decision', longDate(d.meetingDate)),
      row('Decision', decisionWords(d, snapshot.stages)),
      ...(considered ? [row('Call-in considered', `The decision of the ${snapshot.stages[considered.stageIndex].body} of ${longDate(considered.meetingDate)}`)] : []),
      row('Reasons (the resolution)', d.resolution || 'Not recorded'),
      row('Alternatives considered and rejected', d.alternatives || 'None recorded'),
      ...(isKeyDecisionStage(snapshot.meta.plan, stage) ? [row('Key decision', stage.urgency ? `Yes, taken under ${urgencyWords(stage.urgency)}${stage.urgency.reason ? `: ${stage.urgency.reason}` : ''}` : 'Yes, on the forward plan')] : []),
      row('Recorded', `${longDateTime(d.decidedAt)} by ${d.decidedBy.name}`),
    ],
    callIn,
  };
}
