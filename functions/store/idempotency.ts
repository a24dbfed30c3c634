import { GetCommand, PutCommand, UpdateCommand, DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from './conditionalWrite';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { dynamo, tableName } from './dynamo';
import { now, realNow } from '../platform/clock';

/**
 * Idempotency-Key records (docs/API.md: per caller, kept at least 24 hours and across restarts).
 * A key is claimed with a conditional put before the work runs, so two concurrent retries cannot both run;
 * the answer is stored once the work succeeds and replayed to later retries.
 */

/** How long a finished answer is kept. */
export const IDEMPOTENCY_TTL_SECONDS = 24 * 60 * 60;
/**
 * A claim whose worker died (crash, timeout) may be taken over after this much real time (`realNow`, never the
 * stack's clock, so moving a virtual clock cannot free a claim a live worker holds); API handlers time out well
 * before. Only a finished answer expires by the stack's clock (`expiresAt`, the answer's 24 hours).
 */
export const IDEMPOTENCY_LOCK_SECONDS = 120;

export const storedAnswerSchema = z.object({
  statusCode: z.number().int(),
  headers: z.record(z.string(), z.string()).optional(),
  cookies: z.array(z.string()).optional(),
  body: z.string().optional(),
  isBase64Encoded: z.boolean().optional(),
});
export type StoredAnswer = z.infer<typeof storedAnswerSchema>;

const recordSchema = z.object({
  pk: z.string(),
  sk: z.literal('IDEMP'),
  requestHash: z.string(),
  state: z.enum(['in-progress', 'done']),
  claimId: z.string(),
  /** Real time, epoch seconds. */
  lockedUntil: z.number(),
  expiresAt: z.number(),
  answer: storedAnswerSchema.optional(),
});
type IdempotencyRecord = z.infer<typeof recordSchema>;

export type ClaimResult =
  | { kind: 'claimed'; claimId: string }
  | { kind: 'replay'; answer: StoredAnswer }
  | { kind: 'in-progress' }
  | { kind: 'mismatch' };

export function idempotencyPk(caller: string, key: string): string {
  return `IDEMP#${caller}#${key}`;
}

const epochSeconds = () => Math.floor(now().getTime() / 1000);
const realEpochSeconds = () => Math.floor(realNow() / 1000);

/** Claims `key` for this request, or says what an earlier request with the same key left behind. */
export async function claimIdempotencyKey(caller: string, key: string, requestHash: string): Promise<ClaimResult> {
  const pk = idempotencyPk(caller, key);
  // Two rounds: a record that disappears between the failed put and the read is simply claimed again.
  for (let attempt = 0; attempt < 2; attempt++) {
    const at = epochSeconds();
    const realAt = realEpochSeconds();
    const claimId = randomUUID();
    const record: IdempotencyRecord = {
      pk,
      sk: 'IDEMP',
      requestHash,
      state: 'in-progress',
      claimId,
      lockedUntil: realAt + IDEMPOTENCY_LOCK_SECONDS,
      expiresAt: at + IDEMPOTENCY_TTL_SECONDS,
    };
    const claimed = await conditionalWrite(() =>
      dynamo().send(
        new PutCommand({
          TableName: tableName(),
          Item: record,
          // TTL deletion is lazy on AWS (and absent locally), so an expired answer counts as missing. A claim in
          // progress never expires by the stack's clock: only its lock, by real time, lets another take it over.
          ConditionExpression:
            'attribute_not_exists(pk) OR (#state = :done AND expiresAt < :now) OR (#state = :inProgress AND lockedUntil < :realNow AND (requestHash = :hash OR expiresAt < :now))',
          ExpressionAttributeNames: { '#state': 'state' },
          ExpressionAttributeValues: { ':now': at, ':realNow': realAt, ':done': 'done', ':inProgress': 'in-progress', ':hash': requestHash },
        }),
      ),
    );
    if (claimed) return { kind: 'claimed', claimId };
    const existing = await readRecord(pk);
    if (!existing) continue;
    if (existing.requestHash !== requestHash) return { kind: 'mismatch' };
    if (existing.state === 'done' && existing.answer) return { kind: 'replay', answer: existing.answer };
    return { kind: 'in-progress' };
  }
  return { kind: 'in-progress' };
}

/** Stores the answer of a claimed key so later retries replay it. */
export async function recordIdempotentAnswer(caller: string, key: string, claimId: string, answer: StoredAnswer): Promise<void> {
  await dynamo().send(
    new UpdateCommand({
      TableName: tableName(),
      Key: { pk: idempotencyPk(caller, key), sk: 'IDEMP' },
      UpdateExpression: 'SET #state = :done, answer = :answer',
      ConditionExpression: 'claimId = :claimId',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: { ':done': 'done', ':answer': storedAnswerSchema.parse(answer), ':claimId': claimId },
    }),
  );
}

/** Gives a claimed key back (the work failed), so a retry runs the work afresh. */
export async function releaseIdempotencyKey(caller: string, key: string, claimId: string): Promise<void> {
  // Not deleted when someone took the key over after our lock ran out: theirs to keep.
  await conditionalWrite(() =>
    dynamo().send(
      new DeleteCommand({
        TableName: tableName(),
        Key: { pk: idempotencyPk(caller, key), sk: 'IDEMP' },
        ConditionExpression: 'claimId = :claimId',
        ExpressionAttributeValues: { ':claimId': claimId },
      }),
    ),
  );
}

async function readRecord(pk: string): Promise<IdempotencyRecord | undefined> {
  const { Item } = await dynamo().send(
    new GetCommand({ TableName: tableName(), Key: { pk, sk: 'IDEMP' }, ConsistentRead: true }),
  );
  if (!Item) return undefined;
  const record = recordSchema.parse(Item);
  return record.state === 'done' && record.expiresAt < epochSeconds() ? undefined : record;
}
