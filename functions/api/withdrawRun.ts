/** `POST /api/runs/{runId}/withdraw` (clerk) `{"reason"}`: stops the run's execution and records why. */
import { z } from 'zod';
import type { Actor } from '../commons/auth';
import { apiHandler } from '../commons/http';
import { now } from '../commons/clock';
import { conflict } from '../commons/errors';
import type { RunView } from '../domain/runView';
import { putWithdrawal } from '../store/runStore';
import { sendRunEmails } from '../workflow/sendRunEmails';
import { settleRun } from '../workflow/settleRun';
import { stopRunExecution } from '../workflow/executions';
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
  await stopRunExecution(params.runId, body.reason);
  const { view } = await completeAction(params.runId, actor, `Withdrew the run: ${body.reason}`, before, { reason: body.reason });
  // The execution is stopped: the closing e-mail is sent from here.
  const settled = await settleRun(params.runId);
  if (settled) await sendRunEmails(params.runId, settled.plan.emails);
  return view;
}

export const handler = apiHandler(
  { name: 'WithdrawRun', roles: ['clerk'], params: runParams, body: withdrawSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: await withdrawRun(params, body, actor) }),
);
