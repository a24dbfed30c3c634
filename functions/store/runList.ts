/**
 * The runs list from the indexes (docs/API.md "Runs list, paginated", DESIGN.md "Data model"): pages of the
 * byStatus index (each status's runs by next deadline, the statuses in `runStatuses` order) whose META items
 * carry the run's listing, filtered by FilterExpressions on the listing's lower-case attributes. A request reads
 * at most `MAX_PAGES` index pages of at most `limit + 1` items: its cost does not grow with the runs stored. The
 * cursor is the position after the last run answered (which status, and the index key there), base64url JSON.
 */
import { BatchGetCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { invalid } from '../domain/errors';
import { listedSnapshot, listingSchema, type RunListFilter } from '../domain/runListing';
import { runMetaSchema, runStatuses, stageSchema, type RunSnapshot, type RunStatus, type Stage } from '../domain/runModel';
import { logger } from '../platform/logger';
import { dynamo, tableName } from './dynamo';
import { META, runPk, statusPk } from './runKeys';
import { loadRun } from './runStore';

/** Index pages read by one request at most; with sparse filters a page may come back short, with a `next`. */
export const MAX_PAGES = 10;

export interface RunPage {
  runs: RunSnapshot[];
  next: string | null;
}

const keySchema = z.record(z.string(), z.string());
const cursorSchema = z.object({ s: z.number().int().min(0), k: keySchema.optional() });
type Cursor = z.infer<typeof cursorSchema>;

export function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

function decodeCursor(value: string, check: (c: Cursor) => boolean): Cursor {
  try {
    const cursor = cursorSchema.parse(JSON.parse(Buffer.from(value, 'base64url').toString('utf8')));
    if (check(cursor)) return cursor;
  } catch {
    // refused below
  }
  throw invalid('The cursor is not one this list gave', { cursor: 'Use the `next` of the previous page' });
}

function filterExpression(filter: RunListFilter) {
  const conditions: string[] = [];
  const values: Record<string, string | boolean> = {};
  const names: Record<string, string> = {};
  if (filter.keyDecision) {
    conditions.push('#plan.keyDecision = :kd');
    names['#plan'] = 'plan';
    values[':kd'] = true;
  }
  if (filter.body) {
    conditions.push('contains(lBodies, :body)');
    values[':body'] = filter.body;
  }
  if (filter.author) {
    conditions.push('lAuthor = :author');
    values[':author'] = filter.author;
  }
  if (filter.officer) {
    conditions.push('contains(lOfficers, :officer)');
    values[':officer'] = filter.officer;
  }
  (filter.words ?? []).forEach((word, i) => {
    conditions.push(`contains(lWords, :w${i})`);
    values[`:w${i}`] = word;
  });
  if (filter.namedOn) {
    conditions.push('(lAuthor = :me OR contains(lOfficers, :me))');
    values[':me'] = filter.namedOn;
  }
  return conditions.length ? { FilterExpression: conditions.join(' AND '), values, names: Object.keys(names).length ? names : undefined } : undefined;
}

/** The run of a META item as the list shows it; a run written before listings were kept is read whole. */
async function snapshotsOf(items: Record<string, unknown>[]): Promise<RunSnapshot[]> {
  return (
    await Promise.all(
      items.map(async (item) => {
        const meta = runMetaSchema.safeParse(item);
        const listing = listingSchema.safeParse(item.listing);
        if (meta.success && listing.success) return listedSnapshot(meta.data, listing.data);
        if (typeof item.runId !== 'string') return undefined;
        try {
          return await loadRun(item.runId);
        } catch (err) {
          logger.warn('a run in the list could not be read: left out', { runId: item.runId, error: err as Error });
          return undefined;
        }
      }),
    )
  ).filter((s): s is RunSnapshot => !!s);
}

/** One page of runs with one of `statuses` (all of them by default), in status order then next deadline. */
export async function queryRunList(opts: { statuses?: readonly RunStatus[]; filter: RunListFilter; limit: number; cursor?: string }): Promise<RunPage> {
  const statuses = opts.statuses ?? runStatuses;
  const { limit } = opts;
  let at: Cursor = opts.cursor
    ? decodeCursor(opts.cursor, (c) => c.s < statuses.length && (!c.k || (c.k.gsi1pk === statusPk(statuses[c.s]) && typeof c.k.pk === 'string')))
    : { s: 0 };
  const filter = filterExpression(opts.filter);
  const found: { item: Record<string, unknown>; s: number }[] = [];
  for (let pages = 0; pages < MAX_PAGES && at.s < statuses.length; pages++) {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        IndexName: 'byStatus',
        KeyConditionExpression: 'gsi1pk = :pk',
        ExpressionAttributeValues: { ':pk': statusPk(statuses[at.s]), ...filter?.values },
        ...(filter ? { FilterExpression: filter.FilterExpression } : {}),
        ...(filter?.names ? { ExpressionAttributeNames: filter.names } : {}),
        ExclusiveStartKey: at.k,
        // One more than asked tells whether a next page exists; a filtered page may keep few of what it reads.
        Limit: filter ? limit + 1 : limit + 1 - found.length,
      }),
    );
    for (const item of out.Items ?? []) found.push({ item, s: at.s });
    if (found.length > limit) {
      const last = found[limit - 1];
      const k = Object.fromEntries(['pk', 'sk', 'gsi1pk', 'gsi1sk'].map((name) => [name, String(last.item[name])]));
      return { runs: await snapshotsOf(found.slice(0, limit).map((f) => f.item)), next: encodeCursor({ s: last.s, k }) };
    }
    at = out.LastEvaluatedKey ? { s: at.s, k: out.LastEvaluatedKey as Record<string, string> } : { s: at.s + 1 };
  }
  return { runs: await snapshotsOf(found.map((f) => f.item)), next: at.s < statuses.length ? encodeCursor(at) : null };
}

