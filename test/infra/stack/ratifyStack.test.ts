import { Match, Template } from 'aws-cdk-lib/assertions';
import { substituteDefinition } from '../../../infra/definitions/stateMachine';
import { roleSchema } from '../../../functions/edge/auth';
import { fixtureDefinition, fixtureFunctions, fixtureStack } from './support/fixtures';
import { acknowledgements, actionsThatRequireStar, iamStatements, logicalIdOf, nagFindings, nestedTemplate, resourcesOf } from './support/template';

// One synthesis shared by every test of this file (bundling skipped; the template is what is checked).
const { app, stack } = fixtureStack();
const template = Template.fromStack(stack);
const idOf = (c: Parameters<typeof logicalIdOf>[1]) => logicalIdOf(stack, c);
// Alarms, metric filters and the dashboard are a nested stack's (the parent's 500-resource budget).
const monitoring = nestedTemplate(template, stack, stack.monitoring);
const alarmTopicRef = { Ref: logicalIdOf(stack.monitoring, stack.monitoring.alarmTopic) };
const monitored = (type: string) => Object.values(resourcesOf(monitoring.template, type)).map((r) => r.Properties);
const fn = (id: string) => stack.handlers.byId(id);
const fnResource = (id: string) => template.toJSON().Resources[idOf(fn(id).fn)];
const policyOf = (id: string) => {
  const roleId = idOf(fn(id).role);
  return iamStatements(template).filter((s) => s.policy.startsWith(roleId.replace(/[A-F0-9]{8}$/, '')));
};
const deployed = fixtureFunctions.filter((d) => !(d.kind === 'api' && d.localOnly));

describe('the DynamoDB table', () => {
  it('is built from the table definition: keys, indexes and TTL', () => {
    template.hasResourceProperties('AWS::DynamoDB::Table', {
      KeySchema: [
        { AttributeName: 'pk', KeyType: 'HASH' },
        { AttributeName: 'sk', KeyType: 'RANGE' },
      ],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'byOfficer',
          KeySchema: [
            { AttributeName: 'gsi2pk', KeyType: 'HASH' },
            { AttributeName: 'gsi2sk', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
      TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
    });
  });

  it('is on-demand, recoverable to any point, protected from deletion and encrypted with our key', () => {
    template.hasResource('AWS::DynamoDB::Table', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        BillingMode: 'PAY_PER_REQUEST',
        PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
        DeletionProtectionEnabled: true,
        SSESpecification: { SSEEnabled: true, SSEType: 'KMS', KMSMasterKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] } },
      }),
    });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });
});

describe('encryption at rest', () => {
  const key = { 'Fn::GetAtt': [idOf(stack.node.findChild('DataKey')), 'Arn'] };

  it('encrypts every log group, topic and secret with the one rotated customer managed key', () => {
    const all = (type: string) => Object.values(resourcesOf(template, type)).map((r) => r.Properties);
    for (const g of all('AWS::Logs::LogGroup')) expect(g.KmsKeyId).toEqual(key);
    for (const t of all('AWS::SNS::Topic')) expect(t.KmsMasterKeyId).toEqual(key);
    for (const t of monitored('AWS::SNS::Topic')) expect(monitoring.fromParent(t.KmsMasterKeyId)).toEqual(key);
    for (const q of all('AWS::SQS::Queue')) expect(q.SqsManagedSseEnabled).toBe(true);
    expect(all('AWS::SecretsManager::Secret')[0].KmsKeyId).toEqual(key);
  });

  it('lets CloudWatch Logs use the key for this account\'s log groups only, and SES and CloudWatch alarms only from this account', () => {
    const policy = Object.values(resourcesOf(template, 'AWS::KMS::Key'))[0].Properties.KeyPolicy.Statement;
    const logs = policy.find((st: { Sid?: string }) => st.Sid === 'CloudWatchLogsEncryptsOurLogGroups');
    expect(JSON.stringify(logs.Condition.ArnLike)).toContain(':log-group:*');
    const publishers = policy.find((st: { Sid?: string }) => st.Sid === 'PublishersToOurTopics');
    expect(publishers.Principal.Service.sort()).toEqual(['cloudwatch.amazonaws.com', 'ses.amazonaws.com']);
    expect(publishers.Condition).toEqual({ StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } });
  });
});

