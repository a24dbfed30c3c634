/**
 * What the planner asks to be e-mailed: a reason (the idempotency key, one e-mail per reason ever), the
 * recipients and the facts the message needs. `emails/render.ts` turns an intent into subject, text and HTML.
 */
import type { LostMeetingWhy } from './meetings/followMeeting';
import type { IsoDate } from './calendar';
import type { Outcome, Person, RunStatus } from './runModel';

export interface StageFacts {
  id: string;
  body: string;
  meetingDate: IsoDate;
}

interface Base {
  planTitle: string;
  stage: StageFacts;
}

export type EmailMessage =
  | (Base & {
      kind: 'signoff-request';
      area: string;
      officer: Person;
      dueBy: IsoDate;
      /** >1 when a revised report is asked again. */
      round: number;
      link: SignoffLinkRequest;
    })
  | (Base & {
      kind: 'signoff-reminder';
      area: string;
      officer: Person;
      dueBy: IsoDate;
      /** 1: two working days before it is due; 2: on the day it is due. */
      reminder: 1 | 2;
      round: number;
      link: SignoffLinkRequest;
    })
  | (Base & { kind: 'signoff-escalation'; area: string; officer: Person; dueBy: IsoDate; round: number; neverBySilence: boolean })
  | (Base & {
      kind: 'signoff-changes-requested';
      area: string;
      officer: Person;
      comment: string | null;
      answeredOn: IsoDate;
      /** The request answered: >1 after a revised report. */
      round: number;
    })
  | (Base & { kind: 'report-cleared'; publishBy: IsoDate; late: boolean })
  | (Base & { kind: 'publication-missed'; publishBy: IsoDate; outstanding: Array<{ area: string; officer: Person; status: string }> })
  | (Base & { kind: 'decision-request'; decideFrom: IsoDate })
  /** To the clerk: a sign-off asked again cannot be given before the report must be published for its meeting. */
  | (Base & { kind: 'publication-out-of-reach'; area: string; officer: Person; dueBy: IsoDate; publishBy: IsoDate })
  | (Base & {
      kind: 'decision-notice';
      outcome: Outcome;
      resolution: string | null;
      decidedOn: IsoDate;
      deferTo: IsoDate | null;
      referBackTo: StageFacts | null;
      delegateTo: Person | null;
      delegateDueBy: IsoDate | null;
      nextStage: StageFacts | null;
      isLastStage: boolean;
      /** The decision notice's reference (`/runs/{runId}/decisions/{ref}`). */
      ref?: string;
      /** Alternatives considered and rejected, when recorded. */
      alternatives?: string | null;
      /** A final executive decision: the last day it can be called in (it takes effect the day after). */
      callInEndsOn?: IsoDate | null;
      /** A call-in's stage decided: the executive decision it considered (its body). */
      callInOf?: StageFacts | null;
      /** `referred-to-council`: the Full Council meeting. */
      referTo?: StageFacts | null;
    })
  /** To the scrutiny chair (cc the clerk): a key decision taken under the general exception or special urgency. */
  | (Base & {
      kind: 'key-decision-urgency';
      urgency: 'general-exception' | 'special-urgency';
      chairName: string | null;
      reason: string | null;
      informedOn: IsoDate | null;
      agreedBy: { name: string; role: string } | null;
      noticePublishedOn: IsoDate;
    })
  /** To the author and the clerk: an executive decision called in to overview and scrutiny. */
  | (Base & { kind: 'call-in-recorded'; by: string; reason: string; decidedOn: IsoDate; endsOn: IsoDate; scrutiny: StageFacts })
  | (Base & { kind: 'schedule-request'; since: IsoDate })
  | (Base & { kind: 'key-decision-notice'; noticeBy: IsoDate; noticePublishedOn?: IsoDate })
  | (Base & {
      kind: 'run-finished';
      status: Exclude<RunStatus, 'running'>;
      finishedOn: IsoDate;
      reason: string | null;
      /** A final executive decision that took effect: its call-in period's end, and whether it was called in. */
      callIn?: { endsOn: IsoDate; calledIn: boolean; body: string } | null;
    })
  /** A calendar meeting moved and the run's stage followed it: the new dates, to everyone they concern. */
  | (Base & {
      kind: 'meeting-moved';
      from: IsoDate;
      publishBy: IsoDate;
      /** The sign-offs whose due date changed, with the date they had. */
      signoffs: Array<{ area: string; officer: Person; dueBy: IsoDate; was: IsoDate }>;
    })
  /** To the clerk: the stage's meeting was cancelled or moved out of the run's order; the body's next one that fits. */
  | (Base & {
      kind: 'meeting-needed';
      why: LostMeetingWhy;
      /** Where the meeting went, when it moved out of order. */
      movedTo: IsoDate | null;
      proposal: { meetingId: string; date: IsoDate; publishBy: IsoDate } | null;
    })
  /** To the clerk: the run's workflow fails and keeps trying again; timed work waits (no stage: the run may not read). */
  | { kind: 'workflow-stopped'; planTitle: string; since: IsoDate; error: string; retryHours: number };

/** What a sign-off link must carry; the sender signs it (the key is not the planner's business). */
export interface SignoffLinkRequest {
  runId: string;
  signoffId: string;
  round: number;
  /** Epoch seconds after which the link is refused. */
  expiresAt: number;
}

export interface EmailIntent {
  /** Idempotency key, unique within the run: `EMAIL#<reason>` is written before the e-mail is sent. */
  reason: string;
  to: string[];
  cc: string[];
  message: EmailMessage;
  /** A deputy's copy (domain/deputyEmails.ts): whom the deputy stands in for, away until when (null: until further notice). */
  deputyFor?: DeputyFor;
}

export interface DeputyFor {
  name: string;
  email: string;
  awayUntil: IsoDate | null;
  deputyName: string;
}
