/**
 * The e-mail guard `EMAIL#<reason>` (DESIGN.md "E-mails"), under the run it belongs to (`RUN#<runId>`) or, for an
 * alert that names no run, under the address it is about (`USER#<address>`). An attempt is claimed (`claimed`:
 * its id, its real start time, the whole e-mail) and then marked `sending` just before SES is called. A claim is
 * made when no guard exists, or by taking over a guard that SES could not take (`retry`) or whose attempt was
 * cut off before SES (`claimed` past the lease). Every later write is conditional on the attempt id, so an attempt
 * that was overtaken can never overwrite its successor's outcome.
 */
import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { realNow } from '../platform/clock';
import { contentOf, EMAIL_LEASE_MS, emailGuardSchema, type EmailGuard, type GuardedEmail } from '../domain/emailGuards';
import { dynamo, tableName } from './dynamo';
import { emailSk, runPk } from './runKeys';
import { conditionalWrite } from './conditionalWrite';

/** Whose guard it is: a run's e-mail, or an alert about an address that names no run. */
export type EmailOwner = { runId: string } | { address: string };

/** The attempt this caller holds: only it may mark the guard. */
export interface EmailClaim {
  owner: EmailOwner;
  reason: string;
  attemptId: string;
  /** When the e-mail was first claimed (stack clock). */
  at: string;
  email: GuardedEmail;
  /** It took over an attempt that was cut off before SES was called. */
  interrupted: boolean;
}

export const ownerPk = (owner: EmailOwner) => ('runId' in owner ? runPk(owner.runId) : `USER#${owner.address}`);
const key = (owner: EmailOwner, reason: string) => ({ pk: ownerPk(owner), sk: emailSk(reason) });
const sameAttempt = (guard: EmailGuard) => (guard.attemptId === undefined ? 'attribute_not_exists(attemptId)' : 'attemptId = :previous');
const previous = (guard: EmailGuard) => (guard.attemptId === undefined ? {} : { ':previous': guard.attemptId });

/** Claims a new e-mail (`claimed`); undefined when a guard exists for the reason (sent, under way, or to be swept). */
export async function claimEmail(owner: EmailOwner, reason: string, email: GuardedEmail, at: string): Promise<EmailClaim | undefined> {
  const attemptId = randomUUID();
  const put = await conditionalWrite(() =>
    dynamo().send(
      new PutCommand({
        TableName: tableName(),
        Item: { ...key(owner, reason), type: 'email', reason, state: 'claimed', at, ...email, attemptId, attemptAt: realNow(), interruptions: 0 },
        ConditionExpression: 'attribute_not_exists(pk)',
      }),
    ),
  );
  return put ? { owner, reason, attemptId, at, email, interrupted: false } : undefined;
}

/**
 * Takes over the guard as it was read (`retry`, or `claimed` past the lease) for a new attempt, `claimed` again;
 * undefined when someone else changed it first or the e-mail is not kept in it. A `sending` guard is never taken
 * over: that attempt may have reached SES.
 */
export async function takeOverEmail(owner: EmailOwner, guard: EmailGuard): Promise<EmailClaim | undefined> {
  const email = contentOf(guard);
  if (!email || (guard.state !== 'retry' && guard.state !== 'claimed') || guard.attemptId === undefined) return undefined;
  const attemptId = randomUUID();
  const at = realNow();
  const interrupted = guard.state === 'claimed';
  const taken = await conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(owner, guard.reason),
        UpdateExpression: 'SET #state = :claimed, attemptId = :attempt, attemptAt = :now, interruptions = :interruptions',
        ConditionExpression: `#state = :was AND ${sameAttempt(guard)}${interrupted ? ' AND attemptAt <= :cutoff' : ''}`,
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':claimed': 'claimed',
          ':was': guard.state,
          ':attempt': attemptId,
          ':now': at,
          ':interruptions': guard.interruptions + (interrupted ? 1 : 0),
          ...previous(guard),
          ...(interrupted ? { ':cutoff': at - EMAIL_LEASE_MS } : {}),
        },
      }),
    ),
  );
  return taken ? { owner, reason: guard.reason, attemptId, at: guard.at, email, interrupted } : undefined;
}

