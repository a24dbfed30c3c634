import { join } from 'node:path';
import { CfnOutput, Duration, RemovalPolicy, Stack, Validations, type StackProps } from 'aws-cdk-lib';
import type * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import { functionDefs, type FunctionDef } from '../definitions/functions';
import { readApprovalDefinition } from '../definitions/stateMachine';
import { ratifyTable, type TableDef } from '../definitions/table';
import { ApprovalStateMachine, approvalStateMachineArns } from './approvalStateMachine';
import type { DeployConfig } from './config';
import { createDataTable } from './dataTable';
import { Email } from './email';
import { createEncryptionKey } from './encryptionKey';
import { HandlerFunctions } from './handlerFunctions';
import { RatifyHttpApi } from './httpApi';
import { Identity } from './identity';
import { Monitoring } from './monitoring';

export interface RatifyStackProps extends StackProps {
  config: DeployConfig;
  /** The functions list; defaults to infra/definitions/functions.ts (tests pass a small fixture). */
  functions?: FunctionDef[];
  /** The table definition; defaults to infra/definitions/table.ts. */
  table?: TableDef;
  /** ASL text; defaults to workflows/approval.asl.json. */
  definition?: string;
}

export const repoRoot = join(__dirname, '..', '..');

/**
 * Ratify on AWS, generic over the shared definitions: one table, one function per entry of the functions list,
 * the approval state machine, the HTTP API behind a JWT authorizer, SES with bounce handling, the link-signing
 * secret, and the operators' alarms and dashboard. Everything encrypted with one customer managed key.
 */
export class RatifyStack extends Stack {
  readonly table: dynamodb.Table;
  readonly handlers: HandlerFunctions;
  readonly approval: ApprovalStateMachine;
  readonly http: RatifyHttpApi;
  readonly identity: Identity;
  readonly email: Email;
  readonly linkSecret: secretsmanager.Secret;
  readonly deadLetters: sqs.Queue;
  readonly monitoring: Monitoring;

