/** `POST /api/runs/{runId}/withdraw` (clerk) `{"reason"}`: ends the run and records why. */
import { z } from 'zod';
import type { Actor } from '../edge/auth';
import { apiHandler } from '../edge/http';
import { now } from '../platform/clock';
import { conflict } from '../domain/errors';
import { logger } from '../platform/logger';
import type { RunView } from '../domain/runView';
import { putWithdrawal } from '../store/runStore';
import { sendRunEmails } from '../workflow/sendRunEmails';
import { settleRun } from '../workflow/settleRun';
import { runParams } from './params';
import { actorRef } from './runAccess';
import { completeAction, currentRun, stateNow } from './runActions';

export const withdrawSchema = z.object({ reason: z.string().trim().min(1).max(2000) });

/** Withdraws a run (the API and the run page's clerk form); the caller's role is checked first. */
export async function withdrawRun(params: { runId: string }, body: z.infer<typeof withdrawSchema>, actor: Actor): Promise<RunView> {
  const snapshot = await currentRun(params.runId);
  if (snapshot.meta.status !== 'running') throw conflict(`The run is already ${snapshot.meta.status}`);
  const before = stateNow(snapshot);
  const at = now().toISOString();
  if (!(await putWithdrawal(params.runId, { reason: body.reason, by: actorRef(actor), at }))) {
    throw conflict('The run finished meanwhile');
  }
  const { view } = await completeAction(params.runId, actor, `Withdrew the run: ${body.reason}`, before, { reason: body.reason });
  await sendClosingEmail(params.runId);
  return view;
}

/**
 * Tries the closing e-mail at once. The withdrawal is stored whatever SES says: the execution, woken by the
 * action, finds the run finished, sends that e-mail with the retries the API lacks (the `EMAIL#` guard keeps it
 * to one) and ends. It is not stopped: a stop could cut off its send while it holds the guard.
 */
async function sendClosingEmail(runId: string): Promise<void> {
  try {
    const settled = await settleRun(runId);
    if (settled) await sendRunEmails(runId, settled.plan.emails);
  } catch (err) {
    logger.error('the closing e-mail could not be sent now: the execution will send it', { runId, error: err as Error });
  }
}

export const handler = apiHandler(
  { name: 'WithdrawRun', roles: ['clerk'], params: runParams, body: withdrawSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await withdrawRun(params, body, actor) }),
);
