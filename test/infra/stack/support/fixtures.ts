import { App } from 'aws-cdk-lib';
import type { FunctionDef } from '../../../../infra/definitions/functions';
import type { TableDef } from '../../../../infra/definitions/table';
import { readDeployConfig, type DeployConfigInput } from '../../../../infra/stack/config';
import { RatifyStack } from '../../../../infra/stack/ratifyStack';

/** Real handler files, so NodejsFunction finds its entries; bundling itself is skipped in these tests. */
const someEntry = 'functions/notifications/publishSignoffGauges.ts';

export const fixtureFunctions: FunctionDef[] = [
  {
    kind: 'workflow',
    id: 'ReconcileRun',
    entry: someEntry,
    handler: 'handler',
    substitution: 'ReconcileRunFunctionArn',
    permissions: { table: 'readwrite', sendEmail: true },
    description: 'Applies the plan of a run',
    sizing: { memoryMiB: 1024, timeoutSeconds: 60 },
  },
  {
    kind: 'workflow',
    id: 'AwaitChange',
    entry: someEntry,
    handler: 'handler',
    substitution: 'AwaitChangeFunctionArn',
    permissions: { table: 'readwrite', stateMachine: ['callback'] },
    description: 'Stores the task token',
  },
  {
    kind: 'api',
    id: 'CreateRun',
    entry: someEntry,
    handler: 'handler',
    routes: ['POST /api/runs', 'GET /api/runs'],
    permissions: { table: 'readwrite', stateMachine: ['start'] },
    description: 'Starts a run',
  },
  {
    kind: 'api',
    id: 'WithdrawRun',
    entry: someEntry,
    handler: 'handler',
    routes: ['POST /api/runs/{runId}/withdraw'],
    permissions: { table: 'readwrite', stateMachine: ['stop', 'describe'] },
    description: 'Withdraws a run',
  },
  {
    kind: 'api',
    id: 'SignoffLink',
    entry: someEntry,
    handler: 'handler',
    routes: ['GET /signoff/{link}', 'POST /signoff/{link}'],
    public: true,
    permissions: { table: 'readwrite', linkKey: true, stateMachine: ['callback'] },
    description: 'The page an e-mailed sign-off link opens',
  },
  {
    kind: 'api',
    id: 'DevToken',
    entry: someEntry,
    handler: 'handler',
    routes: ['POST /api/dev/token'],
    localOnly: true,
    permissions: {},
    description: 'Local sign-in only',
  },
  {
    kind: 'event',
    id: 'MarkUndeliverable',
    entry: 'functions/notifications/markUndeliverable.ts',
    handler: 'handler',
    trigger: { type: 'emailFeedback' },
    permissions: { table: 'readwrite', sendEmail: true },
    description: 'SES bounce/complaint handling',
  },
  {
    kind: 'event',
    id: 'PublishSignoffGauges',
    entry: someEntry,
    handler: 'handler',
    trigger: { type: 'schedule', expression: 'rate(15 minutes)' },
    permissions: { table: 'read' },
    description: 'Sign-off gauges',
  },
];

export const fixtureTable: TableDef = {
  localName: 'fixture',
  partitionKey: { name: 'pk', type: 'S' },
  sortKey: { name: 'sk', type: 'S' },
  globalSecondaryIndexes: [{ indexName: 'byOfficer', partitionKey: { name: 'gsi2pk', type: 'S' }, sortKey: { name: 'gsi2sk', type: 'S' } }],
  timeToLiveAttribute: 'expiresAt',
};

const retries = [
  {
    ErrorEquals: ['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'Throttling'],
    IntervalSeconds: 2,
    MaxAttempts: 6,
    BackoffRate: 2,
  },
];

export const fixtureDefinition = JSON.stringify(
  {
    Comment: 'fixture',
    StartAt: 'Reconcile',
    States: {
      Reconcile: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: '${ReconcileRunFunctionArn}', 'Payload.$': '$' },
        Retry: retries,
        Next: 'Await',
      },
      Await: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
        Parameters: { FunctionName: '${AwaitChangeFunctionArn}', Payload: { 'token.$': '$$.Task.Token' } },
        Retry: retries,
        End: true,
      },
    },
  },
  null,
  2,
);

export const fixtureConfig: DeployConfigInput = {
  senderAddress: 'ratify@council.example.gov.uk',
  senderDomain: 'council.example.gov.uk',
  alarmEmail: 'ops@council.example.gov.uk',
};

/** An App that skips asset bundling: these tests look at the template, the real synth bundles with esbuild. */
export function testApp(): App {
  return new App({ context: { 'aws:cdk:bundling-stacks': [] } });
}

export function fixtureStack(overrides: Partial<DeployConfigInput> = {}, app = testApp()) {
  const config = readDeployConfig((k) => ({ ...fixtureConfig, ...overrides })[k as keyof DeployConfigInput]);
  const stack = new RatifyStack(app, 'RatifyTest', {
    config,
    functions: fixtureFunctions,
    table: fixtureTable,
    definition: fixtureDefinition,
    env: { account: '123456789012', region: 'eu-west-2' },
  });
  return { app, stack };
}
