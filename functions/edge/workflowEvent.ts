/**
 * The edge of every workflow function (the state machine's Lambda tasks): the event the ASL's Parameters wrote is
 * validated with the function's zod schema before the handler runs, and the run's id is appended to the logger.
 * A malformed event throws `InvalidWorkflowEvent`, which no Retry of the state machine names: it goes straight to
 * the task's Catch (RecordFailure) instead of being tried again with the same bad input.
 */
import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { logger, withRunId } from '../platform/logger';

/** The Lambda error type (the thrown error's `name`) Step Functions sees for a malformed event. */
export const INVALID_WORKFLOW_EVENT = 'InvalidWorkflowEvent';

export class InvalidWorkflowEvent extends Error {
  constructor(
    readonly functionName: string,
    /** Bad field paths (joined with `.`; `(event)` for the event itself) and what is wrong with each. */
    readonly fields: Record<string, string>,
  ) {
    super(`${functionName} refused its event: ${Object.entries(fields).map(([field, problem]) => `${field}: ${problem}`).join('; ')}`);
    this.name = INVALID_WORKFLOW_EVENT;
  }
}

function fieldsOf(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    // An unknown key is reported on its parent: name the key itself, so the message says which field is extra.
    const names = issue.code === 'unrecognized_keys' ? issue.keys.map((k) => (path ? `${path}.${k}` : k)) : [path || '(event)'];
    for (const name of names) fields[name] ??= issue.message;
  }
  return fields;
}

/** Parses a workflow event, or throws `InvalidWorkflowEvent` naming every bad field. */
export function parseWorkflowEvent<S extends z.ZodType>(functionName: string, schema: S, event: unknown): z.output<S> {
  const parsed = schema.safeParse(event);
  if (!parsed.success) throw new InvalidWorkflowEvent(functionName, fieldsOf(parsed.error));
  return parsed.data;
}

export type WorkflowHandler<S extends z.ZodType, R> = ((event: unknown, context: Context) => Promise<R>) & {
  /** The schema the handler validates its event with (tests check the ASL's payloads against it). */
  eventSchema: S;
};

/**
 * `export const handler = workflowHandler('ReconcileRun', reconcileEventSchema, (event) => ...)`: the handler
 * gets the parsed event (its `z.output`).
 */
export function workflowHandler<S extends z.ZodType, R>(
  functionName: string,
  schema: S,
  fn: (event: z.output<S>) => Promise<R>,
): WorkflowHandler<S, R> {
  // No early timeout: a task that runs out of time fails as Lambda's own timeout, as it did before this edge.
  const handler = middy<unknown, R, Error, Context>({ timeoutEarlyInMillis: 0 })
    .use({
      before: (request) => {
        const runId = (request.event as { runId?: unknown } | null)?.runId;
        // Tag the refusal with the run when the event names one; never with the previous invocation's run.
        if (typeof runId === 'string' && runId) withRunId(runId);
        else logger.removeKeys(['runId']);
        try {
          request.event = parseWorkflowEvent(functionName, schema, request.event);
        } catch (err) {
          logger.error('refused a malformed workflow event', { error: err as Error });
          throw err;
        }
      },
    })
    .handler((event) => fn(event as z.output<S>));
  return Object.assign((event: unknown, context: Context) => handler(event, context), { eventSchema: schema });
}
