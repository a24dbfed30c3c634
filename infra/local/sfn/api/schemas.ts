import { z } from 'zod';

/**
 * Request shapes of the Step Functions actions the engine serves, with AWS's documented limits. Unknown members
 * are ignored, as the service does.
 */
const arn = z.string().min(1, 'must have length greater than or equal to 1').max(2048, 'must have length less than or equal to 2048');
const name = z.string().max(80, 'must have length less than or equal to 80');
const maxResults = z.number().int().min(0, 'must be greater than or equal to 0').max(1000, 'must be less than or equal to 1000').optional();
const nextToken = z.string().min(1).max(1024, 'must have length less than or equal to 1024').optional();
const taskToken = z.string().min(1, 'must have length greater than or equal to 1').max(2048, 'must have length less than or equal to 2048');
const sensitiveError = z.string().max(256, 'must have length less than or equal to 256').optional();
const sensitiveCause = z.string().max(32768, 'must have length less than or equal to 32768').optional();
const loggingConfiguration = z
  .object({
    level: z.enum(['ALL', 'ERROR', 'FATAL', 'OFF']).optional(),
    includeExecutionData: z.boolean().optional(),
    destinations: z.array(z.unknown()).optional(),
  })
  .optional();
const tracingConfiguration = z.object({ enabled: z.boolean().optional() }).optional();
const definition = z.string().min(1, 'must have length greater than or equal to 1').max(1048576, 'must have length less than or equal to 1048576');

export const schemas = {
  CreateStateMachine: z.object({
    name: z.string().min(1, 'must have length greater than or equal to 1').pipe(name),
    definition,
    roleArn: z.string().min(1).max(256, 'must have length less than or equal to 256'),
    type: z.enum(['STANDARD', 'EXPRESS']).optional(),
    loggingConfiguration,
    tracingConfiguration,
    tags: z.array(z.object({ key: z.string().optional(), value: z.string().optional() })).optional(),
    publish: z.boolean().optional(),
    versionDescription: z.string().max(256).optional(),
  }),
  DescribeStateMachine: z.object({ stateMachineArn: arn, includedData: z.string().optional() }),
  ListStateMachines: z.object({ maxResults, nextToken }),
  UpdateStateMachine: z.object({
    stateMachineArn: arn,
    definition: definition.optional(),
    roleArn: z.string().min(1).max(256).optional(),
    loggingConfiguration,
    tracingConfiguration,
    publish: z.boolean().optional(),
    versionDescription: z.string().max(256).optional(),
  }),
  DeleteStateMachine: z.object({ stateMachineArn: arn }),
  DescribeStateMachineForExecution: z.object({ executionArn: arn, includedData: z.string().optional() }),
  StartExecution: z.object({
    stateMachineArn: arn,
    name: name.optional(),
    input: z.string().optional(),
    traceHeader: z.string().max(256).optional(),
  }),
  DescribeExecution: z.object({ executionArn: arn, includedData: z.string().optional() }),
  ListExecutions: z.object({
    stateMachineArn: arn.optional(),
    statusFilter: z.enum(['RUNNING', 'SUCCEEDED', 'FAILED', 'TIMED_OUT', 'ABORTED', 'PENDING_REDRIVE']).optional(),
    maxResults,
    nextToken: z.string().min(1).max(3096).optional(),
    mapRunArn: arn.optional(),
    redriveFilter: z.string().optional(),
  }),
  GetExecutionHistory: z.object({
    executionArn: arn,
    maxResults,
    reverseOrder: z.boolean().optional(),
    nextToken: z.string().min(1).max(3096).optional(),
    includeExecutionData: z.boolean().optional(),
  }),
  StopExecution: z.object({ executionArn: arn, error: sensitiveError, cause: sensitiveCause }),
  SendTaskSuccess: z.object({ taskToken, output: z.string() }),
  SendTaskFailure: z.object({ taskToken, error: sensitiveError, cause: sensitiveCause }),
  SendTaskHeartbeat: z.object({ taskToken }),
};

export type ActionName = keyof typeof schemas;
export type ActionInput<A extends ActionName> = z.infer<(typeof schemas)[A]>;
