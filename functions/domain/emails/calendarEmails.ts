/**
 * The words of the calendar's e-mails: a meeting a run's stage sits at has moved (the new dates, to the author,
 * the clerk and the officers whose due date changed), or it can no longer hold the stage (to the clerk, with the
 * body's next meeting that fits).
 */
import type { EmailMessage } from '../emailIntents';
import type { ComposeContext, ComposedEmail } from './compose';
import { longDate } from './dates';

type Moved = Extract<EmailMessage, { kind: 'meeting-moved' }>;
type Needed = Extract<EmailMessage, { kind: 'meeting-needed' }>;

export function meetingMoved(m: Moved, ctx: ComposeContext): ComposedEmail {
  const dues = m.signoffs.map(
    (s) => `The ${s.area} sign-off (${s.officer.name}) is now due by ${longDate(s.dueBy)} (it was ${longDate(s.was)}).`,
  );
  return {
    subject: `Meeting moved: ${m.stage.body} now ${longDate(m.stage.meetingDate)} – ${m.planTitle}`,
    paragraphs: [
      `The ${m.stage.body} meeting that takes the report on ${m.planTitle} has moved from ${longDate(m.from)} to ${longDate(m.stage.meetingDate)}.`,
      `The report must now be published by ${longDate(m.publishBy)}.`,
      ...dues,
    ],
    facts: [
      ['Plan', m.planTitle],
      ['Stage', m.stage.body],
      ['Meeting', longDate(m.stage.meetingDate)],
      ['Was', longDate(m.from)],
      ['Publish by', longDate(m.publishBy)],
    ],
    action: ctx.runUrl ? { label: 'Open the run', url: ctx.runUrl } : undefined,
    closing: [],
  };
}

/** The subject's words for why a stage needs a new meeting. */
const NEEDED_WHY: Record<Needed['why'], string> = {
  cancelled: 'cancelled',
  'out-of-order': 'moved out of order',
  'key-decision-notice': "moved too soon for the key decision's notice",
};

export function meetingNeeded(m: Needed, ctx: ComposeContext): ComposedEmail {
  const what = {
    cancelled: `The ${m.stage.body} meeting of ${longDate(m.stage.meetingDate)} that was to take the report on ${m.planTitle} has been cancelled.`,
    'out-of-order': `The ${m.stage.body} meeting that was to take the report on ${m.planTitle} on ${longDate(m.stage.meetingDate)} has moved to ${longDate(m.movedTo ?? m.stage.meetingDate)}, which puts the run's meetings out of order.`,
    'key-decision-notice': `The ${m.stage.body} meeting that was to take the key decision on ${m.planTitle} on ${longDate(m.stage.meetingDate)} has moved to ${longDate(m.movedTo ?? m.stage.meetingDate)}, fewer than 28 clear days after its notice went on the forward plan. Choose a later meeting, or put the stage at this one again with the general exception (the scrutiny chair informed) or special urgency recorded.`,
  }[m.why];
  const proposal = m.proposal
    ? `The ${m.stage.body}'s next meeting that fits is on ${longDate(m.proposal.date)} (publish by ${longDate(m.proposal.publishBy)}; meeting ${m.proposal.meetingId}). Choose it, or another, for the stage.`
    : `The calendar has no later ${m.stage.body} meeting that fits the run: add one, or give the stage a date.`;
  return {
    subject: `A new meeting is needed: ${m.stage.body} (${NEEDED_WHY[m.why]}) – ${m.planTitle}`,
    paragraphs: [what, 'Nothing will be published for this stage until it has a meeting again.', proposal],
    facts: [
      ['Plan', m.planTitle],
      ['Stage', m.stage.body],
      ['Meeting', longDate(m.stage.meetingDate)],
      ...(m.proposal ? ([['Next meeting that fits', longDate(m.proposal.date)]] as Array<[string, string]>) : []),
    ],
    action: ctx.runUrl ? { label: 'Open the run', url: ctx.runUrl } : undefined,
    closing: [],
  };
}
