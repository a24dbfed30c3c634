import { randomUUID } from 'node:crypto';
import type { Json } from '../asl/json';
import type { LambdaLikeContext, LocalLambda } from '../types';
import { lambdaNameCandidates, type Place } from './arns';

/**
 * Calling a Lambda handler in-process the way the Lambda service would: the event is a fresh copy of the
 * payload, the result goes through JSON, and a thrown error becomes the Lambda error Step Functions reports
 * (error = the error's name, cause = the `{errorType, errorMessage, trace}` JSON the Node.js runtime returns).
 */
export type InvocationOutcome =
  | { ok: true; value: Json; json: string; requestId: string }
  | { ok: false; error: string; cause: string };

export interface InvokeRequest {
  functionName: string;
  payloadJson: string;
  /** Real-time budget reported by getRemainingTimeInMillis. */
  timeoutMs: number;
}

const MAX_LAMBDA_TIMEOUT_MS = 900_000;

export function resolveFunction(
  resolve: (name: string) => LocalLambda | undefined,
  place: Place,
  functionName: string,
): { fn: LocalLambda | undefined; arn: string; name: string } {
  const { arn, name, candidates } = lambdaNameCandidates(place, functionName);
  for (const candidate of candidates) {
    const fn = resolve(candidate);
    if (fn) return { fn, arn, name };
  }
  return { fn: undefined, arn, name };
}

export async function invokeLambda(
  resolve: (name: string) => LocalLambda | undefined,
  place: Place,
  request: InvokeRequest,
): Promise<InvocationOutcome> {
  const requestId = randomUUID();
  const { fn, arn, name } = resolveFunction(resolve, place, request.functionName);
  if (!fn) {
    return {
      ok: false,
      error: 'Lambda.ResourceNotFoundException',
      cause: `Function not found: ${arn} (Service: AWSLambda; Status Code: 404; Error Code: ResourceNotFoundException; Request ID: ${requestId}; Proxy: null)`,
    };
  }
  const budget = Math.min(request.timeoutMs, MAX_LAMBDA_TIMEOUT_MS);
  const started = Date.now();
  const context: LambdaLikeContext = {
    functionName: name,
    functionVersion: '$LATEST',
    invokedFunctionArn: arn,
    memoryLimitInMB: '512',
    awsRequestId: requestId,
    logGroupName: `/aws/lambda/${name}`,
    logStreamName: `local/[$LATEST]${requestId.replace(/-/g, '')}`,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, budget - (Date.now() - started)),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
  try {
    const result = await fn(JSON.parse(request.payloadJson), context);
    const json = JSON.stringify(result === undefined ? null : result) ?? 'null';
    return { ok: true, value: JSON.parse(json) as Json, json, requestId };
  } catch (err) {
    return { ok: false, ...lambdaError(err) };
  }
}

export function lambdaError(err: unknown): { error: string; cause: string } {
  const error = err instanceof Error ? err : undefined;
  const errorType = (error?.name || (err as { name?: unknown })?.name || 'Error') as string;
  const errorMessage = error ? error.message : typeof err === 'string' ? err : JSON.stringify(err) ?? String(err);
  const trace = error?.stack ? error.stack.split('\n') : [];
  return { error: String(errorType), cause: JSON.stringify({ errorType: String(errorType), errorMessage, trace }) };
}

/** What `arn:aws:states:::lambda:invoke` returns: the Lambda's answer under Payload, with the SDK's metadata. */
export function invokeResult(payload: Json, payloadJson: string, requestId: string, at: Date): Json {
  const headers: Record<string, string> = {
    Connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(payloadJson)),
    'Content-Type': 'application/json',
    Date: at.toUTCString(),
    'X-Amz-Executed-Version': '$LATEST',
    'x-amzn-Remapped-Content-Length': '0',
    'x-amzn-RequestId': requestId,
    'X-Amzn-Trace-Id': `Root=1-${Math.floor(at.getTime() / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)};Sampled=0`,
  };
  return {
    ExecutedVersion: '$LATEST',
    Payload: payload,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
    StatusCode: 200,
  };
}
