/**
 * A local data directory made before an index was added to the table definition: the local DynamoDB makes the
 * table again with every index and keeps every item, so the new index lists what was already stored.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import { startLocalDynamo } from '../../../infra/local/dynamo';
import { dummyCredentials, LOCAL_REGION } from '../../../infra/local/net';
import { ratifyTable } from '../../../infra/definitions/table';

describe('the local table after an index is added', () => {
  it('is made again with every index, its items kept', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'ratify-dynamo-'));
    const older = { ...ratifyTable, globalSecondaryIndexes: ratifyTable.globalSecondaryIndexes.filter((i) => i.indexName !== 'byCalendar') };
    try {
      const first = await startLocalDynamo({ dir, table: older });
      const c1 = new DynamoDBClient({ endpoint: first.url, region: LOCAL_REGION, credentials: dummyCredentials });
      await c1.send(new PutItemCommand({ TableName: older.localName, Item: { pk: { S: 'BODY#cabinet' }, sk: { S: 'BODY' }, gsi4pk: { S: 'BODIES' }, gsi4sk: { S: 'cabinet' } } }));
      c1.destroy();
      await first.close();

      const second = await startLocalDynamo({ dir });
      const c2 = new DynamoDBClient({ endpoint: second.url, region: LOCAL_REGION, credentials: dummyCredentials });
      const table = await c2.send(new DescribeTableCommand({ TableName: ratifyTable.localName }));
      expect(table.Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(ratifyTable.globalSecondaryIndexes.map((i) => i.indexName).sort());
      const listed = await c2.send(
        new QueryCommand({ TableName: ratifyTable.localName, IndexName: 'byCalendar', KeyConditionExpression: 'gsi4pk = :p', ExpressionAttributeValues: { ':p': { S: 'BODIES' } } }),
      );
      expect(listed.Items?.map((i) => i.pk.S)).toEqual(['BODY#cabinet']);
      c2.destroy();
      await second.close();
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
