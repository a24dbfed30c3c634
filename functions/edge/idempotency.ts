/**
 * Doing a piece of work once per (caller, key), for the API's `Idempotency-Key` and the pages' one-time forms
 * alike: the key is claimed (functions/store/idempotency.ts) before the work runs, so two concurrent retries
 * cannot both run it; a 2xx/3xx answer is stored and replayed to later retries; a failure gives the key back.
 */
import { createHash } from 'node:crypto';
import { conflict, problem } from '../domain/errors';
import { claimIdempotencyKey, recordIdempotentAnswer, releaseIdempotencyKey, type StoredAnswer } from '../store/idempotency';

/** The field a refusal names, and its rules: `already-used` (another request) or `in-progress` (retry shortly). */
export const IDEMPOTENCY_FIELD = 'Idempotency-Key';

/** What identifies a request, for telling a retry from another request under the same key. */
export function requestHash(...parts: string[]): string {
  return createHash('sha256').update(parts.join('\n')).digest('hex');
}

/**
 * The work's answer, or the stored answer of the first run (header `idempotent-replayed: true`). A key used with
 * another request, or still being worked on, is a 409 naming `Idempotency-Key` with the rule broken.
 */
export async function runOnce<A extends StoredAnswer>(caller: string, key: string, hash: string, work: () => Promise<A>): Promise<A | StoredAnswer> {
  const claim = await claimIdempotencyKey(caller, key, hash);
  switch (claim.kind) {
    case 'mismatch':
      throw conflict('This Idempotency-Key was already used with a different request', {
        [IDEMPOTENCY_FIELD]: problem('already-used', 'already used with a different request'),
      });
    case 'in-progress':
      throw conflict('A request with this Idempotency-Key is still in progress: retry shortly', {
        [IDEMPOTENCY_FIELD]: problem('in-progress', 'still in progress'),
      });
    case 'replay':
      return { ...claim.answer, headers: { ...claim.answer.headers, 'idempotent-replayed': 'true' } };
  }
  let answer: A;
  try {
    answer = await work();
  } catch (err) {
    // Failed work leaves nothing to replay: a retry runs afresh.
    await releaseIdempotencyKey(caller, key, claim.claimId);
    throw err;
  }
  const status = answer.statusCode ?? 200;
  if (status >= 200 && status < 400) {
    await recordIdempotentAnswer(caller, key, claim.claimId, answer);
  } else {
    await releaseIdempotencyKey(caller, key, claim.claimId);
  }
  return answer;
}
