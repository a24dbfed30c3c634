/**
 * The e-mail idempotency guard: `EMAIL#<reason>` is written before an e-mail is sent, so no e-mail is ever sent
 * twice for the same reason, even when a Lambda is retried. A send that fails for a reason worth retrying
 * releases the claim; a send whose outcome is unknown (the process died) keeps it: at most once.
 */
import { DeleteCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo';
import { emailSk, runPk } from './runKeys';
import { conditionalWrite } from './conditionalWrite';

export async function claimEmail(runId: string, reason: string, facts: { to: string[]; cc: string[]; subject: string; at: string }): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: runPk(runId), sk: emailSk(reason), type: 'email', reason, state: 'sending', ...facts },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function markEmailSent(runId: string, reason: string, messageId: string | undefined): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: runPk(runId), sk: emailSk(reason) },
      UpdateExpression: 'SET #state = :sent, messageId = :id',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':sent': 'sent', ':id': messageId ?? null },
    }),
  );
}

export async function markEmailFailed(runId: string, reason: string, error: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: runPk(runId), sk: emailSk(reason) },
      UpdateExpression: 'SET #state = :failed, #error = :e',
      ExpressionAttributeNames: { '#state': 'state', '#error': 'error' },
      ExpressionAttributeValues: { ':failed': 'failed', ':e': error },
    }),
  );
}

export async function releaseEmail(runId: string, reason: string): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: runPk(runId), sk: emailSk(reason) } }));
}