  constructor(scope: Construct, id: string, props: RatifyStackProps) {
    super(scope, id, props);
    const { config } = props;
    const defs = props.functions ?? functionDefs;
    const logRetention = config.logRetentionDays as logs.RetentionDays;

    const key = createEncryptionKey(this);
    const tableDef = props.table ?? ratifyTable;
    const table = (this.table = createDataTable(this, tableDef, key));

    const linkSecret = (this.linkSecret = new secretsmanager.Secret(this, 'LinkSigningKey', {
      description: 'Ratify: HMAC key that signs the sign-off links sent by e-mail',
      encryptionKey: key,
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
      removalPolicy: RemovalPolicy.RETAIN,
    }));
    Validations.of(linkSecret).acknowledge({
      id: 'AwsSolutions-SMG4',
      reason:
        'Rotating the link-signing key invalidates every sign-off link already e-mailed; operators rotate it deliberately (put-secret-value) between approval cycles, as the README describes.',
    });

    const email = (this.email = new Email(this, 'Email', { senderDomain: config.senderDomain, key }));

    // SQS-managed encryption: Lambda, SNS and EventBridge can all write dead letters without grants on our key.
    const deadLetters = (this.deadLetters = new sqs.Queue(this, 'DeadLetters', {
      encryption: sqs.QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    }));
    Validations.of(deadLetters).acknowledge({
      id: 'AwsSolutions-SQS3',
      reason: 'This queue is itself the dead-letter queue of the asynchronously invoked functions and of their SNS and EventBridge deliveries.',
    });

    const { stateMachineArn, executionsArn } = approvalStateMachineArns(this);
    const http = (this.http = new RatifyHttpApi(this, 'Http', {
      key,
      logRetention,
      rateLimit: config.apiRateLimit,
      burstLimit: config.apiBurstLimit,
      domainName: config.domainName,
      certificateArn: config.certificateArn,
    }));
    const identity = (this.identity = new Identity(this, 'Identity', { config, publicUrl: http.publicUrl }));

    const handlers = (this.handlers = new HandlerFunctions(this, 'Functions', {
      defs,
      repoRoot,
      key,
      logRetention,
      deadLetterQueue: deadLetters,
      // DESIGN.md "Environment of every handler".
      environment: {
        RATIFY_TABLE: table.tableName,
        RATIFY_STATE_MACHINE_ARN: stateMachineArn,
        RATIFY_SENDER: config.senderAddress,
        RATIFY_PUBLIC_URL: http.publicUrl,
        RATIFY_LINK_SECRET_ARN: linkSecret.secretArn,
        RATIFY_ROLES_CLAIM: config.rolesClaim,
        RATIFY_SES_CONFIGURATION_SET: email.configurationSet.configurationSetName,
        RATIFY_CLERK_ALERT_ADDRESS: config.clerkAlertAddress ?? config.senderAddress,
        RATIFY_AUTH_ISSUER: identity.issuer,
        RATIFY_AUTH_CLIENT_ID: identity.clientIds[0],
        // Browser sign-in (functions/auth/): through the Cognito hosted UI domain, or the OIDC issuer's discovery
        // document. A user pool without a domain has no sign-in page: pages then answer 401.
        ...(identity.signInDomain ? { RATIFY_AUTH_DOMAIN: identity.signInDomain.baseUrl() } : {}),
        ...(identity.signInDomain || !identity.userPool ? { RATIFY_SIGN_IN_URL: '/auth/login' } : {}),
        POWERTOOLS_SERVICE_NAME: 'ratify',
      },
      grantTargets: {
        region: this.region,
        tableArn: table.tableArn,
        indexArns: tableDef.globalSecondaryIndexes.map((i) => `${table.tableArn}/index/${i.indexName}`),
        keyArn: key.keyArn,
        stateMachineArn,
        executionsArn,
        emailIdentityArn: email.identityArn,
        configurationSetArn: email.configurationSetArn,
        senderAddress: config.senderAddress,
        linkSecretArn: linkSecret.secretArn,
      },
    }));
    const ofKind = <K extends FunctionDef['kind']>(kind: K) => handlers.functions.filter((h) => h.def.kind === kind);

    http.addFunctionRoutes(ofKind('api'), identity.authorizer);

    const workflowFunctions: Record<string, lambda.IFunction> = {};
    for (const { def, fn } of ofKind('workflow')) {
      if (def.kind === 'workflow') workflowFunctions[def.substitution] = fn;
    }
    const approval = (this.approval = new ApprovalStateMachine(this, 'Approval', {
      definition: props.definition ?? readApprovalDefinition(),
      functions: workflowFunctions,
      key,
      logRetention,
    }));

    for (const { def, fn } of ofKind('event')) {
      if (def.kind !== 'event') continue;
      if (def.trigger.type === 'emailFeedback') {
        email.feedbackTopic.addSubscription(new subscriptions.LambdaSubscription(fn, { deadLetterQueue: deadLetters }));
      } else {
        new events.Rule(this, `${def.id}Schedule`, {
          description: def.description,
          schedule: events.Schedule.expression(def.trigger.expression),
          targets: [new targets.LambdaFunction(fn, { deadLetterQueue: deadLetters, retryAttempts: 2, maxEventAge: Duration.hours(1) })],
        });
      }
    }

    const monitoring = (this.monitoring = new Monitoring(this, 'Monitoring', {
      functions: handlers.functions,
      stateMachine: approval.stateMachine,
      api: http.api,
      deadLetterQueue: deadLetters,
      key,
      alarmEmail: config.alarmEmail,
    }));

    // nodejs22.x is the runtime the deployment standard names; cdk-nag asks for the newest family.
    Validations.of(this).acknowledge({
      id: 'AwsSolutions-L1',
      reason: 'Functions run on nodejs22.x by decision (the supported LTS line our dependencies are tested on); moving to a newer runtime is a deliberate upgrade.',
    });

    new CfnOutput(this, 'ApiUrl', { value: http.api.apiEndpoint, description: 'The API and dashboard (execute-api address)' });
    new CfnOutput(this, 'PublicUrl', { value: http.publicUrl, description: 'Base URL used in e-mailed links' });
    if (http.domain) {
      new CfnOutput(this, 'DomainTarget', { value: http.domain.regionalDomainName, description: `CNAME ${config.domainName} to this` });
    }
    new CfnOutput(this, 'TableName', { value: table.tableName });
    new CfnOutput(this, 'StateMachineArn', { value: approval.stateMachine.stateMachineArn });
    new CfnOutput(this, 'AuthIssuer', { value: identity.issuer });
    if (identity.userPool) new CfnOutput(this, 'UserPoolId', { value: identity.userPool.userPoolId });
    new CfnOutput(this, 'AuthClientId', { value: identity.clientIds[0] });
    new CfnOutput(this, 'AlarmTopicArn', { value: monitoring.alarmTopic.topicArn, description: 'Subscribe operators here' });
    new CfnOutput(this, 'DashboardName', { value: monitoring.dashboard.dashboardName });
    new CfnOutput(this, 'LinkSigningKeyArn', { value: linkSecret.secretArn });
    for (const i of [1, 2, 3] as const) {
      const record = email.identity[`dkimDnsTokenName${i}`];
      const value = email.identity[`dkimDnsTokenValue${i}`];
      new CfnOutput(this, `DkimRecord${i}`, { value: `${record} CNAME ${value}`, description: `DKIM record ${i} to publish for ${config.senderDomain}` });
    }
  }
}
