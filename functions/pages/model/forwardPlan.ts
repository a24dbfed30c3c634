/** The public forward plan page (`/forward-plan`): one row per key decision not yet taken, in words. */
import { forwardPlanStatusText, urgencyText, type ForwardPlanEntry } from '../../domain/forwardPlan';
import { longDate } from './format';

export interface ForwardPlanRow {
  runId: string;
  title: string;
  decisionMaker: string;
  decisionDate: string;
  noticePublishedOn: string;
  status: { text: string; classes: string };
  urgency: string | null;
  reason: string | null;
  contact: string | null;
  exempt: boolean;
}

const statusClasses: Record<ForwardPlanEntry['status'], string> = {
  scheduled: 'govuk-tag--blue',
  deferred: 'govuk-tag--yellow',
  'decision-due': 'govuk-tag--purple',
  'to-be-rescheduled': 'govuk-tag--orange',
};

export function forwardPlanRows(entries: ForwardPlanEntry[]): ForwardPlanRow[] {
  return entries.map((e) => ({
    runId: e.runId,
    title: e.title,
    decisionMaker: e.decisionMaker,
    decisionDate: longDate(e.decisionDate),
    noticePublishedOn: longDate(e.noticePublishedOn),
    status: { text: forwardPlanStatusText[e.status], classes: statusClasses[e.status] },
    urgency: urgencyText(e.urgency),
    reason: e.urgency?.reason ?? null,
    contact: e.contact ? `${e.contact.name} (${e.contact.email})` : null,
    exempt: e.exempt,
  }));
}
