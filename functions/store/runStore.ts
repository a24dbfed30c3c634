/**
 * Reading and writing a run's items. Every write is a single-item (conditional) write: the run's META item is
 * written last when a run is created, so a half-written run is never visible.
 */
import { BatchWriteCommand, GetCommand, paginateQuery, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from './dynamo';
import { conditionalWrite } from './conditionalWrite';
import type { NewRunItems } from '../domain/newRun';
import { emailGuardSchema } from '../domain/emailGuards';
import { listingOf, type ListingAttributes } from '../domain/runListing';
import {
  decisionSchema,
  eventSchema,
  revisionSchema,
  runMetaSchema,
  signoffSchema,
  stageSchema,
  type ActorRef,
  type Decision,
  type LateItem,
  type Revision,
  type RunEvent,
  type RunMeta,
  type RunSnapshot,
  type RunStatus,
  type Signoff,
  type Stage,
} from '../domain/runModel';
import {
  decisionSk,
  eventSk,
  META,
  metaIndex,
  revisionSk,
  runPk,
  signoffIndex,
  signoffSk,
  stageIndex,
  stageMeetingIndex,
  stageSk,
  statusPk,
} from './runKeys';

/** DynamoDB refuses a partition key over 2,048 bytes: no run can have such an id. */
const MAX_KEY_BYTES = 2048;

/** Every item of the run, or undefined when it has no META (never created). */
export async function loadRun(runId: string): Promise<RunSnapshot | undefined> {
  if (Buffer.byteLength(runPk(runId)) > MAX_KEY_BYTES) return undefined;
  const items: Record<string, unknown>[] = [];
  const pages = paginateQuery(
    { client: dynamo() },
    { TableName: tableName(), KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': runPk(runId) }, ConsistentRead: true },
  );
  for await (const page of pages) items.push(...((page.Items ?? []) as Record<string, unknown>[]));
  return snapshotOf(items);
}

/** Sorts a run's raw items into a snapshot (sort keys tell what each item is). */
export function snapshotOf(items: Record<string, unknown>[]): RunSnapshot | undefined {
  const metaItem = items.find((i) => i.sk === META);
  if (!metaItem) return undefined;
  const of = (prefix: string) => items.filter((i) => typeof i.sk === 'string' && i.sk.startsWith(prefix));
  return {
    meta: runMetaSchema.parse(metaItem),
    stages: of('STAGE#').map((i) => stageSchema.parse(i)).sort((a, b) => a.index - b.index),
    signoffs: of('SIGNOFF#')
      .sort((a, b) => String(a.createdOrder ?? a.sk).localeCompare(String(b.createdOrder ?? b.sk)))
      .map((i) => signoffSchema.parse(i)),
    decisions: of('DECISION#').map((i) => decisionSchema.parse(i)),
    revisions: of('REVISION#').map((i) => revisionSchema.parse(i)),
    sentEmails: new Set(of('EMAIL#').map((i) => String(i.sk).slice('EMAIL#'.length))),
    emailGuards: of('EMAIL#').map((i) => emailGuardSchema.parse(i)),
    events: of('EVENT#').map((i) => eventSchema.parse(i)),
  };
}

const pad = (n: number) => String(n).padStart(4, '0');

export function signoffItem(runId: string, so: Signoff, order: number) {
  return { pk: runPk(runId), sk: signoffSk(so.id), type: 'signoff', runId, createdOrder: pad(order), ...so, ...signoffIndex(runId, so) };
}

/** A stage item with its index entries: meetings by date, and the calendar meeting's list when it is at one. */
export function stageItem(runId: string, s: Stage) {
  return { pk: runPk(runId), sk: stageSk(s.index), type: 'stage', runId, ...s, ...stageIndex(runId, s), ...stageMeetingIndex(runId, s) };
}

export function revisionItem(runId: string, revision: Revision) {
  return { pk: runPk(runId), sk: revisionSk(revision.n), type: 'revision', ...revision };
}

async function batchPut(items: Record<string, unknown>[]): Promise<void> {
  for (let i = 0; i < items.length; i += 25) {
    let request: Record<string, { PutRequest: { Item: Record<string, unknown> } }[]> | undefined = {
      [tableName()]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    for (let attempt = 0; request && Object.keys(request).length; attempt++) {
      if (attempt > 8) throw Object.assign(new Error('DynamoDB kept items unprocessed'), { name: 'Throttling' });
      if (attempt) await new Promise((r) => setTimeout(r, 50 * 2 ** attempt));
      const out = await dynamo().send(new BatchWriteCommand({ RequestItems: request }));
      request = out.UnprocessedItems as typeof request;
    }
  }
}

/**
 * Stores a new run: stages and sign-offs, then META (only if no run has that id), then the first event. False
 * when the run existed (a retried creation under a derived id): nothing of it is changed (the items a creation cut
 * off before its META left are written again). The first event comes after META so that a creation
 * cut off and made again leaves one; a retry that finds the run without it writes it (`startRun`).
 */
export async function putNewRun(run: NewRunItems, firstEvent: RunEvent, nextDeadline: string | null): Promise<boolean> {
  const { meta } = run;
  const pk = runPk(meta.runId);
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: { pk, sk: META }, ConsistentRead: true, ProjectionExpression: 'pk' }));
  if (Item) return false;
  await batchPut([
    ...run.stages.map((s) => stageItem(meta.runId, s)),
    ...run.signoffs.map((so, i) => signoffItem(meta.runId, so, i)),
  ]);
  const created = await conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk, sk: META, type: 'run', ...meta, ...metaIndex(meta, nextDeadline), ...listingOf({ ...run, decisions: [] }) },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  if (created) await appendEvent(meta.runId, firstEvent);
  return created;
}

