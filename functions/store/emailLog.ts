/**
 * The e-mail guard `EMAIL#<reason>` (DESIGN.md "E-mails"): claimed before SES is called, with the attempt's id,
 * its real start time and the whole e-mail. A claim is made when no guard exists, or by taking over a guard that
 * SES could not take (`retry`) or whose attempt was cut off (`sending` past the lease). Every later write is
 * conditional on the attempt id, so an attempt that was overtaken can never overwrite its successor's outcome.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { realNow } from '../platform/clock';
import { contentOf, EMAIL_LEASE_MS, emailGuardSchema, type EmailGuard, type GuardedEmail } from '../domain/emailGuards';
import { dynamo, tableName } from './dynamo';
import { emailSk, runPk } from './runKeys';
import { conditionalWrite } from './conditionalWrite';

/** The attempt this caller holds: only it may mark the guard. */
export interface EmailClaim {
  runId: string;
  reason: string;
  attemptId: string;
  /** When the e-mail was first claimed (stack clock). */
  at: string;
  email: GuardedEmail;
  /** It took over an attempt that was cut off: that one may have reached SES. */
  interrupted: boolean;
}

const key = (runId: string, reason: string) => ({ pk: runPk(runId), sk: emailSk(reason) });

/** Claims a new e-mail; undefined when a guard exists for the reason (sent, or being sent, or to be swept). */
export async function claimEmail(runId: string, reason: string, email: GuardedEmail, at: string): Promise<EmailClaim | undefined> {
  const attemptId = randomUUID();
  const put = await conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: {
          ...key(runId, reason),
          type: 'email',
          reason,
          state: 'sending',
          at,
          ...email,
          attemptId,
          attemptAt: realNow(),
          interruptions: 0,
        },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  return put ? { runId, reason, attemptId, at, email, interrupted: false } : undefined;
}

/**
 * Takes over the guard as it was read (`retry`, or `sending` past the lease), for a new attempt; undefined when
 * someone else changed it first or the e-mail is not kept in it.
 */
export async function takeOverEmail(runId: string, guard: EmailGuard): Promise<EmailClaim | undefined> {
  const email = contentOf(guard);
  if (!email) return undefined;
  const attemptId = randomUUID();
  const at = realNow();
  const interrupted = guard.state === 'sending';
  const same = guard.attemptId === undefined ? 'attribute_not_exists(attemptId)' : 'attemptId = :previous';
  const taken = await conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(runId, guard.reason),
        UpdateExpression: `SET #state = :sending, attemptId = :attempt, attemptAt = :now${interrupted ? ', interruptions = :interruptions' : ''}`,
        ConditionExpression: interrupted
          ? `#state = :sending AND ${same} AND (attribute_not_exists(attemptAt) OR attemptAt <= :cutoff)`
          : `#state = :retry AND ${same}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':sending': 'sending',
          ':attempt': attemptId,
          ':now': at,
          ...(guard.attemptId === undefined ? {} : { ':previous': guard.attemptId }),
          ...(interrupted ? { ':interruptions': guard.interruptions + 1, ':cutoff': at - EMAIL_LEASE_MS } : { ':retry': 'retry' }),
        },
      }),
    ),
  );
  return taken ? { runId, reason: guard.reason, attemptId, at: guard.at, email, interrupted } : undefined;
}

/** Ends the attempt; false when it had been overtaken (its successor owns the guard now). */
async function settle(claim: Pick<EmailClaim, 'runId' | 'reason' | 'attemptId'>, set: string, values: Record<string, unknown>, names: Record<string, string> = {}): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(claim.runId, claim.reason),
        UpdateExpression: set,
        ConditionExpression: 'attemptId = :attempt',
        ExpressionAttributeNames: { '#state': 'state', ...names },
        ExpressionAttributeValues: { ':attempt': claim.attemptId, ...values },
      }),
    ),
  );
}

export async function markEmailSent(claim: EmailClaim, messageId: string | undefined): Promise<boolean> {
  return settle(claim, 'SET #state = :sent, messageId = :id, sentAt = :now', { ':sent': 'sent', ':id': messageId ?? null, ':now': realNow() });
}

export async function markEmailFailed(claim: EmailClaim, error: string): Promise<boolean> {
  return settle(claim, 'SET #state = :failed, #error = :e', { ':failed': 'failed', ':e': error }, { '#error': 'error' });
}

/** SES could not take it now: the next sweep sends it (the planner never plans a guarded reason again). */
export async function markEmailToRetry(claim: EmailClaim): Promise<boolean> {
  return settle(claim, 'SET #state = :retry', { ':retry': 'retry' });
}

/** Not to be tried again (cut off too often, or nothing kept to send): may not have gone, a person is told. */
export async function markEmailUnknown(runId: string, guard: EmailGuard, why: string): Promise<boolean> {
  const same = guard.attemptId === undefined ? 'attribute_not_exists(attemptId)' : 'attemptId = :previous';
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(runId, guard.reason),
        UpdateExpression: 'SET #state = :unknown, #error = :why',
        ConditionExpression: `#state = :was AND ${same}`,
        ExpressionAttributeNames: { '#state': 'state', '#error': 'error' },
        ExpressionAttributeValues: { ':unknown': 'unknown', ':why': why, ':was': guard.state, ...(guard.attemptId === undefined ? {} : { ':previous': guard.attemptId }) },
      }),
    ),
  );
}

export async function readEmailGuard(runId: string, reason: string): Promise<EmailGuard | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(runId, reason), ConsistentRead: true }));
  return Item ? emailGuardSchema.parse(Item) : undefined;
}

/** Every guard of the run (for a sweep that has no run snapshot: RecordFailure). */
export async function readEmailGuards(runId: string): Promise<EmailGuard[]> {
  const guards: EmailGuard[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :email)',
        ExpressionAttributeValues: { ':pk': runPk(runId), ':email': 'EMAIL#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    guards.push(...(out.Items ?? []).map((i) => emailGuardSchema.parse(i)));
    start = out.LastEvaluatedKey;
  } while (start);
  return guards;
}
