import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo';
import { conditionalWrite } from './conditionalWrite';
import { META, runPk } from './runKeys';
import type { Undeliverable } from '../domain/emailFeedback';

/** `USER#<email>` / `UNDELIVERABLE`: an address SES told us it cannot deliver to (DESIGN.md data model). */
export const undeliverableKey = (email: string) => ({ pk: `USER#${email}`, sk: 'UNDELIVERABLE' });

/**
 * Records the address as undeliverable. Answers false when this very SES message was recorded before (SNS
 * delivers at least once), so the clerk is alerted once per failed e-mail.
 */
export async function recordUndeliverable(u: Undeliverable, messageId: string, at: Date, runId?: string): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...undeliverableKey(u.email), email: u.email, reason: u.reason, detail: u.detail, messageId, at: at.toISOString(), runId },
        ConditionExpression: 'attribute_not_exists(pk) OR messageId <> :m',
        ExpressionAttributeValues: { ':m': messageId },
      }),
    ),
  );
}

export async function isUndeliverable(email: string): Promise<boolean> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: undeliverableKey(email), ProjectionExpression: 'pk' }));
  return Item !== undefined;
}

export interface RunContact {
  /** The run is stored (its e-mails' guards, alerts included, live under it). */
  exists?: boolean;
  clerkEmail?: string;
  planTitle?: string;
}

/** The clerk who started the run and the plan's title, read from the run's META item. */
export async function runContact(runId: string): Promise<RunContact> {
  const { Item } = await dynamo().send(
    new GetCommand({
      TableName: tableName(),
      Key: { pk: runPk(runId), sk: META },
      ProjectionExpression: 'startedBy, #plan',
      ExpressionAttributeNames: { '#plan': 'plan' },
    }),
  );
  const startedBy: unknown = Item?.startedBy;
  const clerkEmail =
    typeof startedBy === 'string' ? startedBy : typeof (startedBy as { email?: unknown })?.email === 'string' ? (startedBy as { email: string }).email : undefined;
  const title: unknown = (Item?.plan as { title?: unknown } | undefined)?.title;
  return { exists: Item !== undefined, clerkEmail: clerkEmail?.toLowerCase(), planTitle: typeof title === 'string' ? title : undefined };
}