/** Ends the attempt; false when it had been overtaken (its successor owns the guard now). */
async function settle(
  claim: Pick<EmailClaim, 'owner' | 'reason' | 'attemptId'>,
  set: string,
  values: Record<string, unknown>,
  opts: { names?: Record<string, string>; condition?: string } = {},
): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(claim.owner, claim.reason),
        UpdateExpression: set,
        ConditionExpression: `attemptId = :attempt${opts.condition ? ` AND ${opts.condition}` : ''}`,
        ExpressionAttributeNames: { '#state': 'state', ...opts.names },
        ExpressionAttributeValues: { ':attempt': claim.attemptId, ...values },
      }),
    ),
  );
}

/**
 * The last write before SES is called: from here on the attempt may reach SES, so it is never made again. False
 * when the claim was overtaken (its process was taken for dead): then it must not call SES.
 */
export async function markEmailSending(claim: EmailClaim): Promise<boolean> {
  return settle(claim, 'SET #state = :sending, attemptAt = :now', { ':sending': 'sending', ':claimed': 'claimed', ':now': realNow() }, { condition: '#state = :claimed' });
}

export async function markEmailSent(claim: EmailClaim, messageId: string | undefined): Promise<boolean> {
  return settle(claim, 'SET #state = :sent, messageId = :id, sentAt = :now', { ':sent': 'sent', ':id': messageId ?? null, ':now': realNow() });
}

export async function markEmailFailed(claim: EmailClaim, error: string): Promise<boolean> {
  return settle(claim, 'SET #state = :failed, #error = :e', { ':failed': 'failed', ':e': error }, { names: { '#error': 'error' } });
}

/** SES answered that it could not take it now: the next sweep sends it (the planner never plans a guarded reason again). */
export async function markEmailToRetry(claim: EmailClaim): Promise<boolean> {
  return settle(claim, 'SET #state = :retry', { ':retry': 'retry' });
}

/** This attempt's own call may have reached SES without an answer: never made again, a person is told. */
export async function markAttemptUnknown(claim: EmailClaim, why: string): Promise<boolean> {
  return settle(claim, 'SET #state = :unknown, #error = :why', { ':unknown': 'unknown', ':why': why }, { names: { '#error': 'error' } });
}

/** Not to be tried again (cut off while SES was called, or too often before): may not have gone, a person is told. */
export async function markEmailUnknown(owner: EmailOwner, guard: EmailGuard, why: string): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(owner, guard.reason),
        UpdateExpression: 'SET #state = :unknown, #error = :why',
        ConditionExpression: `#state = :was AND ${sameAttempt(guard)}`,
        ExpressionAttributeNames: { '#state': 'state', '#error': 'error' },
        ExpressionAttributeValues: { ':unknown': 'unknown', ':why': why, ':was': guard.state, ...previous(guard) },
      }),
    ),
  );
}

export async function readEmailGuard(owner: EmailOwner, reason: string): Promise<EmailGuard | undefined> {
  const { Item } = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(owner, reason), ConsistentRead: true }));
  return Item ? emailGuardSchema.parse(Item) : undefined;
}

/** Every guard of the owner (for a sweep that has no run snapshot: RecordFailure). */
export async function readEmailGuards(owner: EmailOwner): Promise<EmailGuard[]> {
  const guards: EmailGuard[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo().send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :email)',
        ExpressionAttributeValues: { ':pk': ownerPk(owner), ':email': 'EMAIL#' },
        ConsistentRead: true,
        ExclusiveStartKey: start,
      }),
    );
    guards.push(...(out.Items ?? []).map((i) => emailGuardSchema.parse(i)));
    start = out.LastEvaluatedKey;
  } while (start);
  return guards;
}
