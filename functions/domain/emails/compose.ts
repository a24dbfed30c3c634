/**
 * The words of each e-mail, as data: a subject, opening paragraphs, the facts every e-mail names (plan, stage,
 * meeting, the date asked for) and an optional action link. `render.ts` lays them out as text and HTML.
 */
import type { DeputyFor, EmailMessage } from '../emailIntents';
import { longDate } from './dates';
import { meetingMoved, meetingNeeded } from './calendarEmails';
import { outcomeWords } from '../decisionWords';
import { addCalendarDays } from '../calendar';

export interface ComposedEmail {
  subject: string;
  paragraphs: string[];
  facts: Array<[label: string, value: string]>;
  action?: { label: string; url: string };
  closing: string[];
}

export interface ComposeContext {
  /** The signed sign-off link, for requests and reminders. */
  signoffUrl?: string;
  /** The run's page in the dashboard. */
  runUrl?: string;
  /** A deputy's copy: whom for (the deputy answers by signing in, at `answerUrl`, never through the officer's link). */
  deputyFor?: DeputyFor;
  /** The sign-off's page in the dashboard, for a deputy's copy of a request or reminder. */
  answerUrl?: string;
}


/** Names the request a sign-off e-mail is about once a revised report has asked it again, so no two read alike. */
function revisedRequest(round: number): string {
  return round > 1 ? ` (revised report, request ${round})` : '';
}

export function composeEmail(m: EmailMessage, ctx: ComposeContext = {}): ComposedEmail {
  if (m.kind === 'workflow-stopped') return workflowStopped(m, ctx);
  if (m.kind === 'meeting-moved') return meetingMoved(m, ctx);
  if (m.kind === 'meeting-needed') return meetingNeeded(m, ctx);
  const composed = composeRunEmail(m, ctx);
  return ctx.deputyFor ? asDeputyCopy(composed, m, ctx.deputyFor, ctx) : composed;
}

/**
 * The copy an acting deputy gets: addressed to them, saying whose e-mail it is and that they may answer for them
 * (requests and reminders) by signing in; the officer's own link is never in it.
 */
function asDeputyCopy(composed: ComposedEmail, m: Exclude<EmailMessage, { kind: 'workflow-stopped' | 'meeting-moved' | 'meeting-needed' }>, d: DeputyFor, ctx: ComposeContext): ComposedEmail {
  const until = d.awayUntil ? ` until ${longDate(d.awayUntil)}` : '';
  const answerable = m.kind === 'signoff-request' || m.kind === 'signoff-reminder';
  const why = answerable
    ? `${d.name} is away${until}, and you are their deputy: this ${m.kind === 'signoff-request' ? 'request' : 'reminder'} to them comes to you too. You may answer it on their behalf: sign in to Ratify and open the sign-off. The run's audit trail will record that you answered for ${d.name}.`
    : `${d.name} is away${until}, and you are their deputy: this e-mail to them comes to you too.`;
  return {
    subject: `For ${d.name} (away): ${composed.subject}`,
    paragraphs: [`Dear ${d.deputyName},`, why, ...composed.paragraphs.slice(answerable ? 1 : 0)],
    facts: [...composed.facts, ['Deputy for', `${d.name} <${d.email}>`]],
    action: answerable ? (ctx.answerUrl ? { label: 'Sign in and answer', url: ctx.answerUrl } : composed.action) : composed.action,
    closing: answerable ? [] : composed.closing,
  };
}