describe('the Lambda functions', () => {
  it('are one per entry of the functions list, except local-only ones', () => {
    template.resourceCountIs('AWS::Lambda::Function', deployed.length);
    expect(() => fn('DevToken')).toThrow();
  });

  it('run nodejs22.x on ARM64 with active tracing and JSON logs in a log group of their own', () => {
    const logGroups = new Set<string>();
    for (const def of deployed) {
      const props = fnResource(def.id).Properties;
      expect(props).toMatchObject({ Runtime: 'nodejs22.x', Architectures: ['arm64'], TracingConfig: { Mode: 'Active' } });
      expect(props.LoggingConfig).toMatchObject({ LogFormat: 'JSON', ApplicationLogLevel: 'INFO', LogGroup: { Ref: idOf(fn(def.id).logGroup) } });
      logGroups.add(props.LoggingConfig.LogGroup.Ref);
    }
    expect(logGroups.size).toBe(deployed.length);
    for (const def of deployed) {
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 365, KmsKeyId: Match.anyValue() });
      expect(template.toJSON().Resources[idOf(fn(def.id).logGroup)].Properties.KmsKeyId).toBeDefined();
    }
  });

  it('each have a role of their own, with no managed policies', () => {
    const roles = deployed.map((d) => fnResource(d.id).Properties.Role['Fn::GetAtt'][0]);
    expect(new Set(roles).size).toBe(deployed.length);
    for (const role of roles) expect(template.toJSON().Resources[role].Properties.ManagedPolicyArns).toBeUndefined();
  });

  it('are sized from the hints of the functions list, with defaults by kind', () => {
    expect(fnResource('ReconcileRun').Properties).toMatchObject({ MemorySize: 1024, Timeout: 60 });
    expect(fnResource('AwaitChange').Properties).toMatchObject({ MemorySize: 512, Timeout: 30 });
    expect(fnResource('CreateRun').Properties).toMatchObject({ MemorySize: 512, Timeout: 10 });
    expect(fnResource('MarkUndeliverable').Properties).toMatchObject({ MemorySize: 256, Timeout: 60 });
  });

  it('get the environment DESIGN.md promises every handler', () => {
    const env = fnResource('CreateRun').Properties.Environment.Variables;
    expect(env).toMatchObject({
      RATIFY_TABLE: { Ref: idOf(stack.table) },
      RATIFY_SENDER: 'ratify@council.example.gov.uk',
      RATIFY_PUBLIC_URL: { 'Fn::GetAtt': [idOf(stack.http.api), 'ApiEndpoint'] },
      RATIFY_LINK_SECRET_ARN: { Ref: idOf(stack.linkSecret) },
      RATIFY_ROLES_CLAIM: 'cognito:groups',
      RATIFY_SES_CONFIGURATION_SET: { Ref: idOf(stack.email.configurationSet) },
    });
    expect(JSON.stringify(env.RATIFY_STATE_MACHINE_ARN)).toContain(':stateMachine:RatifyTest-approval');
  });

  it('never get the dev token key, which would let anyone holding it sign pages in as anyone', () => {
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    expect(functions.length).toBeGreaterThan(deployed.length - 1);
    for (const f of functions) expect(Object.keys(f.Properties?.Environment?.Variables ?? {})).not.toContain('RATIFY_DEV_TOKEN_KEY');
    expect(JSON.stringify(template.toJSON())).not.toContain('RATIFY_DEV_TOKEN_KEY');
  });

  it('send the failures of asynchronous invocations to the dead-letter queue after two retries', () => {
    const dlq = { 'Fn::GetAtt': [idOf(stack.deadLetters), 'Arn'] };
    for (const id of ['MarkUndeliverable', 'PublishSignoffGauges']) {
      expect(fnResource(id).Properties.DeadLetterConfig).toEqual({ TargetArn: dlq });
      template.hasResourceProperties('AWS::Lambda::EventInvokeConfig', { FunctionName: { Ref: idOf(fn(id).fn) }, MaximumRetryAttempts: 2 });
    }
    expect(fnResource('CreateRun').Properties.DeadLetterConfig).toBeUndefined();
    template.hasResourceProperties('AWS::SQS::Queue', { SqsManagedSseEnabled: true });
  });
});

