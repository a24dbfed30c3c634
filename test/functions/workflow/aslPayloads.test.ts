import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { INVALID_WORKFLOW_EVENT, type WorkflowHandler } from '../../../functions/edge/workflowEvent';
import type { ReconcileResult } from '../../../functions/actions/reconcileRun';
import type { recordFailure } from '../../../functions/actions/recordWorkflowFailure';
import { functionDefs, type WorkflowFunctionDef } from '../../../infra/definitions/functions';
import { approvalDefinitionPath } from '../../../infra/definitions/stateMachine';

type State = Record<string, any>;
const states = (JSON.parse(readFileSync(approvalDefinitionPath, 'utf8')) as { States: Record<string, State> }).States;
const lambdaTasks = Object.entries(states).filter(([, s]) => s.Type === 'Task');
const workflowDefs = functionDefs.filter((d): d is WorkflowFunctionDef => d.kind === 'workflow');

/** The schema each workflow function's handler validates its event with (the very one, read off the handler). */
function eventSchemaOf(def: WorkflowFunctionDef): z.ZodType {
  const handler = (require(join(__dirname, '..', '..', '..', def.entry)) as Record<string, WorkflowHandler<z.ZodType, unknown>>)[def.handler];
  expect([def.id, typeof handler?.eventSchema?.safeParse]).toEqual([def.id, 'function']);
  return handler.eventSchema;
}

// A state input as the machine carries it between states, with outputs typed as the functions answer them.
const next: ReconcileResult = { phase: 'AwaitMeeting', timeoutSeconds: 3600, version: 7, wakeAt: '2026-12-01T00:00:00.000Z', handover: false };
const retry: Awaited<ReturnType<typeof recordFailure>> = { retryInSeconds: 10_800, version: 8 };
const stateInput = { runId: '0b7f7c0e-5f1e-4d7a-9a43-1f0c2a6e3b11', next, retry, failure: { Error: 'Error', Cause: '{"errorMessage":"boom"}' } };
const contextObject = {
  Execution: { Name: '0b7f7c0e-5f1e-4d7a-9a43-1f0c2a6e3b11_2', StartTime: '2026-11-26T09:00:00.000Z' },
  Task: { Token: 'AQCEAAAAKgAAAAMAAAAAAAAAAQ' },
};

/** `$.a.b` on the state input, `$$.A.B` on the context object: the only paths the payloads use. */
function resolve(path: string): unknown {
  const [root, ...keys] = path.startsWith('$$.') ? [contextObject, ...path.slice(3).split('.')] : [stateInput, ...path.slice(2).split('.')];
  expect(path).toMatch(/^\$\$?\.[A-Za-z]+(\.[A-Za-z]+)*$/);
  const value = keys.reduce<unknown>((at, key) => (at as Record<string, unknown> | undefined)?.[key as string], root);
  expect([path, value]).not.toEqual([path, undefined]);
  return value;
}

/** Parameters.Payload with each `key.$` replaced by `key` and the value its path selects. */
function instantiate(template: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(template).map(([key, value]) =>
      key.endsWith('.$') ? [key.slice(0, -2), resolve(value as string)] : [key, value !== null && typeof value === 'object' ? instantiate(value as Record<string, unknown>) : value],
    ),
  );
}

describe('the events workflows/approval.asl.json sends', () => {
  it('parse with the schema of the function each Lambda task targets', () => {
    expect(lambdaTasks.length).toBeGreaterThan(0);
    const targeted = new Set<string>();
    for (const [name, task] of lambdaTasks) {
      const substitution = /^\$\{(\w+)\}$/.exec(task.Parameters.FunctionName)?.[1];
      const def = workflowDefs.find((d) => d.substitution === substitution);
      expect([name, def?.id]).toEqual([name, expect.any(String)]);
      targeted.add(def!.id);
      const event = instantiate(task.Parameters.Payload);
      const parsed = eventSchemaOf(def!).safeParse(event);
      expect([name, parsed.success ? 'parses' : parsed.error.issues]).toEqual([name, 'parses']);
    }
    // Every workflow function is reached from the ASL, so each of their schemas is checked here.
    expect([...targeted].sort()).toEqual(workflowDefs.map((d) => d.id).sort());
  });

  it('would be refused by the schema if a payload lost its run id or a wait named a phase no handler knows', () => {
    for (const [name, task] of lambdaTasks) {
      const def = workflowDefs.find((d) => `\${${d.substitution}}` === task.Parameters.FunctionName)!;
      const { runId: _dropped, ...withoutRunId } = instantiate(task.Parameters.Payload);
      expect([name, eventSchemaOf(def).safeParse(withoutRunId).success]).toEqual([name, false]);
      if ('phase' in task.Parameters.Payload) {
        expect([name, eventSchemaOf(def).safeParse({ ...instantiate(task.Parameters.Payload), phase: 'AwaitNothing' }).success]).toEqual([name, false]);
      }
    }
  });

  it('never retries a malformed event: no Retry names InvalidWorkflowEvent or a catch-all, so it goes to the Catch at once', () => {
    for (const [name, task] of lambdaTasks) {
      const retried: string[] = (task.Retry ?? []).flatMap((r: State) => r.ErrorEquals);
      expect([name, retried.filter((e) => [INVALID_WORKFLOW_EVENT, 'States.ALL', 'States.TaskFailed'].includes(e))]).toEqual([name, []]);
    }
    // Where it goes instead: Reconcile, the waits and HandOver catch everything into RecordFailure (AwaitRepair rests).
    for (const [name, task] of lambdaTasks.filter(([n]) => n !== 'RecordFailure' && n !== 'AwaitRepair')) {
      expect([name, task.Catch.at(-1)]).toEqual([name, expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'RecordFailure' })]);
    }
  });
});