function composeRunEmail(m: Exclude<EmailMessage, { kind: 'workflow-stopped' | 'meeting-moved' | 'meeting-needed' }>, ctx: ComposeContext): ComposedEmail {
  const meeting = `${m.stage.body}, ${longDate(m.stage.meetingDate)}`;
  const facts = (dateLabel: string, date: string, ...more: Array<[string, string]>): Array<[string, string]> => [
    ['Plan', m.planTitle],
    ['Stage', m.stage.body],
    ['Meeting', longDate(m.stage.meetingDate)],
    ...more,
    [dateLabel, longDate(date)],
  ];
  const runAction = ctx.runUrl ? { label: 'Open the run', url: ctx.runUrl } : undefined;

  switch (m.kind) {
    case 'signoff-request': {
      const again = m.round > 1;
      return {
        subject: `${again ? 'Sign-off requested again (revised report)' : 'Sign-off requested'}: ${m.area} – ${m.planTitle} (${meeting})`,
        paragraphs: [
          `Dear ${m.officer.name},`,
          again
            ? `The report on ${m.planTitle} has been revised. Please sign off its ${m.area} implications again before it goes to the ${m.stage.body}.`
            : `Please sign off the ${m.area} implications of the report on ${m.planTitle} before it goes to the ${m.stage.body}.`,
          `Your sign-off is needed by ${longDate(m.dueBy)} so that the report can be published in time for the meeting.`,
        ],
        facts: facts('Sign off by', m.dueBy, ['Area', m.area]),
        action: ctx.signoffUrl ? { label: 'Review and sign off', url: ctx.signoffUrl } : runAction,
        closing: ['The link works once and only for you. It shows the request; nothing is signed until you press a button on that page.'],
      };
    }
    case 'signoff-reminder': {
      const which = m.reminder === 1 ? `Reminder 1 of 2: sign-off due ${longDate(m.dueBy)}` : 'Reminder 2 of 2: sign-off due today';
      const revised = m.round > 1 ? ' (revised report)' : '';
      return {
        subject: `${which}${revised}: ${m.area} – ${m.planTitle}`,
        paragraphs: [
          `Dear ${m.officer.name},`,
          m.reminder === 1
            ? `This is the first reminder: the ${m.area} sign-off of the report on ${m.planTitle}${revised} is due in two working days, on ${longDate(m.dueBy)}.`
            : `This is the second and last reminder: the ${m.area} sign-off of the report on ${m.planTitle}${revised} is due today, ${longDate(m.dueBy)}.`,
          `If it is not given by then, the report's author and the clerk will be told.`,
        ],
        facts: facts('Sign off by', m.dueBy, ['Area', m.area]),
        action: ctx.signoffUrl ? { label: 'Review and sign off', url: ctx.signoffUrl } : runAction,
        closing: [],
      };
    }
    case 'signoff-escalation':
      return {
        subject: `Overdue sign-off: ${m.area} (${m.officer.name}) – ${m.planTitle}`,
        paragraphs: [
          `The ${m.area} sign-off asked of ${m.officer.name} (${m.officer.email}) for the report on ${m.planTitle}${revisedRequest(m.round)} was due by ${longDate(m.dueBy)} and has not been given.`,
          m.neverBySilence
            ? `${m.area} sign-off is never taken as given by silence: the report cannot be cleared for publication without it.`
            : `The report cannot be cleared for publication until it is given.`,
          `Please follow it up so that the report reaches the ${m.stage.body} in time.`,
        ],
        facts: facts('Was due by', m.dueBy, ['Area', m.area], ['Officer', `${m.officer.name} <${m.officer.email}>`]),
        action: runAction,
        closing: [],
      };
    case 'signoff-changes-requested':
      return {
        subject: `Changes requested: ${m.area} – ${m.planTitle} (${meeting})`,
        paragraphs: [
          `${m.officer.name} has asked for changes to the ${m.area} implications of the report on ${m.planTitle}${revisedRequest(m.round)} before signing off.`,
          m.comment ? `Their comment: “${m.comment}”` : 'They left no comment.',
          'Post a revised report when it is ready: the sign-offs it affects will be asked again.',
        ],
        facts: facts('Answered on', m.answeredOn, ['Area', m.area], ['Officer', m.officer.name]),
        action: runAction,
        closing: [],
      };
    case 'report-cleared':
      return {
        subject: `Report cleared for publication: ${m.planTitle} – ${meeting}`,
        paragraphs: [
          m.late
            ? `Every sign-off is now in: the report on ${m.planTitle} for the ${m.stage.body} is cleared for publication, after its deadline of ${longDate(m.publishBy)}. Publish it at once.`
            : `Every sign-off is in: the report on ${m.planTitle} for the ${m.stage.body} is cleared for publication. Publish it with the agenda by ${longDate(m.publishBy)}.`,
        ],
        facts: facts('Publish by', m.publishBy),
        action: runAction,
        closing: [],
      };
    case 'publication-missed':
      return {
        subject: `Publication deadline missed: ${m.planTitle} – ${meeting}`,
        paragraphs: [
          `The report on ${m.planTitle} had to be published by ${longDate(m.publishBy)} to leave the required clear days before the ${m.stage.body}, and it has not been cleared.`,
          m.outstanding.length
            ? `Sign-offs still outstanding: ${m.outstanding.map((o) => `${o.area} (${o.officer.name}, ${o.status === 'changes-requested' ? 'changes requested' : 'not yet given'})`).join('; ')}.`
            : 'No sign-off is outstanding any more.',
          'Consider deferring the item or taking it as late business with the chair’s agreement.',
        ],
        facts: facts('Publish by (missed)', m.publishBy),
        action: runAction,
        closing: [],
      };
    case 'publication-out-of-reach':
      return {
        subject: `Move the meeting or take a late item: ${m.planTitle} – ${meeting}`,
        paragraphs: [
          `The ${m.area} sign-off of ${m.officer.name} was asked again after a revised report. It is due by ${longDate(m.dueBy)}, after the report had to be published for the ${m.stage.body} (by ${longDate(m.publishBy)}).`,
          'Move the item to a later meeting, or take it as a late item with the chair’s agreement and record it on the run.',
        ],
        facts: facts('Publish by', m.publishBy),
        action: runAction,
        closing: [],
      };
    case 'decision-request':
      return {
        subject: `Record the decision: ${meeting} – ${m.planTitle}`,
        paragraphs: [
          `The ${m.stage.body} was due to consider ${m.planTitle} on ${longDate(m.stage.meetingDate)}, and no decision has been recorded yet.`,
          'Please record what the meeting decided (approved, approved with amendments, noted, deferred, referred back, rejected or delegated).',
        ],
        facts: facts('Record the decision taken on', m.decideFrom),
        action: runAction,
        closing: [],
      };
    case 'decision-notice': {
      const next: string[] = [];
      const callIn = m.callInEndsOn ?? null;
      if (m.outcome === 'deferred' && m.deferTo) next.push(`The ${m.stage.body} will consider it again on ${longDate(m.deferTo)}.`);
      if (m.callInOf) {
        // A call-in's meeting decided what becomes of the executive decision.
        if (m.outcome === 'noted') next.push(`No further action is taken: the decision of the ${m.callInOf.body} of ${longDate(m.callInOf.meetingDate)} takes effect.`);
        if (m.outcome === 'referred-back') next.push(`The decision is referred back to the ${m.callInOf.body}, which reconsiders it at a new meeting. It does not take effect meanwhile.`);
      } else if (m.outcome === 'referred-back' && m.referBackTo) {
        next.push(`It is referred back to the ${m.referBackTo.body}. Please post a revised report: the sign-offs it affects will be asked again.`);
      }
      if (m.outcome === 'referred-to-council' && m.referTo) {
        next.push(`The decision${m.callInOf ? ` of the ${m.callInOf.body}` : ''} is referred to the ${m.referTo.body} on ${longDate(m.referTo.meetingDate)}. It does not take effect meanwhile.`);
      }
      if (m.outcome === 'delegated' && m.delegateTo) {
        next.push(`Finalisation is delegated to ${m.delegateTo.name}${m.delegateDueBy ? `, who is asked to sign off by ${longDate(m.delegateDueBy)}` : ''}.`);
      }
      if (!m.callInOf && (m.outcome === 'approved' || m.outcome === 'approved-with-amendments' || m.outcome === 'noted') && m.nextStage) {
        next.push(`It goes on to the ${m.nextStage.body} on ${longDate(m.nextStage.meetingDate)}.`);
      }
      if (m.outcome === 'approved-with-amendments') next.push('Please make the amendments in the report before it goes on.');
      if (callIn) {
        next.push(
          `This executive decision can be called in to overview and scrutiny until the end of ${longDate(callIn)}. It cannot be implemented before then; if it is not called in, it takes effect on ${longDate(addCalendarDays(callIn, 1))}${m.outcome === 'rejected' ? '' : m.outcome === 'noted' ? ' (the plan is noted)' : ' (the plan is adopted)'}.`,
        );
      } else if (!m.callInOf) {
        if (m.outcome === 'rejected') next.push('The run ends here.');
        if ((m.outcome === 'approved' || m.outcome === 'approved-with-amendments') && m.isLastStage) next.push('The plan is adopted.');
        if (m.outcome === 'noted' && m.isLastStage) next.push('The plan is noted and the run ends here.');
      }
      const noticeUrl = ctx.runUrl && m.ref ? `${ctx.runUrl}/decisions/${encodeURIComponent(m.ref)}` : undefined;
      return {
        subject: `Decision: ${m.stage.body} ${outcomeWords[m.outcome]} – ${m.planTitle}`,
        paragraphs: [
          `On ${longDate(m.stage.meetingDate)} the ${m.stage.body} ${outcomeWords[m.outcome]} the report on ${m.planTitle}.`,
          ...(m.resolution ? [`Resolution: “${m.resolution}”`] : []),
          ...(m.alternatives ? [`Alternatives considered and rejected: ${m.alternatives}`] : []),
          ...next,
        ],
        facts: facts('Decided on', m.decidedOn, ['Decision', outcomeWords[m.outcome]], ...(callIn ? [['Call-in period ends', longDate(callIn)] as [string, string]] : [])),
        action: noticeUrl ? { label: 'Open the decision notice', url: noticeUrl } : runAction,
        closing: [],
      };
    }
    case 'key-decision-urgency': {
      const general = m.urgency === 'general-exception';
      return {
        subject: `${general ? 'General exception' : 'Special urgency'}: key decision without 28 days' notice – ${m.planTitle} (${meeting})`,
        paragraphs: [
          ...(m.chairName ? [`Dear ${m.chairName},`] : ['No chair of overview and scrutiny is named for this body on the calendar: please tell them yourself.']),
          general
            ? `${m.planTitle} is a key decision of the ${m.stage.body} on ${longDate(m.stage.meetingDate)}. Its notice could not be on the forward plan for 28 clear days, so it is taken under the general exception (regulation 10 of the 2012 Executive Arrangements Regulations): you were informed on ${longDate(m.informedOn!)}, and the notice was published on ${longDate(m.noticePublishedOn)}.`
            : `${m.planTitle} is a key decision of the ${m.stage.body} on ${longDate(m.stage.meetingDate)}, taken under special urgency (regulation 11 of the 2012 Executive Arrangements Regulations): ${m.agreedBy!.name} (${m.agreedBy!.role}) agreed that it is urgent and cannot reasonably be deferred. It cannot be called in.`,
          ...(m.reason ? [`Why: ${m.reason}`] : []),
        ],
        facts: facts(general ? 'Notice published on' : 'Forward plan entry published on', m.noticePublishedOn, ['Urgency', general ? 'General exception' : 'Special urgency']),
        action: runAction,
        closing: [],
      };
    }
    case 'call-in-recorded':
      return {
        subject: `Called in: ${m.stage.body}'s decision – ${m.planTitle}`,
        paragraphs: [
          `The decision of the ${m.stage.body} of ${longDate(m.decidedOn)} on ${m.planTitle} has been called in by ${m.by}, within its call-in period (to ${longDate(m.endsOn)}).`,
          `Why: ${m.reason}`,
          `The ${m.scrutiny.body} considers it on ${longDate(m.scrutiny.meetingDate)}. The decision cannot be implemented meanwhile.`,
        ],
        facts: facts('Considered on', m.scrutiny.meetingDate, ['Called in by', m.by]),
        action: runAction,
        closing: [],
      };
    case 'schedule-request':
      return {
        subject: `New meeting date needed: ${m.stage.body} – ${m.planTitle}`,
        paragraphs: [
          `The report on ${m.planTitle} returns to the ${m.stage.body}, whose recorded meeting (${longDate(m.stage.meetingDate)}) has already taken place.`,
          'Please set the date of the meeting that will consider the revised report.',
        ],
        facts: facts('Needs a new date since', m.since),
        action: runAction,
        closing: [],
      };
    case 'key-decision-notice':
      return {
        subject: `Key decision notice due by ${longDate(m.noticeBy)}: ${m.planTitle} (${meeting})`,
        paragraphs: [
          `${m.planTitle} is a key decision. Its notice must be published at least 28 clear days before the ${m.stage.body} meets on ${longDate(m.stage.meetingDate)}.`,
          m.noticePublishedOn
            ? `Ratify's forward plan has listed it since ${longDate(m.noticePublishedOn)}. If the council also publishes its forward plan elsewhere (its website, a document), make sure the notice is there by ${longDate(m.noticeBy)}.`
            : `Publish the notice on the forward plan by ${longDate(m.noticeBy)}.`,
        ],
        facts: facts('Publish the notice by', m.noticeBy),
        action: runAction,
        closing: [],
      };
    case 'run-finished': {
      const how = {
        adopted: `${m.planTitle} has been adopted.`,
        noted: `${m.planTitle} has been noted: the run is complete.`,
        rejected: `${m.planTitle} has been rejected: the run ends.`,
        withdrawn: `${m.planTitle} has been withdrawn${m.reason ? `: ${m.reason}` : ''}.`,
      }[m.status];
      const callIn = m.callIn
        ? m.callIn.calledIn
          ? `The decision of the ${m.callIn.body} was called in, and takes effect after overview and scrutiny's consideration.`
          : `The call-in period of the decision of the ${m.callIn.body} ended on ${longDate(m.callIn.endsOn)} without a call-in: the decision took effect on ${longDate(addCalendarDays(m.callIn.endsOn, 1))}.`
        : null;
      return {
        subject: `Run finished (${m.status}): ${m.planTitle}`,
        paragraphs: [how, ...(callIn ? [callIn] : []), `Its last stage was the ${m.stage.body}.`],
        facts: facts('Finished on', m.finishedOn, ['Outcome', m.status]),
        action: runAction,
        closing: [],
      };
    }
  }
}

function workflowStopped(m: Extract<EmailMessage, { kind: 'workflow-stopped' }>, ctx: ComposeContext): ComposedEmail {
  return {
    subject: `Ratify has stopped following ${m.planTitle}`,
    paragraphs: [
      `Ratify could not bring the run of ${m.planTitle} up to date (${m.error}). Until it can, it sends no reminders, escalations or other timed e-mails for this plan and does not clear the report for publication.`,
      `It tries again every ${m.retryHours} hours, and at once when anyone acts on the run. The problem has been logged for the people who run Ratify; meanwhile, keep an eye on the run's deadlines yourself.`,
    ],
    facts: [
      ['Plan', m.planTitle],
      ['Stopped on', longDate(m.since)],
    ],
    action: ctx.runUrl ? { label: 'Open the run', url: ctx.runUrl } : undefined,
    closing: [],
  };
}
