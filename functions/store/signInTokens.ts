/**
 * `SIGNIN#<digest>` / `SIGNIN`: a one-time sign-in address of the embedded stack's own identity provider
 * (infra/local/gateway/localSignIn.ts): the local administrator's, printed at start, or one e-mailed to a person
 * of the directory. Only a keyed digest of the token is stored, never the token; it is used at most once
 * (a conditional update that also checks it has not expired) and carries `expiresAt` for the table's TTL.
 */
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { conditionalWrite } from './conditionalWrite';
import { dynamo, tableName } from './dynamo';

export type SignInPurpose = 'admin' | 'email';

export interface SignInTokenRecord {
  digest: string;
  purpose: SignInPurpose;
  /** Who it signs in (lower case). */
  email: string;
  /** The administrator's name (a directory person's comes from the directory when the token is used). */
  name: string | null;
  createdAt: string;
  /** Epoch seconds of the stack's clock after which it is refused. */
  expiresAt: number;
  usedAt?: string;
}

const key = (digest: string) => ({ pk: `SIGNIN#${digest}`, sk: 'SIGNIN' });

export async function putSignInToken(record: SignInTokenRecord): Promise<void> {
  await dynamo().send(
    new PutCommand({ TableName: tableName(), Item: { ...key(record.digest), type: 'sign-in', ...record }, ConditionExpression: 'attribute_not_exists(pk)' }),
  );
}

export async function getSignInToken(digest: string): Promise<SignInTokenRecord | undefined> {
  const out = await dynamo().send(new GetCommand({ TableName: tableName(), Key: key(digest), ConsistentRead: true }));
  if (!out.Item) return undefined;
  const { pk: _pk, sk: _sk, type: _type, ...record } = out.Item;
  return record as SignInTokenRecord;
}

/** Spends the token; false when it was used already, has expired by `at`, or is not stored. */
export async function useSignInToken(digest: string, at: Date): Promise<boolean> {
  return conditionalWrite(() =>
    dynamo().send(
      new UpdateCommand({
        TableName: tableName(),
        Key: key(digest),
        UpdateExpression: 'SET usedAt = :at',
        ConditionExpression: 'attribute_exists(pk) AND attribute_not_exists(usedAt) AND expiresAt > :now',
        ExpressionAttributeValues: { ':at': at.toISOString(), ':now': Math.floor(at.getTime() / 1000) },
      }),
    ),
  );
}
