/**
 * The events the state machine (workflows/approval.asl.json) sends its workflow functions, as its tasks'
 * Parameters.Payload write them. Each function validates its event with these at its edge
 * (`functions/edge/workflowEvent.ts`); test/functions/workflow checks every payload of the ASL parses.
 * Objects are strict: a field the ASL sends that no handler reads means the two have drifted apart.
 */
import { z } from 'zod';
import { phases, type Phase } from './runPhase';

export const runIdSchema = z.string().min(1);

/** Every callback task's phase: the planner's waits, and the wait after a recorded failure. */
export const waitPhases = [...phases.filter((p): p is Exclude<Phase, 'Finished'> => p !== 'Finished'), 'AwaitRepair'] as const;
export const waitPhaseSchema = z.enum(waitPhases);

/** Reconcile: `{runId, executionStartedAt: $$.Execution.StartTime}`. */
export const reconcileEventSchema = z.strictObject({
  runId: runIdSchema,
  executionStartedAt: z.iso.datetime({ offset: true }).optional(),
});
export type ReconcileEvent = z.infer<typeof reconcileEventSchema>;

/** Every wait (`waitForTaskToken`): the version Reconcile (or RecordFailure) saw, and the task token. */
export const awaitEventSchema = z.strictObject({
  runId: runIdSchema,
  phase: waitPhaseSchema,
  version: z.number().int().nonnegative(),
  taskToken: z.string().min(1),
});
export type AwaitEvent = z.infer<typeof awaitEventSchema>;

/** RecordFailure: the Catch output `{Error, Cause}`, read leniently (it is what went wrong, whatever its shape). */
export const failureEventSchema = z.strictObject({
  runId: runIdSchema,
  failure: z.object({ Error: z.string().optional(), Cause: z.string().optional() }).optional(),
});
export type FailureEvent = z.infer<typeof failureEventSchema>;

/** HandOver: `$$.Execution.Name`, from which the next execution's name follows. */
export const handOverEventSchema = z.strictObject({
  runId: runIdSchema,
  execution: z.string().min(1),
});
export type HandOverEvent = z.infer<typeof handOverEventSchema>;
