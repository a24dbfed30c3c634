/**
 * `META.workflowFailure`: set while a run's workflow keeps failing, so the clerk sees it; cleared by the first
 * Reconcile that works. Written without reading the run through its schema: a run whose items no longer parse
 * may be the very reason its workflow fails.
 */
import { GetCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { dynamo, tableName } from './dynamo';
import { conditionalWrite } from './conditionalWrite';
import { META, runPk } from './runKeys';

/** What the failure e-mail needs from META, read leniently. */
export const failureContactSchema = z.object({
  status: z.string(),
  plan: z.object({ title: z.string() }),
  startedBy: z.object({ name: z.string(), email: z.string() }),
});
export type FailureContact = z.infer<typeof failureContactSchema>;

export async function readFailureContact(runId: string): Promise<FailureContact | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk: runPk(runId), sk: META }, ConsistentRead: true }));
  const parsed = failureContactSchema.safeParse(out.Item);
  return parsed.success ? parsed.data : undefined;
}

/** Records a failure; answers when this failure episode began (`at` when it is the first one). */
export async function markWorkflowFailure(runId: string, error: string, at: string): Promise<{ since: string; first: boolean }> {
  const key = { pk: runPk(runId), sk: META };
  const first = await conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET workflowFailure = :f',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(workflowFailure)',
        ExpressionAttributeValues: { ':f': { since: at, lastAt: at, error } },
      }),
    ),
  );
  if (first) return { since: at, first: true };
  let since = at;
  // Only the run's own execution sets or clears the flag, one step at a time: it is still there.
  await conditionalWrite(async () => {
    const out = await dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key,
        UpdateExpression: 'SET workflowFailure.lastAt = :at, workflowFailure.#error = :e',
        ConditionExpression: 'attribute_exists(workflowFailure)',
        ExpressionAttributeNames: { '#error': 'error' },
        ExpressionAttributeValues: { ':at': at, ':e': error },
        ReturnValues: 'ALL_NEW',
      }),
    );
    since = String((out.Attributes?.workflowFailure as { since?: unknown } | undefined)?.since ?? at);
  });
  return { since, first: false };
}

/** Clears the flag; true when it was set. */
export async function clearWorkflowFailure(runId: string): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: runPk(runId), sk: META },
        UpdateExpression: 'REMOVE workflowFailure',
        ConditionExpression: 'attribute_exists(workflowFailure)',
      }),
    ),
  );
}
