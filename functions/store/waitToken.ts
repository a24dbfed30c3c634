/**
 * `WAIT#current`: the task token of the wait the run's execution is in. Only the server sees it: API actions
 * read it to wake the execution; it never appears in an answer, an e-mail or a link.
 */
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo';
import { runPk, WAIT_SK } from './runKeys';
import { conditionalWrite } from './conditionalWrite';

export interface WaitToken {
  token: string;
  phase: string;
  /** The run's version when the execution last looked at it. */
  version: number;
  storedAt: number;
}

/** Stores the token unless a newer wait already stored its own (an out-of-order retry); true when stored. */
export async function putWaitToken(runId: string, wait: WaitToken): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: runPk(runId), sk: WAIT_SK, type: 'wait', ...wait },
        ConditionExpression: 'attribute_not_exists(pk) OR storedAt <= :at',
        ExpressionAttributeValues: { ':at': wait.storedAt },
      }),
    ),
  );
}

export async function getWaitToken(runId: string): Promise<WaitToken | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: runPk(runId), sk: WAIT_SK }, ConsistentRead: true }));
  if (!out.Item || typeof out.Item.token !== 'string') return undefined;
  return { token: out.Item.token, phase: String(out.Item.phase), version: Number(out.Item.version), storedAt: Number(out.Item.storedAt) };
}
