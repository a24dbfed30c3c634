/**
 * Withdrawing a run (`POST .../withdraw` and the run page's form). The closing e-mail is tried at once; the
 * withdrawal stands whatever SES says: the execution, woken by the action, finds the run finished, sends that
 * e-mail with the retries the API lacks (the `EMAIL#` guard keeps it to one) and ends. It is not stopped: a stop
 * could cut off its send while it holds the guard.
 */
import { actorRef } from '../domain/access';
import type { EmailIntent } from '../domain/emailIntents';
import type { Actor } from '../domain/actor';
import { conflict } from '../domain/errors';
import { checkWithdrawal, type WithdrawInput } from '../domain/withdrawal';
import { logger } from '../platform/logger';
import { putWithdrawal } from '../store/runStore';
import { runAction, type ActionResult } from './runAction';
import { sendRunEmails } from './sendRunEmails';

export function withdrawRun(params: { runId: string }, body: WithdrawInput, actor: Actor): Promise<ActionResult> {
  return runAction(
    params.runId,
    actor,
    async (snapshot, at) => {
      checkWithdrawal(snapshot);
      if (!(await putWithdrawal(params.runId, { reason: body.reason, by: actorRef(actor), at: at.toISOString() }))) {
        throw conflict('The run finished meanwhile');
      }
      return { what: `Withdrew the run: ${body.reason}`, details: { reason: body.reason } };
    },
    // Tried before the execution wakes: were both to try at once, the one finding the other's guard would skip it.
    { beforeWake: ({ plan }) => sendClosingEmail(params.runId, plan.emails) },
  );
}

async function sendClosingEmail(runId: string, emails: EmailIntent[]): Promise<void> {
  try {
    await sendRunEmails(runId, emails);
  } catch (err) {
    logger.error('the closing e-mail could not be sent now: the execution will send it', { runId, error: err as Error });
  }
}