describe('least privilege', () => {
  const actionsOf = (id: string) => new Set(policyOf(id).flatMap((s) => s.actions));

  it('gives each function only the actions its declared permissions need', () => {
    expect([...actionsOf('PublishSignoffGauges')].sort()).toEqual(
      [
        'dynamodb:BatchGetItem',
        'dynamodb:ConditionCheckItem',
        'dynamodb:GetItem',
        'dynamodb:Query',
        'dynamodb:Scan',
        'kms:Decrypt',
        'logs:CreateLogStream',
        'logs:PutLogEvents',
        'sqs:SendMessage',
        'xray:PutTelemetryRecords',
        'xray:PutTraceSegments',
      ].sort(),
    );
    expect(actionsOf('CreateRun')).toContain('states:StartExecution');
    expect(actionsOf('CreateRun')).not.toContain('ses:SendEmail');
    expect(actionsOf('CreateRun')).not.toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('SignoffLink')).toContain('secretsmanager:GetSecretValue');
    expect(actionsOf('WithdrawRun')).toContain('states:StopExecution');
    expect(actionsOf('AwaitChange')).not.toContain('states:StopExecution');
  });

  it('has no "*" resource except where AWS requires it: X-Ray, and the log delivery actions of Step Functions logging', () => {
    const statements = iamStatements(template).filter((s) => s.effect === 'Allow');
    expect(statements.length).toBeGreaterThan(deployed.length);
    for (const s of statements.filter((st) => st.resources.includes('*'))) {
      expect(s.actions.filter((a) => !actionsThatRequireStar.has(a))).toEqual([]);
    }
  });

  it('uses a wildcard inside an ARN only for the executions of our own state machine', () => {
    const wildcards = iamStatements(template)
      .flatMap((s) => s.resources.filter((r) => r !== '*' && JSON.stringify(r).includes('*')).map((r) => ({ r: JSON.stringify(r), actions: s.actions })));
    expect(wildcards.length).toBeGreaterThan(0);
    for (const w of wildcards) {
      expect(w.r).toContain(':execution:RatifyTest-approval:*');
      expect(w.actions.every((a) => a === 'states:StopExecution' || a === 'states:DescribeExecution')).toBe(true);
    }
  });

  it('lets the state machine invoke exactly the workflow functions', () => {
    const invoke = iamStatements(template).filter((s) => s.actions.includes('lambda:InvokeFunction'));
    expect(invoke).toHaveLength(1);
    expect(invoke[0].resources).toEqual([
      { 'Fn::GetAtt': [idOf(fn('ReconcileRun').fn), 'Arn'] },
      { 'Fn::GetAtt': [idOf(fn('AwaitChange').fn), 'Arn'] },
    ]);
  });
});

describe('the approval state machine', () => {
  const machine = () => Object.values(resourcesOf(template, 'AWS::StepFunctions::StateMachine'))[0].Properties;

  it('is Standard, named so handlers can know its ARN up front', () => {
    expect(machine()).toMatchObject({ StateMachineType: 'STANDARD', StateMachineName: 'RatifyTest-approval' });
  });

  it('has the definition given, byte for byte, once CloudFormation substitutes each workflow function ARN', () => {
    const m = machine();
    const arnOf = (ref: { 'Fn::GetAtt': [string, string] }) => `arn:${ref['Fn::GetAtt'][0]}`;
    const deployedText = substituteDefinition(
      m.DefinitionString,
      Object.fromEntries(Object.entries(m.DefinitionSubstitutions).map(([k, v]) => [k, arnOf(v as never)])),
    );
    const expected = substituteDefinition(fixtureDefinition, {
      ReconcileRunFunctionArn: `arn:${idOf(fn('ReconcileRun').fn)}`,
      AwaitChangeFunctionArn: `arn:${idOf(fn('AwaitChange').fn)}`,
    });
    expect(deployedText).toBe(expected);
  });

  it('logs errors only, without execution data, and traces with X-Ray', () => {
    expect(machine()).toMatchObject({
      LoggingConfiguration: {
        Level: 'ERROR',
        IncludeExecutionData: false,
        Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: { 'Fn::GetAtt': [idOf(stack.approval.logGroup), 'Arn'] } } }],
      },
      TracingConfiguration: { Enabled: true },
    });
  });

  it('raises an alarm to the alarm topic when a run fails or times out', () => {
    for (const metric of ['ExecutionsFailed', 'ExecutionsTimedOut']) {
      const alarm = monitored('AWS::CloudWatch::Alarm').find((a) => a.Namespace === 'AWS/States' && a.MetricName === metric);
      expect(alarm).toMatchObject({ Threshold: 1, ComparisonOperator: 'GreaterThanOrEqualToThreshold', AlarmActions: [alarmTopicRef] });
      expect(alarm.Dimensions.map((d: { Name: string; Value: unknown }) => [d.Name, monitoring.fromParent(d.Value)])).toEqual([
        ['StateMachineArn', { Ref: idOf(stack.approval.stateMachine) }],
      ]);
    }
  });
});

