import { randomUUID } from 'node:crypto';
import type { Context } from 'aws-lambda';
import { localFunctionArn } from '../definitions/functions';

/** A Lambda-like context for handlers the embedded stack calls in-process. */
export function lambdaContext(functionId: string, opts: { timeoutSeconds: number; memoryMiB?: number }): Context {
  const deadline = Date.now() + opts.timeoutSeconds * 1000;
  const name = `ratify-${functionId}`;
  const requestId = randomUUID();
  const unsupported = () => {
    throw new Error('Callback-style completion is not supported: return a promise');
  };
  return {
    callbackWaitsForEmptyEventLoop: true,
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: localFunctionArn(functionId),
    memoryLimitInMB: String(opts.memoryMiB ?? 512),
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/${requestId}`,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: unsupported,
    fail: unsupported,
    succeed: unsupported,
  };
}
