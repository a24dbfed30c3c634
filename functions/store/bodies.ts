/**
 * The council's bodies (`BODY#<bodyId>` / `BODY`), listed through the calendar index (`BODIES` / `<bodyId>`).
 */
import { GetCommand, paginateQuery, PutCommand } from '@aws-sdk/lib-dynamodb';
import { bodySchema, type Body } from '../domain/meetings';
import { dynamo, tableName } from './dynamo';
import { BODIES, BODY_SK, bodyPk } from './runKeys';

/** DynamoDB refuses a key over 2,048 bytes: no body can have such an id. */
const MAX_KEY_BYTES = 2048;

/** Creates or replaces the body. */
export async function putBody(body: Body): Promise<void> {
  await dynamo().send(
    new PutCommand({
      TableName: tableName(),
      Item: { pk: bodyPk(body.id), sk: BODY_SK, type: 'body', ...body, gsi4pk: BODIES, gsi4sk: body.id },
    }),
  );
}

export async function getBody(bodyId: string): Promise<Body | undefined> {
  if (Buffer.byteLength(bodyPk(bodyId)) > MAX_KEY_BYTES) return undefined;
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: bodyPk(bodyId), sk: BODY_SK }, ConsistentRead: true }));
  return out.Item ? bodySchema.parse(out.Item) : undefined;
}

/** Every body, by id. */
export async function listBodies(): Promise<Body[]> {
  const bodies: Body[] = [];
  const pages = paginateQuery(
    { client: dynamo() },
    { TableName: tableName(), IndexName: 'byCalendar', KeyConditionExpression: 'gsi4pk = :pk', ExpressionAttributeValues: { ':pk': BODIES } },
  );
  for await (const page of pages) for (const item of page.Items ?? []) bodies.push(bodySchema.parse(item));
  return bodies;
}
