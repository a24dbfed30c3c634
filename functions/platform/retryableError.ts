/**
 * Errors the state machine retries, named so its Retry rules can match them (`Throttling`, `ServiceUnavailable`,
 * `SES.Throttling`, `SES.Unavailable`): a Lambda's error type is the thrown error's `name`.
 */
export class RetryableError extends Error {
  constructor(name: string, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = name;
  }
}

const THROTTLING = new Set(['Throttling', 'ThrottlingException', 'TooManyRequestsException', 'ProvisionedThroughputExceededException', 'RequestLimitExceeded']);

/** True for an AWS SDK error worth trying again later: throttling, a 5xx, or no answer at all. */
export function isTransient(err: unknown): 'throttling' | 'unavailable' | false {
  const e = err as { name?: string; $retryable?: unknown; $metadata?: { httpStatusCode?: number }; code?: string };
  if (e?.name && THROTTLING.has(e.name)) return 'throttling';
  if ((e?.$retryable as { throttling?: boolean } | undefined)?.throttling) return 'throttling';
  const status = e?.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return 'unavailable';
  if (e?.code === 'ECONNREFUSED' || e?.code === 'ECONNRESET' || e?.code === 'ETIMEDOUT' || e?.name === 'TimeoutError') return 'unavailable';
  return false;
}

/** Runs a workflow step, renaming transient AWS failures so the state machine's Retry rules catch them. */
export async function retryingTransients<T>(step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (err) {
    if (err instanceof RetryableError) throw err;
    const transient = isTransient(err);
    if (!transient) throw err;
    throw new RetryableError(transient === 'throttling' ? 'Throttling' : 'ServiceUnavailable', (err as Error).message ?? String(err), { cause: err });
  }
}
