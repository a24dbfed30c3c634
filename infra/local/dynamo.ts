import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import dynalite from 'dynalite';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ResourceNotFoundException,
  type CreateTableCommandInput,
} from '@aws-sdk/client-dynamodb';
import { ratifyTable, type TableDef } from '../definitions/table';
import { close, dummyCredentials, listen, LOCAL_REGION } from './net';

export interface LocalDynamo {
  url: string;
  port: number;
  tableName: string;
  close(): Promise<void>;
}

/**
 * The local DynamoDB API: dynalite on LevelDB under `dir` (in memory without one), with the Ratify table
 * created from the same definition as the CDK stack. dynalite has no TTL API: expired items stay, and readers
 * already treat an `expiresAt` in the past as gone.
 */
export async function startLocalDynamo(opts: { dir?: string; port?: number; table?: TableDef } = {}): Promise<LocalDynamo> {
  if (opts.dir) await mkdir(opts.dir, { recursive: true });
  closeIteratorsWhenStreamsEnd();
  const server = dynalite({ path: opts.dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const port = await listen(server, opts.port);
  const url = `http://127.0.0.1:${port}`;
  const table = opts.table ?? ratifyTable;
  try {
    await ensureTable(url, table);
  } catch (err) {
    await close(server);
    throw err;
  }
  return { url, port, tableName: table.localName, close: () => close(server) };
}

/**
 * dynalite 4 reads LevelDB through streams made from abstract-level iterators, and on a stream's end or destroy
 * it closes the iterator with `iterator.return()`, a method abstract-level iterators do not have. So every Query,
 * Scan and table walk left its iterator open, attached to the database until the server closed, holding what it
 * had read (and, on disk, a LevelDB snapshot): the heap and RSS grew with every read. Giving the iterators that
 * method (it closes them, which detaches them) makes each read release its iterator. Patched once, before the
 * first store is opened; idempotent. `test/infra/local/dynamoMemory.test.ts` keeps memory flat across reads.
 */
export function closeIteratorsWhenStreamsEnd(): void {
  const level = createRequire(require.resolve('dynalite'))('abstract-level') as { AbstractIterator: { prototype: object } };
  const common = Object.getPrototypeOf(level.AbstractIterator.prototype) as { return?: () => Promise<void>; close(): Promise<void> };
  if (typeof common.close !== 'function') throw new Error('abstract-level iterators changed: review closeIteratorsWhenStreamsEnd');
  if (!common.return) {
    Object.defineProperty(common, 'return', {
      configurable: true,
      writable: true,
      value: function (this: { close(): Promise<void> }) {
        return this.close();
      },
    });
  }
}

export async function ensureTable(endpoint: string, table: TableDef = ratifyTable): Promise<void> {
  const client = new DynamoDBClient({ endpoint, region: LOCAL_REGION, credentials: dummyCredentials });
  try {
    await client.send(new DescribeTableCommand({ TableName: table.localName }));
  } catch (err) {
    if (!(err instanceof ResourceNotFoundException)) throw err;
    await client.send(new CreateTableCommand(createTableInput(table)));
  } finally {
    client.destroy();
  }
}

export function createTableInput(table: TableDef): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N'>();
  for (const key of [table.partitionKey, table.sortKey, ...table.globalSecondaryIndexes.flatMap((i) => [i.partitionKey, i.sortKey])]) {
    attributes.set(key.name, key.type);
  }
  return {
    TableName: table.localName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    KeySchema: [
      { AttributeName: table.partitionKey.name, KeyType: 'HASH' },
      { AttributeName: table.sortKey.name, KeyType: 'RANGE' },
    ],
    GlobalSecondaryIndexes: table.globalSecondaryIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey.name, KeyType: 'HASH' },
        { AttributeName: index.sortKey.name, KeyType: 'RANGE' },
      ],
      Projection: { ProjectionType: 'ALL' },
    })),
  };
}
