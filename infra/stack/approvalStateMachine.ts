import { ArnFormat, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { substituteDefinition } from '../definitions/stateMachine';
import { lambdaTasksMissingRetries } from './lambdaTaskRetries';

/**
 * The name is fixed (derived from the stack) so handlers can be given the state machine's ARN without a
 * dependency on the state machine itself, which depends on the workflow functions: no cycle.
 */
export function approvalStateMachineName(stackName: string): string {
  return `${stackName}-approval`;
}

export function approvalStateMachineArns(scope: Construct): { stateMachineArn: string; executionsArn: string } {
  const stack = Stack.of(scope);
  const name = approvalStateMachineName(stack.stackName);
  return {
    stateMachineArn: stack.formatArn({ service: 'states', resource: 'stateMachine', resourceName: name, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
    executionsArn: stack.formatArn({ service: 'states', resource: 'execution', resourceName: `${name}:*`, arnFormat: ArnFormat.COLON_RESOURCE_NAME }),
  };
}

export interface ApprovalStateMachineProps {
  /** The ASL text of workflows/approval.asl.json, `${Name}` placeholders untouched. */
  definition: string;
  /** Placeholder name -> the workflow function whose ARN replaces it. */
  functions: Record<string, lambda.IFunction>;
  key: kms.IKey;
  logRetention: logs.RetentionDays;
}

/**
 * The Standard state machine, its definition kept inline and byte-for-byte the file's text, Lambda ARNs filled
 * in by CloudFormation's DefinitionSubstitutions. Logs at ERROR level without execution data (plans may be
 * exempt information), X-Ray tracing on; its role may invoke the workflow functions and nothing else.
 */
export class ApprovalStateMachine extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly logGroup: logs.LogGroup;

  constructor(scope: Construct, id: string, props: ApprovalStateMachineProps) {
    super(scope, id);
    // Fail at synth, not at deploy: every placeholder needs a function, every Lambda task its retries.
    substituteDefinition(props.definition, Object.fromEntries(Object.keys(props.functions).map((k) => [k, 'arn'])));
    const missing = lambdaTasksMissingRetries(props.definition);
    if (missing.length) {
      throw new Error(
        `Lambda tasks of the approval state machine must retry transient errors:\n${missing.map((m) => `  ${m.state}: ${m.missing.join(', ')}`).join('\n')}`,
      );
    }

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      // Step Functions delivers only to log groups named /aws/vendedlogs/... without a resource policy limit.
      logGroupName: `/aws/vendedlogs/states/${approvalStateMachineName(Stack.of(this).stackName)}`,
      retention: props.logRetention,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const role = new iam.Role(this, 'Role', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
    role.addToPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeWorkflowFunctions',
        actions: ['lambda:InvokeFunction'],
        resources: [...new Set(Object.values(props.functions).map((f) => f.functionArn))],
      }),
    );

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineName: approvalStateMachineName(Stack.of(this).stackName),
      stateMachineType: sfn.StateMachineType.STANDARD,
      definitionBody: sfn.DefinitionBody.fromString(props.definition),
      definitionSubstitutions: Object.fromEntries(Object.entries(props.functions).map(([name, fn]) => [name, fn.functionArn])),
      role,
      logs: { destination: this.logGroup, level: sfn.LogLevel.ERROR, includeExecutionData: false },
      tracingEnabled: true,
    });

    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason:
        'AWS requires Resource "*" for the CloudWatch Logs delivery actions Step Functions logging uses (logs:CreateLogDelivery, GetLogDelivery, UpdateLogDelivery, DeleteLogDelivery, ListLogDeliveries, PutResourcePolicy, DescribeResourcePolicies, DescribeLogGroups) and for X-Ray (xray:PutTraceSegments, PutTelemetryRecords, GetSamplingRules, GetSamplingTargets).',
    });
    Validations.of(this.stateMachine).acknowledge({
      id: 'AwsSolutions-SF1',
      reason:
        'Logging is at ERROR level with execution data off on purpose: run inputs and outputs concern plans that may be exempt information. The audit trail of every run is kept in the table.',
    });
  }
}
