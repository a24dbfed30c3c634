/**
 * The clerk's forms on a run's page: `POST /runs/{runId}/decision`, `/reschedule`, `/withdraw`. Each calls the
 * same action as the API (functions/api), then goes back to the run's page; a refused form is shown again with
 * its values and GOV.UK error messages (400: each bad field; 409: why it cannot be done now).
 */
import type { z } from 'zod';
import type { Actor } from '../commons/auth';
import { ApiError, badRequest } from '../commons/errors';
import { fieldsOf } from '../commons/http';
import { decisionInputSchema } from '../domain/decisionRules';
import { recordDecision } from '../api/recordDecision';
import { rescheduleSchema, rescheduleStage } from '../api/rescheduleStage';
import { withdrawRun, withdrawSchema } from '../api/withdrawRun';
import { decisionBody, readRunForm, rescheduleBody, runFormErrors, withdrawBody, type RunFormName, type RunFormValues } from './model/runForms';
import { pageHandler, type PageResult } from './pageHandler';
import { readableRun, runPage } from './runPage';

type Action = { schema: z.ZodType; body: (v: RunFormValues) => unknown; run: (runId: string, v: RunFormValues, body: never, actor: Actor) => Promise<unknown> };

const actions: Record<RunFormName, Action> = {
  decision: {
    schema: decisionInputSchema,
    body: decisionBody,
    run: (runId, v, body: z.infer<typeof decisionInputSchema>, actor) => recordDecision({ runId, stageId: v.stageId }, body, actor),
  },
  reschedule: {
    schema: rescheduleSchema,
    body: rescheduleBody,
    run: (runId, v, body: z.infer<typeof rescheduleSchema>, actor) => {
      if (!v.stageId) throw badRequest('Invalid input: stageId', { stageId: 'Required' });
      return rescheduleStage({ runId, stageId: v.stageId }, body, actor);
    },
  },
  withdraw: {
    schema: withdrawSchema,
    body: withdrawBody,
    run: (runId, _v, body: z.infer<typeof withdrawSchema>, actor) => withdrawRun({ runId }, body, actor),
  },
};

/** `POST /runs/{runId}/<form>` -> the form's name. */
function formOf(path: string): RunFormName | undefined {
  const last = path.split('/').pop();
  return last === 'decision' || last === 'reschedule' || last === 'withdraw' ? last : undefined;
}

export const handler = pageHandler({ name: 'RunActionPages', roles: ['clerk'], nav: 'dashboard' }, async ({ event, params, actor, form }): Promise<PageResult> => {
  const name = formOf(event.rawPath);
  const snapshot = await readableRun(params.runId, actor);
  if (!name) throw new ApiError('not-found', 'There is no such form');
  const action = actions[name];
  const values = readRunForm(form);
  const refused = async (err: ApiError): Promise<PageResult> => {
    const fresh = await readableRun(params.runId, actor);
    const errors = err.fields
      ? runFormErrors(name, err.fields, values, fresh)
      : [{ id: name, href: `#${name}`, text: err.message }];
    return runPage(fresh, actor, { state: { form: name, values, errors }, status: err.status });
  };
  const parsed = action.schema.safeParse(action.body(values));
  if (!parsed.success) return refused(badRequest('Invalid input', fieldsOf(parsed.error)));
  try {
    await action.run(snapshot.meta.runId, values, parsed.data as never, actor);
  } catch (err) {
    // 404 (no such stage) and 403 go to the error page; what the clerk can put right is shown on the form.
    if (err instanceof ApiError && (err.status === 400 || err.status === 409)) return refused(err);
    throw err;
  }
  return { redirect: `/runs/${encodeURIComponent(snapshot.meta.runId)}?updated=${name}` };
});