/** The listed runs with these ids (META only, by BatchGet; unknown ids are left out), in no particular order. */
export async function listedRuns(runIds: string[]): Promise<RunSnapshot[]> {
  const items: Record<string, unknown>[] = [];
  const ids = [...new Set(runIds)];
  for (let i = 0; i < ids.length; i += 100) {
    let keys: Record<string, unknown>[] = ids.slice(i, i + 100).map((id) => ({ pk: runPk(id), sk: META }));
    for (let attempt = 0; keys.length; attempt++) {
      if (attempt > 8) throw Object.assign(new Error('DynamoDB kept keys unprocessed'), { name: 'Throttling' });
      if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await dynamo().send(new BatchGetCommand({ RequestItems: { [tableName()]: { Keys: keys } } }));
      items.push(...((out.Responses?.[tableName()] ?? []) as Record<string, unknown>[]));
      keys = (out.UnprocessedKeys?.[tableName()]?.Keys ?? []) as Record<string, unknown>[];
    }
  }
  return snapshotsOf(items);
}

export interface StagePage {
  stages: { runId: string; stage: Stage }[];
  next: string | null;
}

/** Stages by meeting date from `from` on (the byMeetingDate index), one bounded page; the cursor as above. */
export async function upcomingStages(from: string, limit: number, cursor?: string): Promise<StagePage> {
  const start = cursor ? decodeCursor(cursor, (c) => c.s === 0 && !!c.k && c.k.gsi3pk === 'MEETINGS' && typeof c.k.pk === 'string') : undefined;
  // A cursor from before today's date began is simply behind today: start from today.
  if (start?.k && start.k.gsi3sk < from) start.k = undefined;
  const out = await dynamo().send(
    new QueryCommand({
      TableName: tableName(),
      IndexName: 'byMeetingDate',
      KeyConditionExpression: 'gsi3pk = :pk AND gsi3sk >= :from',
      ExpressionAttributeValues: { ':pk': 'MEETINGS', ':from': from },
      ExclusiveStartKey: start?.k,
      Limit: limit,
    }),
  );
  const stages: StagePage['stages'] = [];
  for (const item of out.Items ?? []) {
    const stage = stageSchema.safeParse(item);
    if (stage.success && typeof item.runId === 'string') stages.push({ runId: item.runId, stage: stage.data });
  }
  return { stages, next: out.LastEvaluatedKey ? encodeCursor({ s: 0, k: out.LastEvaluatedKey as Record<string, string> }) : null };
}
