/**
 * State changes the planner asks for. Each is one conditional single-item write (the local DynamoDB has no
 * transactions), safe to apply twice: a change whose condition fails was already made by someone else.
 * `what` is the audit trail's sentence for it.
 */
import type { IsoDate } from './calendar';
import type { Cursor, Revision, RunStatus, Signoff, SignoffStatus, Stage } from './runModel';

export type Change =
  | { kind: 'setSignoffDue'; signoffId: string; round: number; status: SignoffStatus; dueBy: IsoDate; what: string }
  | { kind: 'askSignoffAgain'; signoffId: string; officerEmail: string; fromRound: number; revision: number; dueFor: string; dueBy: IsoDate; at: string; what: string }
  | { kind: 'addSignoff'; signoff: Signoff; what: string }
  | { kind: 'addRevision'; revision: Revision; what: string }
  | { kind: 'markRevisionsApplied'; from: number; to: number; clearAwaiting: boolean; what: string }
  /** A stage the run adds at its end (a call-in's scrutiny meeting, Full Council on its referral): put once. */
  | { kind: 'addStage'; stage: Stage; what: string }
  | { kind: 'rescheduleStage'; stageIndex: number; stageId: string; meetingDate: IsoDate; publishBy: IsoDate; what: string }
  | { kind: 'moveCursor'; from: Cursor; to: Cursor; awaitingRevision: boolean; what: string }
  | { kind: 'finish'; round: number; status: Exclude<RunStatus, 'running' | 'withdrawn'>; at: string; what: string };
