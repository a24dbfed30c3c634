/**
 * `LINK#<linkId>`: a sign-off link's single-use record. Created before the e-mail carrying the link is sent;
 * the first POST through the link marks it used (conditional update), so a link signs at most once.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo';
import type { VerifiedLink } from '../platform/signoffLinks';
import { LINK_SK, linkPk } from './runKeys';
import { conditionalWrite } from './conditionalWrite';

/** What the link names (run, sign-off, request round, expiry) and when it was used. */
export type LinkRecord = VerifiedLink & { usedAt?: string };

/** Creates the record if missing (the same link is e-mailed in the request and the reminders). */
export async function ensureLink(link: Omit<LinkRecord, 'usedAt'>): Promise<void> {
  await conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: linkPk(link.linkId), sk: LINK_SK, type: 'link', ...link },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

export async function getLink(linkId: string): Promise<LinkRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: linkPk(linkId), sk: LINK_SK }, ConsistentRead: true }));
  return out.Item as LinkRecord | undefined;
}

/** Marks the link used; false when it was used already. */
export async function useLink(linkId: string, at: string): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: linkPk(linkId), sk: LINK_SK },
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt)',
        ExpressionAttributeValues: { ':at': at },
      }),
    ),
  );
}

/** Gives a link back when the answer it carried could not be recorded for a reason worth retrying. */
export async function releaseLink(linkId: string): Promise<void> {
  await dynamo().send(
    new UpdateCommand({ TableName: tableName(), Key: { pk: linkPk(linkId), sk: LINK_SK }, UpdateExpression: 'REMOVE usedAt' }),
  );
}