/**
 * Opens again a run closed because its execution could not be started (`reason` as `putWithdrawal` wrote it), for
 * a retried creation with the same key; false when it is not so closed.
 */
export async function reopenUnstartedRun(runId: string, reason: string): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: runPk(runId), sk: META },
        UpdateExpression: 'SET #status = :running, gsi1pk = :g REMOVE withdrawal, finishedAt ADD version :one',
        ConditionExpression: '#status = :withdrawn AND withdrawal.reason = :reason',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':running': 'running', ':withdrawn': 'withdrawn', ':reason': reason, ':g': statusPk('running'), ':one': 1 },
      }),
    ),
  );
}

export async function appendEvent(runId: string, event: RunEvent): Promise<void> {
  await dynamo().send(new PutCommand({ TableName: tableName(), Item: { pk: runPk(runId), sk: eventSk(event.when), type: 'event', ...event } }));
}

/** Records a decision; false when this stage already has one for this round. */
export async function putDecision(runId: string, decision: Decision): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { pk: runPk(runId), sk: decisionSk(decision.stageIndex, decision.round), type: 'decision', ...decision },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** Records a revision; false when revision `n` exists already (a concurrent one got there first). */
export async function putRevision(runId: string, revision: Revision): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: revisionItem(runId, revision),
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
}

/** Answers a requested sign-off; false when it was already answered (or asked again meanwhile). */
export async function putSignoffAnswer(
  runId: string,
  signoffId: string,
  round: number,
  answer: { status: 'signed' | 'changes-requested'; comment: string | null; by: ActorRef; at: string; as?: 'officer' | 'deputy' | 'clerk' },
): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: runPk(runId), sk: signoffSk(signoffId) },
        UpdateExpression: 'SET #status = :status, answeredAt = :at, signedAt = :signedAt, #comment = :comment, answeredBy = :by, answeredAs = :as REMOVE gsi2pk, gsi2sk',
        ConditionExpression: '#status = :requested AND round = :round',
        ExpressionAttributeNames: { '#status': 'status', '#comment': 'comment' },
        ExpressionAttributeValues: {
          ':status': answer.status,
          ':at': answer.at,
          ':signedAt': answer.status === 'signed' ? answer.at : null,
          ':comment': answer.comment,
          ':by': answer.by,
          ':as': answer.as ?? null,
          ':requested': 'requested',
          ':round': round,
        },
      }),
    ),
  );
}

/** Records the call-in of a decision (the action of `POST .../call-in`); false when it was called in already. */
export async function putCallIn(runId: string, decision: Pick<Decision, 'stageIndex' | 'round'>, calledIn: NonNullable<Decision['calledIn']>): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: runPk(runId), sk: decisionSk(decision.stageIndex, decision.round) },
        UpdateExpression: 'SET calledIn = :c',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(calledIn)',
        ExpressionAttributeValues: { ':c': calledIn },
      }),
    ),
  );
}

/**
 * Records the despatch of a stage's agenda for the meeting date it was for (and, when the report was cleared,
 * its publication); false when the meeting has moved meanwhile or the report is already published for it.
 */
export async function putStagePublication(
  runId: string,
  stageIndexNo: number,
  p: { agendaFor: string; publishedOn: string; agendaUrl: string | null; publishedAt: string | null },
): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: runPk(runId), sk: stageSk(stageIndexNo) },
        UpdateExpression: p.publishedAt
          ? 'SET agendaFor = :m, publishedOn = :on, agendaUrl = :url, publishedAt = :at, publishedFor = :m'
          : 'SET agendaFor = :m, publishedOn = :on, agendaUrl = :url',
        ConditionExpression: 'meetingDate = :m AND (attribute_not_exists(publishedFor) OR publishedFor <> :m)',
        ExpressionAttributeValues: { ':m': p.agendaFor, ':on': p.publishedOn, ':url': p.agendaUrl, ...(p.publishedAt ? { ':at': p.publishedAt } : {}) },
      }),
    ),
  );
}

