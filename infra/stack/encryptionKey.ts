import { Aws, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';

/**
 * One customer managed key, rotated yearly, for everything Ratify stores: the table, the link-signing secret,
 * the log groups and the SNS topics. The key policy lets only the AWS services that write those resources use
 * it, each for this account's resources alone.
 */
export function createEncryptionKey(scope: Construct): kms.Key {
  const stack = Stack.of(scope);
  const key = new kms.Key(scope, 'DataKey', {
    description: `Ratify (${stack.stackName}): table, secret, logs and topics`,
    enableKeyRotation: true,
    pendingWindow: Duration.days(30),
    removalPolicy: RemovalPolicy.RETAIN,
  });

  // Action sets as AWS documents them for each service; in a key policy "*" resource means this key only.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'CloudWatchLogsEncryptsOurLogGroups',
      principals: [new iam.ServicePrincipal(`logs.${Aws.REGION}.amazonaws.com`)],
      actions: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      resources: ['*'],
      conditions: {
        ArnLike: { 'kms:EncryptionContext:aws:logs:arn': `arn:${Aws.PARTITION}:logs:${Aws.REGION}:${Aws.ACCOUNT_ID}:log-group:*` },
      },
    }),
  );
  // SES publishes bounce/complaint events and CloudWatch publishes alarms to our encrypted SNS topics.
  key.addToResourcePolicy(
    new iam.PolicyStatement({
      sid: 'PublishersToOurTopics',
      principals: [new iam.ServicePrincipal('ses.amazonaws.com'), new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': Aws.ACCOUNT_ID } },
    }),
  );
  key.addAlias(`alias/${stack.stackName.toLowerCase()}-data`);
  return key;
}
