/**
 * Answering a sign-off: the answer's schema, who may give it and when (by the officer or a clerk for them, or
 * through the officer's e-mailed link), and the audit trail's sentence for it.
 */
import { z } from 'zod';
import { answerCapacity, assertCanAnswer, assertCanRead, NO_STAND_INS, type StandIns } from './access';
import type { Actor } from './actor';
import { conflict, notFound } from './errors';
import type { RunSnapshot, Signoff } from './runModel';

export const MAX_SIGNOFF_COMMENT = 5000;

export const signoffAnswerSchema = z.object({
  result: z.enum(['signed', 'changes-requested']),
  comment: z.string().trim().max(MAX_SIGNOFF_COMMENT).optional(),
});
export type SignoffAnswer = z.infer<typeof signoffAnswerSchema>;

/** The audit trail's sentence for an answer; `how` says by whom or through what (` on behalf of ...`). */
export function answerSentence(area: string, result: SignoffAnswer['result'], how = ''): string {
  return result === 'signed' ? `Signed off ${area}${how}` : `Asked for changes to the ${area} implications${how}`;
}

/**
 * The sign-off the caller may answer now, or why not: 403 for someone who may not see the run (before looking
 * for the sign-off, so they learn nothing of it), 404 unknown, 403 not theirs, 409 run ended or already answered.
 */
export function openSignoffFor(snapshot: RunSnapshot, signoffId: string, actor: Actor, standIns: StandIns = NO_STAND_INS): Signoff {
  assertCanRead(actor, snapshot, 'Only the named officer, their deputy while they are away, or a clerk on their behalf, can answer a sign-off of this run', standIns);
  const signoff = snapshot.signoffs.find((so) => so.id === signoffId);
  if (!signoff) throw notFound(`Run ${snapshot.meta.runId} has no sign-off ${signoffId}`);
  assertCanAnswer(actor, signoff, standIns);
  if (snapshot.meta.status !== 'running') throw conflict(`The run is ${snapshot.meta.status}: sign-offs can no longer be answered`);
  if (signoff.status !== 'requested') throw conflict(`The ${signoff.area} sign-off was already answered (${signoff.status})`);
  return signoff;
}

/**
 * How an answer is attributed: ` on behalf of <officer>` when a clerk gives it, and saying so when it is the
 * officer's deputy, standing in while they are away.
 */
export function onBehalfOf(actor: Actor, signoff: Signoff, standIns: StandIns = NO_STAND_INS): string {
  const as = answerCapacity(actor, signoff, standIns);
  if (as === 'officer') return '';
  if (as === 'deputy') return ` on behalf of ${signoff.officer.name}, as their deputy while they are away`;
  return ` on behalf of ${signoff.officer.name}`;
}

/** Why an e-mailed link can no longer answer its sign-off, or undefined when it can. */
export type LinkRefusal = 'ended' | 'revised' | 'answered';
export function linkRefusal(snapshot: RunSnapshot, signoff: Signoff, linkRound: number): LinkRefusal | undefined {
  if (snapshot.meta.status !== 'running') return 'ended';
  if (signoff.round !== linkRound) return 'revised';
  if (signoff.status !== 'requested') return 'answered';
  return undefined;
}
