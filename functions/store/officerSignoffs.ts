/**
 * Open sign-offs by officer ("my sign-offs"): the sparse `byOfficer` index holds a sign-off only while it is
 * requested, keyed `OFFICER#<email>` and sorted by due date.
 */
import { paginateScan, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo';
import { officerPk } from './runKeys';

export interface OpenSignoffKey {
  runId: string;
  signoffId: string;
  dueBy: string;
}

export async function openSignoffsOf(email: string): Promise<OpenSignoffKey[]> {
  const keys: OpenSignoffKey[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const page = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byOfficer',
        KeyConditionExpression: 'gsi2pk = :pk',
        ExpressionAttributeValues: { ':pk': officerPk(email.trim().toLowerCase()) },
        ProjectionExpression: 'runId, id, dueBy',
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      if (typeof item.runId === 'string' && typeof item.id === 'string') keys.push({ runId: item.runId, signoffId: item.id, dueBy: String(item.dueBy) });
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return keys;
}

/** The sort keys (`<dueBy>#<runId>#<id>`) of every open sign-off; the index is sparse, so this scans only those. */
export async function* openSignoffKeys(): AsyncGenerator<string> {
  const pages = paginateScan(
    { client: dynamo() },
    { TableName: tableName(), IndexName: 'byOfficer', ProjectionExpression: '#sk', ExpressionAttributeNames: { '#sk': 'gsi2sk' } },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) if (typeof item.gsi2sk === 'string') yield item.gsi2sk;
  }
}