describe('the HTTP API', () => {
  const routes = () => Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
  const route = (key: string) => routes().find((r) => r.RouteKey === key);

  it('serves every route of the API functions, and no local-only route', () => {
    expect(routes().map((r) => r.RouteKey).sort()).toEqual(
      ['GET /api/runs', 'GET /signoff/{link}', 'POST /api/runs', 'POST /api/runs/{runId}/withdraw', 'POST /signoff/{link}'].sort(),
    );
  });

  it('puts the JWT authorizer (Cognito by default) in front of every route but the public sign-off link', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      IdentitySource: ['$request.header.Authorization'],
      JwtConfiguration: {
        Audience: [{ Ref: idOf(stack.identity.userPool!.node.findChild('DashboardClient')) }],
        Issuer: { 'Fn::Join': ['', ['https://cognito-idp.eu-west-2.amazonaws.com/', { Ref: idOf(stack.identity.userPool!) }]] },
      },
    });
    expect(route('POST /api/runs')).toMatchObject({ AuthorizationType: 'JWT', AuthorizerId: { Ref: expect.stringMatching(/Authorizer/) } });
    expect(route('POST /api/runs/{runId}/withdraw')).toMatchObject({ AuthorizationType: 'JWT' });
    expect(route('GET /signoff/{link}')).toMatchObject({ AuthorizationType: 'NONE' });
  });

  it('throttles the stage and writes JSON access logs without request paths', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      StageName: '$default',
      AutoDeploy: true,
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: { 'Fn::GetAtt': [idOf(stack.http.accessLogs), 'Arn'] }, Format: Match.anyValue() },
    });
    const stage = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Stage'))[0].Properties;
    const format = JSON.parse(stage.AccessLogSettings.Format);
    expect(format).toMatchObject({ requestId: '$context.requestId', routeKey: '$context.routeKey', status: '$context.status' });
    expect(stage.AccessLogSettings.Format).not.toContain('$context.path');
  });

  it('has a Cognito user pool with MFA, no self sign-up, and a group per Ratify role', () => {
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      MfaConfiguration: 'ON',
      AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
      Policies: { PasswordPolicy: Match.objectLike({ MinimumLength: 12 }) },
    });
    const groups = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolGroup')).map((g) => g.Properties.GroupName);
    expect(groups.sort()).toEqual([...roleSchema.options].sort());
  });

  it('lets no user write their own e-mail address (identity) through the app client', () => {
    const clients = Object.values(resourcesOf(template, 'AWS::Cognito::UserPoolClient'));
    expect(clients).toHaveLength(1);
    const writable: string[] = clients[0].Properties.WriteAttributes;
    expect(writable).toEqual(['name']);
    expect(writable).not.toContain('email');
    expect(writable).not.toContain('email_verified');
  });
});

describe('e-mail', () => {
  it('sends from the sender domain through a configuration set that publishes bounces and complaints to an encrypted topic', () => {
    template.hasResourceProperties('AWS::SES::EmailIdentity', {
      EmailIdentity: 'council.example.gov.uk',
      ConfigurationSetAttributes: { ConfigurationSetName: { Ref: idOf(stack.email.configurationSet) } },
    });
    template.hasResourceProperties('AWS::SES::ConfigurationSet', { DeliveryOptions: { TlsPolicy: 'REQUIRE' } });
    template.hasResourceProperties('AWS::SES::ConfigurationSetEventDestination', {
      EventDestination: {
        Enabled: true,
        MatchingEventTypes: ['bounce', 'complaint'],
        SnsDestination: { TopicARN: { Ref: idOf(stack.email.feedbackTopic) } },
      },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue(), DisplayName: 'Ratify e-mail bounces and complaints' });
  });

  it('delivers the feedback to the function that marks addresses undeliverable, with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      TopicArn: { Ref: idOf(stack.email.feedbackTopic) },
      Endpoint: { 'Fn::GetAtt': [idOf(fn('MarkUndeliverable').fn), 'Arn'] },
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [idOf(stack.deadLetters), 'Arn'] } },
    });
  });
});

