/**
 * A real local DynamoDB (dynalite, in memory) with the Ratify table, and the environment the store reads, for
 * store and workflow tests. A settable clock stands in for the stack's.
 */
import type { NewRunItems } from '../../../functions/domain/newRun';
import type { ActorRef } from '../../../functions/domain/runModel';
import { resetClients } from '../../../functions/platform/aws';
import { putNewRun } from '../../../functions/store/runStore';
import { installClock, resetClock } from '../../../functions/platform/clock';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalDynamo, type LocalDynamo } from '../../../infra/local/dynamo';
import { startLocalSes, type LocalSes } from '../../../infra/local/ses';

export interface TestTable {
  dynamo: LocalDynamo;
  clock: { now(): Date; set(at: string | Date): void };
  close(): Promise<void>;
}

export async function startTestTable(start = '2017-01-09T09:00:00Z'): Promise<TestTable> {
  const dynamo = await startLocalDynamo();
  let current = new Date(start);
  const clock = { now: () => current, set: (at: string | Date) => void (current = new Date(at)) };
  const saved = { ...process.env };
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
    RATIFY_TABLE: dynamo.tableName,
  });
  resetClients();
  installClock(clock);
  return {
    dynamo,
    clock,
    close: async () => {
      await dynamo.close();
      resetClock();
      resetClients();
      process.env = saved;
    },
  };
}

export interface TestTableAndSes {
  table: TestTable;
  ses: LocalSes;
  close(): Promise<void>;
}

/** The local table and a local SES API on the same clock, with the environment that points the SDK at both. */
export async function startTestTableAndSes(env: Record<string, string> = {}): Promise<TestTableAndSes> {
  const table = await startTestTable();
  const dir = await mkdtemp(join(tmpdir(), 'ratify-ses-'));
  const ses = await startLocalSes({ dir, clock: table.clock });
  Object.assign(process.env, { AWS_ENDPOINT_URL_SES: ses.url, ...env });
  resetClients();
  return {
    table,
    ses,
    close: async () => {
      await ses.close();
      await table.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Stores a new run as starting it does, with its one "Started" line of audit trail (by `clerk`, at `at`). */
export async function storeStartedRun(items: NewRunItems, clerk: ActorRef, at: Date): Promise<void> {
  await putNewRun(items, { who: clerk, what: 'Started', when: at.toISOString(), stateBefore: null, stateAfter: null }, null);
}
