/**
 * The clerk's forms on a run's page: `POST /runs/{runId}/decision`, `/reschedule`, `/withdraw`, `/publication`,
 * `/late-item`, `/call-in`. Each calls the
 * same action as the API (functions/api), then goes back to the run's page; a refused form is shown again with
 * its values and GOV.UK error messages (400: each bad field; 409: why it cannot be done now).
 */
import type { z } from 'zod';
import type { Actor } from '../edge/auth';
import { DomainError, invalid, notFound } from '../domain/errors';
import { statusOfError } from '../edge/errors';
import { fieldsOf } from '../edge/http';
import { decisionInputSchema } from '../domain/decisionRules';
import type { RunSnapshot } from '../domain/runModel';
import { recordDecision } from '../actions/recordDecision';
import { rescheduleStage } from '../actions/rescheduleStage';
import { rescheduleSchema } from '../domain/meetingDates';
import { withdrawRun } from '../actions/withdrawRun';
import { withdrawSchema } from '../domain/withdrawal';
import { readRun } from '../actions/readRuns';
import { recordCallIn } from '../actions/callIn';
import { callInInputSchema } from '../domain/executiveDecisions';
import { callInBody, decisionBody, lateItemBody, publicationBody, readRunForm, rescheduleBody, runFormErrors, withdrawBody, type RunFormName, type RunFormValues } from './model/runForms';
import { recordLateItem, recordPublication } from '../actions/recordPublication';
import { lateItemInputSchema, publicationInputSchema } from '../domain/publication';
import { pageHandler, type PageRequest, type PageResult } from './pageHandler';
import { runHref } from './model/links';
import { runPage } from './runPage';

/** The body checked with the API's own schema, or the 400 naming each bad field. */
export function checked<S extends z.ZodType>(schema: S, body: unknown): z.infer<S> {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw invalid('Invalid input', fieldsOf(parsed.error));
  return parsed.data;
}

type ClerkForm = Exclude<RunFormName, 'revision'>;
type FormAction = (runId: string, v: RunFormValues, actor: Actor, snapshot: RunSnapshot) => Promise<unknown>;

const actions: Record<ClerkForm, FormAction> = {
  decision: (runId, v, actor) => recordDecision({ runId, stageId: v.stageId }, checked(decisionInputSchema, decisionBody(v)), actor),
  reschedule: (runId, v, actor) => {
    if (!v.stageId) throw invalid('Invalid input: stageId', { stageId: 'Required' });
    return rescheduleStage({ runId, stageId: v.stageId }, checked(rescheduleSchema, rescheduleBody(v)), actor);
  },
  withdraw: (runId, v, actor) => withdrawRun({ runId }, checked(withdrawSchema, withdrawBody(v)), actor),
  publication: (runId, v, actor) => {
    if (!v.stageId) throw invalid('Invalid input: stageId', { stageId: 'Select the meeting whose agenda went out' });
    return recordPublication({ runId, stageId: v.stageId }, checked(publicationInputSchema, publicationBody(v)), actor);
  },
  'call-in': (runId, v, actor) => recordCallIn({ runId }, checked(callInInputSchema, callInBody(v)), actor),
  'late-item': (runId, v, actor) => {
    if (!v.stageId) throw invalid('Invalid input: stageId', { stageId: 'Select the meeting that takes the late item' });
    return recordLateItem({ runId, stageId: v.stageId }, checked(lateItemInputSchema, lateItemBody(v)), actor);
  },
};

/**
 * Sends one of the run page's forms through its action, then back to the run's page (`?updated=<form>`); what
 * the caller can put right (400, 409) is shown on the form again, anything else goes to the error page.
 */
export async function submitRunForm(name: RunFormName, { params, actor, form }: PageRequest, action: FormAction): Promise<PageResult> {
  const snapshot = await readRun(params.runId, actor);
  const values = readRunForm(form);
  try {
    await action(snapshot.meta.runId, values, actor, snapshot);
  } catch (err) {
    if (!(err instanceof DomainError && (err.code === 'invalid-input' || err.code === 'conflict'))) throw err;
    const fresh = await readRun(params.runId, actor);
    const errors = err.problems ? runFormErrors(name, err.problems, values, fresh) : [{ id: name, href: `#${name}`, text: err.message }];
    return runPage(fresh, actor, { state: { form: name, values, errors }, status: statusOfError(err) });
  }
  return { redirect: `${runHref(snapshot.meta.runId)}?updated=${name}` };
}

/** `POST /runs/{runId}/<form>` -> the form's name. */
function formOf(path: string): ClerkForm | undefined {
  const last = path.split('/').pop();
  return last === 'decision' || last === 'reschedule' || last === 'withdraw' || last === 'publication' || last === 'late-item' || last === 'call-in' ? last : undefined;
}

export const handler = pageHandler({ name: 'RunActionPages', roles: ['clerk'], nav: 'dashboard' }, async (req): Promise<PageResult> => {
  const name = formOf(req.event.rawPath);
  if (!name) {
    await readRun(req.params.runId, req.actor);
    throw notFound('There is no such form');
  }
  return submitRunForm(name, req, actions[name]);
});