describe('the link-signing key', () => {
  it('is generated by Secrets Manager, encrypted with our key, never written in the template', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: { PasswordLength: 64, ExcludePunctuation: true },
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DataKey'), 'Arn'] },
    });
    expect(Object.values(resourcesOf(template, 'AWS::SecretsManager::Secret'))[0].Properties.SecretString).toBeUndefined();
  });
});

describe('observability', () => {
  it('has a dashboard of runs, sign-offs, e-mails and Lambda errors and durations', () => {
    // The body is a Fn::Join of JSON text around references; its literal parts hold the metric names.
    const parts: unknown[] = monitored('AWS::CloudWatch::Dashboard')[0].DashboardBody['Fn::Join'][1];
    const body = parts.filter((p): p is string => typeof p === 'string').join('');
    for (const metric of ['ExecutionsStarted', 'ExecutionsSucceeded', 'ExecutionsFailed', 'OpenSignoffs', 'OverdueSignoffs', 'EmailsSent', 'EmailsBounced', 'Errors', 'Duration']) {
      expect(body).toContain(`"${metric}"`);
    }
  });

  it('turns the handlers\' metric log lines into metrics, on the log groups of the functions that emit them', () => {
    const filters = monitored('AWS::Logs::MetricFilter');
    const on = (id: string) => filters.filter((f) => monitoring.fromParent(f.LogGroupName).Ref === idOf(fn(id).logGroup)).map((f) => f.MetricTransformations[0].MetricName);
    expect(on('ReconcileRun')).toEqual(['EmailsSent']);
    expect(on('MarkUndeliverable').sort()).toEqual(['EmailsBounced', 'EmailsComplained', 'EmailsSent', 'EmailsSoftBounced']);
    expect(on('PublishSignoffGauges').sort()).toEqual(['OpenSignoffs', 'OverdueSignoffs']);
    expect(on('CreateRun')).toEqual([]);
    monitoring.template.hasResourceProperties('AWS::Logs::MetricFilter', {
      FilterPattern: '{ $.metric = "SignoffGauges" }',
      MetricTransformations: [{ MetricName: 'OverdueSignoffs', MetricNamespace: 'Ratify', MetricValue: '$.overdue', Unit: 'Count' }],
    });
  });

  it('alarms on Lambda errors, dead letters, API server errors and the SES bounce rate, all to the encrypted alarm topic', () => {
    const alarms = monitored('AWS::CloudWatch::Alarm');
    for (const a of alarms) expect(a.AlarmActions).toEqual([alarmTopicRef]);
    expect(alarms.filter((a) => a.Namespace === 'AWS/Lambda' && a.MetricName === 'Errors')).toHaveLength(deployed.length);
    expect(alarms.map((a) => a.MetricName)).toEqual(expect.arrayContaining(['ApproximateNumberOfMessagesVisible', '5xx', 'Reputation.BounceRate']));
    monitoring.template.hasResourceProperties('AWS::SNS::Topic', { DisplayName: 'Ratify alarms', KmsMasterKeyId: Match.anyValue() });
    monitoring.template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'ops@council.example.gov.uk' });
  });

  it('runs the sign-off gauges on their schedule, with a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Events::Rule', {
      ScheduleExpression: 'rate(15 minutes)',
      Targets: [Match.objectLike({ Arn: { 'Fn::GetAtt': [idOf(fn('PublishSignoffGauges').fn), 'Arn'] }, DeadLetterConfig: Match.anyValue() })],
    });
  });
});

describe('a template CloudFormation and a cautious cloud team accept', () => {
  it('has no dependency cycle (handlers know the state machine ARN without depending on it)', () => {
    // The assertions library refuses a template CloudFormation could not order (see ratifyStackOptions.test.ts).
    expect(() => Template.fromJSON(template.toJSON())).not.toThrow();
  });

  it('passes cdk-nag AWS Solutions checks', () => {
    expect(nagFindings(app)).toEqual([]);
  });

  it('gives a reason with every acknowledged cdk-nag finding', () => {
    const acks = acknowledgements(app);
    expect(acks.length).toBeGreaterThan(0);
    for (const a of acks) expect(a.reason.length).toBeGreaterThan(40);
  });
});
