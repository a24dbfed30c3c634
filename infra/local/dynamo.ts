import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import dynalite from 'dynalite';
import {
  BatchWriteItemCommand,
  CreateTableCommand,
  DeleteTableCommand,
  DescribeTableCommand,
  paginateScan,
  type AttributeValue,
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
    const indexes = await describedIndexes(client, table);
    if (!indexes) await createActiveTable(client, table);
    else if (table.globalSecondaryIndexes.some((i) => !indexes.has(i.indexName))) await rebuildWithIndexes(client, table);
  } finally {
    client.destroy();
  }
}

/** The table's index names, or undefined when there is no table (only "not found" means that). */
async function describedIndexes(client: DynamoDBClient, table: TableDef): Promise<Set<string> | undefined> {
  try {
    const described = await client.send(new DescribeTableCommand({ TableName: table.localName }));
    return new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName ?? ''));
  } catch (err) {
    if (err instanceof ResourceNotFoundException) return undefined;
    throw err;
  }
}

/**
 * dynalite answers CreateTable with the table still CREATING and turns it ACTIVE on a later timer tick; until
 * then every read or write of it is "not found". On a busy machine that tick comes late, so the local stack
 * waits for ACTIVE before anything uses the table.
 */
async function createActiveTable(client: DynamoDBClient, table: TableDef): Promise<void> {
  await client.send(new CreateTableCommand(createTableInput(table)));
  for (let tries = 0; ; tries += 1) {
    const described = await client.send(new DescribeTableCommand({ TableName: table.localName }));
    if (described.Table?.TableStatus === 'ACTIVE') return;
    if (tries >= 200) throw new Error(`local table ${table.localName} is still ${described.Table?.TableStatus} after its creation`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/**
 * A data directory made before an index was added: dynalite cannot add an index to a table, so the table is
 * made again from the definition and its items put back (the new index fills from the items' own attributes).
 */
async function rebuildWithIndexes(client: DynamoDBClient, table: TableDef): Promise<void> {
  const items: Record<string, AttributeValue>[] = [];
  for await (const page of paginateScan({ client }, { TableName: table.localName })) items.push(...(page.Items ?? []));
  await client.send(new DeleteTableCommand({ TableName: table.localName }));
  await waitUntilGone(client, table);
  await createActiveTable(client, table);
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, AttributeValue> } }[]> | undefined = {
      [table.localName]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (request && Object.keys(request).length) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: request }));
      request = out.UnprocessedItems as typeof request;
    }
  }
}

/** A deleted table is DELETING until a later tick, and a CreateTable before then is "in use". */
async function waitUntilGone(client: DynamoDBClient, table: TableDef): Promise<void> {
  for (let tries = 0; (await describedIndexes(client, table)) !== undefined; tries += 1) {
    if (tries >= 200) throw new Error(`local table ${table.localName} is still there after its deletion`);
    await new Promise((resolve) => setTimeout(resolve, 25));
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
