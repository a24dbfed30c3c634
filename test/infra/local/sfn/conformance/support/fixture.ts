import { z } from 'zod';

/** What a fixture may claim to cover; the coverage test checks the list against these. */
export const COVERAGE_TAGS = [
  // state types
  'Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map',
  // input and output processing
  'InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath',
  // the context object
  '$$.Execution', '$$.StateMachine', '$$.State', '$$.Task.Token', '$$.Map.Item',
  // intrinsic functions
  'States.Format', 'States.StringToJson', 'States.JsonToString', 'States.Array', 'States.ArrayPartition',
  'States.ArrayContains', 'States.ArrayRange', 'States.ArrayGetItem', 'States.ArrayLength', 'States.ArrayUnique',
  'States.MathAdd', 'States.MathRandom', 'States.UUID', 'States.Hash', 'States.Base64Encode', 'States.Base64Decode',
  'States.StringSplit', 'States.JsonMerge',
  // retry and catch
  'Retry', 'Retry.IntervalSeconds', 'Retry.MaxAttempts', 'Retry.BackoffRate', 'Retry.MaxDelaySeconds',
  'Retry.JitterStrategy', 'Catch', 'Catch.ResultPath',
  // error names
  'States.ALL', 'States.TaskFailed', 'States.Timeout', 'States.HeartbeatTimeout', 'States.Runtime',
  'States.NoChoiceMatched', 'States.ResultPathMatchFailure',
  // task resources and task options
  'lambda:invoke', 'lambda-arn', 'lambda:invoke.waitForTaskToken', 'TimeoutSeconds', 'HeartbeatSeconds',
  'SendTaskSuccess', 'SendTaskFailure', 'SendTaskHeartbeat',
  // state-specific fields
  'Choice.String', 'Choice.Numeric', 'Choice.Boolean', 'Choice.Timestamp', 'Choice.TypeTests', 'Choice.Path',
  'Choice.And', 'Choice.Or', 'Choice.Not', 'Choice.Default', 'Wait.Seconds', 'Wait.SecondsPath', 'Wait.Timestamp',
  'Wait.TimestampPath', 'Fail.ErrorPath', 'Map.ItemsPath', 'Map.ItemSelector', 'Map.Iterator', 'Map.ItemProcessor',
  'Map.MaxConcurrency', 'StateMachine.TimeoutSeconds',
] as const;

export const coverageTag = z.enum(COVERAGE_TAGS);
export type CoverageTag = z.infer<typeof coverageTag>;

export const executionStatus = z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED']);

/**
 * How an execution ended. `output` and `cause` may hold jest asymmetric matchers (random values, clock-dependent
 * values); a field left out is not compared.
 */
export const outcomeSchema = z.object({
  status: executionStatus,
  output: z.unknown().optional(),
  error: z.string().optional(),
  cause: z.unknown().optional(),
});
export type Outcome = z.infer<typeof outcomeSchema>;

/** Done in order after the execution starts; task steps act on the most recently issued task token. */
export const stepSchema = z.discriminatedUnion('do', [
  z.object({ do: z.literal('advance'), seconds: z.number().positive() }),
  z.object({
    do: z.literal('sendTaskSuccess'),
    output: z.unknown(),
    /** Send as soon as the token is issued, while the Lambda that received it is still running. */
    whileLambdaRuns: z.boolean().optional(),
  }),
  z.object({ do: z.literal('sendTaskFailure'), error: z.string(), cause: z.string().optional() }),
  z.object({ do: z.literal('sendTaskHeartbeat') }),
  z.object({ do: z.literal('expectStatus'), status: executionStatus }),
]);
export type Step = z.infer<typeof stepSchema>;

export const fixtureSchema = z.object({
  /** Also the state machine's name. */
  name: z.string().regex(/^[a-z0-9-]{1,80}$/),
  covers: z.array(coverageTag).min(1),
  /** The ASL definition (JSONPath query language). */
  definition: z.record(z.string(), z.unknown()),
  input: z.unknown(),
  steps: z.array(stepSchema).default([]),
  expected: outcomeSchema,
  /** Lambda invocations; `atSeconds`/`gapsAtMostSeconds` are measured on the engine's virtual clock only. */
  invocations: z
    .object({
      count: z.number().int().nonnegative().optional(),
      atSeconds: z.array(z.number()).optional(),
      gapsAtMostSeconds: z.array(z.number()).optional(),
    })
    .optional(),
  /** Where the reference interpreter departs from AWS: what AWS documents, and what the reference gives instead. */
  referenceDiffers: z.object({ why: z.string().min(20), reference: outcomeSchema }).optional(),
  /**
   * Run on the real clock, in both runners (the reference then really waits; our engine gets no virtual clock).
   * For task and execution timeouts: on a virtual clock a running Lambda takes no time, since the clock only moves
   * when the engine is idle. Keep such durations to a second or two; `advance` steps make no sense here.
   */
  realTime: z.boolean().optional(),
}).refine((fixture) => !(fixture.realTime && fixture.steps?.some((step) => step.do === 'advance')), {
  message: 'a real-time fixture cannot advance the clock',
});
export type Fixture = z.infer<typeof fixtureSchema>;
export type FixtureSource = z.input<typeof fixtureSchema>;

export function defineFixture(source: FixtureSource): Fixture {
  return fixtureSchema.parse(source);
}

/** Callbacks (task tokens) exist only in our engine; such fixtures are not run on the reference. */
export function usesCallbacks(fixture: Fixture): boolean {
  return (
    fixture.steps.some((step) => step.do.startsWith('sendTask')) ||
    JSON.stringify(fixture.definition).includes('.waitForTaskToken')
  );
}
