/**
 * A person's calendar feed: `FEED#<sha-256 of the token>` / `FEED` names whose feed a token opens, and
 * `USER#<email>` / `CALENDAR-FEED` keeps the random nonce the token is derived from (with the link key) and the
 * hash, so the same address can be given again and revoked. The token itself is never stored.
 */
import { DeleteCommand, GetCommand, paginateQuery, PutCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from './conditionalWrite';
import { dynamo, tableName } from './dynamo';
import { statusPk } from './runKeys';

const feedPk = (hash: string) => `FEED#${hash}`;
const FEED_SK = 'FEED';
const userPk = (email: string) => `USER#${email}`;
const USER_FEED_SK = 'CALENDAR-FEED';

export interface FeedRecord {
  email: string;
  nonce: string;
  hash: string;
  createdAt: string;
}

export async function feedOf(email: string): Promise<FeedRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: userPk(email), sk: USER_FEED_SK }, ConsistentRead: true }));
  return out.Item ? { email, nonce: String(out.Item.nonce), hash: String(out.Item.hash), createdAt: String(out.Item.createdAt) } : undefined;
}

/** Stores a new feed; false when the person got one meanwhile (theirs is kept, this one is undone). */
export async function putFeed(feed: FeedRecord): Promise<boolean> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { pk: feedPk(feed.hash), sk: FEED_SK, type: 'calendar-feed', email: feed.email, createdAt: feed.createdAt } }),
  );
  const made = await conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: userPk(feed.email), sk: USER_FEED_SK, type: 'calendar-feed-of', ...feed },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  if (!made) await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: feedPk(feed.hash), sk: FEED_SK } }));
  return made;
}

/** Revokes the person's feed: its token opens nothing from now on. */
export async function deleteFeed(feed: FeedRecord): Promise<void> {
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: feedPk(feed.hash), sk: FEED_SK } }));
  await dynamo().send(new DeleteCommand({ TableName: tableName(), Key: { pk: userPk(feed.email), sk: USER_FEED_SK } }));
}

/** Whose feed a token's hash opens, or undefined. */
export async function feedOwner(hash: string): Promise<string | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: feedPk(hash), sk: FEED_SK } }));
  return typeof out.Item?.email === 'string' ? out.Item.email : undefined;
}

/** Running runs whose plan's author is this person (the byStatus index, filtered). */
export async function runningRunIdsAuthoredBy(email: string): Promise<string[]> {
  const ids: string[] = [];
  const pages = paginateQuery(
    { client: dynamo() },
    {
      TableName: tableName(),
      IndexName: 'byStatus',
      KeyConditionExpression: 'gsi1pk = :pk',
      FilterExpression: '#plan.#author.#email = :e',
      ExpressionAttributeNames: { '#plan': 'plan', '#author': 'author', '#email': 'email' },
      ExpressionAttributeValues: { ':pk': statusPk('running'), ':e': email },
      ProjectionExpression: 'runId',
    },
  );
  for await (const page of pages) for (const item of page.Items ?? []) if (typeof item.runId === 'string') ids.push(item.runId);
  return ids;
}
