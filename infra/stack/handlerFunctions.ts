import { join, posix } from 'node:path';
import { Duration, RemovalPolicy, Stack, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat, SourceMapMode } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
// How cdk-nag names a resource in its findings, so each acknowledgement matches one finding exactly.
import { flattenCfnReference } from 'cdk-nag/lib/utils/flatten-cfn-reference';
import { defaultSizing, type FunctionDef } from '../definitions/functions';
import { statementsFor, type GrantTargets } from './permissions';

export interface HandlerFunction {
  def: FunctionDef;
  fn: NodejsFunction;
  role: iam.Role;
  logGroup: logs.LogGroup;
}

export interface HandlerFunctionsProps {
  defs: FunctionDef[];
  /** Repository root: entries and bundleFiles are relative to it. */
  repoRoot: string;
  environment: Record<string, string>;
  grantTargets: GrantTargets;
  key: kms.IKey;
  logRetention: logs.RetentionDays;
  /** Where asynchronous invocations (event functions) land after their retries fail. */
  deadLetterQueue: sqs.IQueue;
}

/**
 * One NodejsFunction per entry of the functions list, each with its own role holding only the statements its
 * declared permissions map to, its own encrypted log group with JSON logs, and active X-Ray tracing. Bundled by
 * the locally installed esbuild (never Docker).
 */
export class HandlerFunctions extends Construct {
  readonly functions: HandlerFunction[] = [];

  constructor(scope: Construct, id: string, props: HandlerFunctionsProps) {
    super(scope, id);
    for (const def of props.defs) {
      if (def.kind === 'api' && def.localOnly) continue;
      this.functions.push(this.build(def, props));
    }
  }

  byId(id: string): HandlerFunction {
    const found = this.functions.find((f) => f.def.id === id);
    if (!found) throw new Error(`No deployed function ${id}`);
    return found;
  }

  private build(def: FunctionDef, props: HandlerFunctionsProps): HandlerFunction {
    const sizing = { ...defaultSizing[def.kind], ...def.sizing };
    const logGroup = new logs.LogGroup(this, `${def.id}Logs`, {
      retention: props.logRetention,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, `${def.id}Role`, {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Ratify ${def.id}: ${def.description}`.slice(0, 1000),
    });
    // Its own log group only (no AWSLambdaBasicExecutionRole, which may write to any log group).
    logGroup.grantWrite(role);
    for (const s of statementsFor(def.permissions, props.grantTargets)) {
      role.addToPolicy(new iam.PolicyStatement({ sid: s.sid, actions: s.actions, resources: s.resources, conditions: s.conditions }));
    }

    const isEvent = def.kind === 'event';
    const fn = new NodejsFunction(this, def.id, {
      entry: join(props.repoRoot, def.entry),
      handler: def.handler,
      projectRoot: props.repoRoot,
      depsLockFilePath: join(props.repoRoot, 'package-lock.json'),
      description: def.description.slice(0, 256),
      runtime: lambda.Runtime.NODEJS_22_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: sizing.memoryMiB,
      timeout: Duration.seconds(sizing.timeoutSeconds),
      role,
      logGroup,
      loggingFormat: lambda.LoggingFormat.JSON,
      applicationLogLevelV2: lambda.ApplicationLogLevel.INFO,
      systemLogLevelV2: lambda.SystemLogLevel.WARN,
      tracing: lambda.Tracing.ACTIVE,
      recursiveLoop: lambda.RecursiveLoop.TERMINATE,
      environment: { ...props.environment, NODE_OPTIONS: '--enable-source-maps' },
      ...(isEvent ? { deadLetterQueue: props.deadLetterQueue, retryAttempts: 2, maxEventAge: Duration.hours(6) } : {}),
      bundling: {
        forceDockerBundling: false,
        format: OutputFormat.CJS,
        target: 'node22',
        minify: true,
        sourceMap: true,
        sourceMapMode: SourceMapMode.DEFAULT,
        // The runtime's SDK may differ from the versions we test with: ship the pinned ones.
        bundleAwsSDK: true,
        commandHooks: copyIntoBundle(def.sizing?.bundleFiles ?? []),
      },
    });

    // Evidence for the wildcard findings, scoped to this function's role only.
    Validations.of(role).acknowledge({
      id: 'AwsSolutions-IAM5[Resource::*]',
      reason: 'X-Ray tracing (xray:PutTraceSegments, xray:PutTelemetryRecords) has no resource-level permissions: AWS requires Resource "*".',
    });
    if (def.permissions.stateMachine?.some((a) => a === 'stop' || a === 'describe')) {
      Validations.of(role).acknowledge({
        id: `AwsSolutions-IAM5[Resource::${flattenCfnReference(Stack.of(this).resolve(props.grantTargets.executionsArn))}]`,
        reason: 'Executions are named by run id at run time; the pattern is limited to executions of the approval state machine.',
      });
    }
    return { def, fn, role, logGroup };
  }
}

/** esbuild bundles code only: files a handler reads at run time are copied next to it, at the same path. */
function copyIntoBundle(paths: string[]) {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (inputDir: string, outputDir: string) =>
      paths.map((p) => {
        const rel = posix.normalize(p).replace(/^\/+/, '');
        if (rel.startsWith('..')) throw new Error(`bundleFiles entry ${p} leaves the repository`);
        return `mkdir -p ${quote(posix.join(outputDir, posix.dirname(rel)))} && cp -R ${quote(posix.join(inputDir, rel))} ${quote(posix.join(outputDir, posix.dirname(rel)))}/`;
      }),
  };
}
