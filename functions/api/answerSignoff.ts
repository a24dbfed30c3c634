/** `POST /api/runs/{runId}/signoffs/{signoffId}` (the named officer, or a clerk on their behalf). */
import { z } from 'zod';
import type { Actor } from '../edge/auth';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { conflict, notFound } from '../domain/errors';
import type { RunView } from '../domain/runView';
import { putSignoffAnswer } from '../store/runStore';
import { signoffParams } from './params';
import { assertCanAnswer, assertCanRead, actorRef } from './runAccess';
import { completeAction, currentRun, stateNow } from './runActions';

export const signoffAnswerSchema = z.object({
  result: z.enum(['signed', 'changes-requested']),
  comment: z.string().trim().max(5000).optional(),
});

/** The audit trail's sentence for an answer; `how` says by whom or through what (` on behalf of ...`). */
export function answerSentence(area: string, result: z.infer<typeof signoffAnswerSchema>['result'], how = ''): string {
  return result === 'signed' ? `Signed off ${area}${how}` : `Asked for changes to the ${area} implications${how}`;
}

/** Answers a sign-off as its officer or a clerk on their behalf (the API and the sign-off page). */
export async function answerSignoff(
  params: { runId: string; signoffId: string },
  body: z.infer<typeof signoffAnswerSchema>,
  actor: Actor,
): Promise<RunView> {
  const snapshot = await currentRun(params.runId);
  // Someone who may not see the run learns nothing of its sign-offs: 403 before looking for this one.
  assertCanRead(actor, snapshot, 'Only the named officer, or a clerk on their behalf, can answer a sign-off of this run');
  const signoff = snapshot.signoffs.find((so) => so.id === params.signoffId);
  if (!signoff) throw notFound(`Run ${params.runId} has no sign-off ${params.signoffId}`);
  assertCanAnswer(actor, signoff);
  if (snapshot.meta.status !== 'running') throw conflict(`The run is ${snapshot.meta.status}: sign-offs can no longer be answered`);
  if (signoff.status !== 'requested') throw conflict(`The ${signoff.area} sign-off was already answered (${signoff.status})`);
  const before = stateNow(snapshot);
  const answered = await putSignoffAnswer(params.runId, signoff.id, signoff.round, {
    status: body.result,
    comment: body.comment || null,
    by: actorRef(actor),
    at: now().toISOString(),
  });
  if (!answered) throw conflict(`The ${signoff.area} sign-off was already answered`);
  const onBehalf = actor.email.toLowerCase() !== signoff.officer.email ? ` on behalf of ${signoff.officer.name}` : '';
  const what = answerSentence(signoff.area, body.result, onBehalf);
  const { view } = await completeAction(params.runId, actor, what, before, { signoffId: signoff.id, comment: body.comment ?? null });
  return view;
}

export const handler = apiHandler(
  { name: 'AnswerSignoff', params: signoffParams, body: signoffAnswerSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await answerSignoff(params, body, actor) }),
);