/** Records a late item (the chair's agreement) for the stage's meeting date; false when the meeting moved meanwhile. */
export async function putLateItem(runId: string, stageIndexNo: number, lateItem: LateItem): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: runPk(runId), sk: stageSk(stageIndexNo) },
        UpdateExpression: 'SET lateItem = :l',
        ConditionExpression: 'meetingDate = :m',
        ExpressionAttributeValues: { ':l': lateItem, ':m': lateItem.meetingDate },
      }),
    ),
  );
}

/** Withdraws a running run; false when it had already finished. */
export async function putWithdrawal(runId: string, withdrawal: NonNullable<RunMeta['withdrawal']>): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: { pk: runPk(runId), sk: META },
        UpdateExpression: 'SET #status = :withdrawn, withdrawal = :w, finishedAt = :at, gsi1pk = :g ADD version :one',
        ConditionExpression: '#status = :running',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: {
          ':withdrawn': 'withdrawn',
          ':running': 'running',
          ':w': withdrawal,
          ':at': withdrawal.at,
          ':g': statusPk('withdrawn'),
          ':one': 1,
        },
      }),
    ),
  );
}

/** `SET` clauses and values that rewrite the run's listing (runListing.ts), from the snapshot the writer holds. */
function listingUpdate(listed: ListingAttributes | undefined): { set: string; values: Record<string, unknown> } {
  if (!listed) return { set: '', values: {} };
  return {
    set: ', listing = :listing, lAuthor = :lAuthor, lOfficers = :lOfficers, lBodies = :lBodies, lWords = :lWords',
    values: { ':listing': listed.listing, ':lAuthor': listed.lAuthor, ':lOfficers': listed.lOfficers, ':lBodies': listed.lBodies, ':lWords': listed.lWords },
  };
}

/**
 * Marks the run changed (the waiting execution compares versions) and refreshes its place in the dashboard's
 * "next deadline" order, and its listing when given (every action and settle gives it). The status half of that
 * index key is only written with the status itself, so a writer holding an older view of the run cannot move it
 * back to another status. Two writers racing may leave the older listing: the execution, woken by every action,
 * rewrites it from a fresh read when it reconciles (`setNextDeadline`).
 */
export async function touchRun(runId: string, nextDeadline: string | null, listed?: ListingAttributes): Promise<number> {
  const update = listingUpdate(listed);
  const out = await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: runPk(runId), sk: META },
      UpdateExpression: `SET gsi1sk = :sk${update.set} ADD version :one`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':sk': metaIndex({ status: 'running', runId }, nextDeadline).gsi1sk, ':one': 1, ...update.values },
      ReturnValues: 'UPDATED_NEW',
    }),
  );
  return Number(out.Attributes?.version ?? 0);
}

/** Refreshes the dashboard's "next deadline" order (and the listing, when given) without counting as a change of the run. */
export async function setNextDeadline(runId: string, nextDeadline: string | null, listed?: ListingAttributes): Promise<void> {
  const update = listingUpdate(listed);
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: runPk(runId), sk: META },
      UpdateExpression: `SET gsi1sk = :sk${update.set}`,
      ConditionExpression: 'attribute_exists(pk)',
      ExpressionAttributeValues: { ':sk': metaIndex({ status: 'running', runId }, nextDeadline).gsi1sk, ...update.values },
    }),
  );
}

export async function readStatus(runId: string): Promise<RunStatus | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: { pk: runPk(runId), sk: META }, ProjectionExpression: '#s', ExpressionAttributeNames: { '#s': 'status' }, ConsistentRead: true }),
  );
  return out.Item?.status as RunStatus | undefined;
}

export async function readVersion(runId: string): Promise<number | undefined> {
  const out = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: { pk: runPk(runId), sk: META }, ProjectionExpression: 'version', ConsistentRead: true }),
  );
  return out.Item ? Number(out.Item.version) : undefined;
}

/** Run ids by status, soonest next deadline first; every status when none is given. */
export async function listRunIds(status?: RunStatus): Promise<string[]> {
  const statuses: RunStatus[] = status ? [status] : ['running', 'adopted', 'noted', 'rejected', 'withdrawn'];
  const ids: string[] = [];
  for (const s of statuses) {
    const pages = paginateQuery(
      { client: dynamo() },
      { TableName: tableName(), IndexName: 'byStatus', KeyConditionExpression: 'gsi1pk = :pk', ExpressionAttributeValues: { ':pk': statusPk(s) }, ProjectionExpression: 'runId' },
    );
    for await (const page of pages) for (const item of page.Items ?? []) if (typeof item.runId === 'string') ids.push(item.runId);
  }
  return ids;
}
