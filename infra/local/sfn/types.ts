/** The engine's public types: what the local stack, tests and benchmarks program against. */
export interface EngineClock {
  now(): Date;
  /** Present on a virtual clock: the engine moves it forward in advanceTo. */
  set?(instant: Date): void;
}

/** The fields of a Lambda context (as @types/aws-lambda's Context has them), filled for in-process calls. */
export interface LambdaLikeContext {
  functionName: string;
  functionVersion: string;
  invokedFunctionArn: string;
  memoryLimitInMB: string;
  awsRequestId: string;
  logGroupName: string;
  logStreamName: string;
  callbackWaitsForEmptyEventLoop: boolean;
  getRemainingTimeInMillis(): number;
  done(error?: Error, result?: unknown): void;
  fail(error: Error | string): void;
  succeed(messageOrObject: unknown): void;
}

export type LocalLambda = (event: unknown, context: LambdaLikeContext) => Promise<unknown>;

export interface EngineOptions {
  /** SQLite file `<dataDir>/stepfunctions.sqlite`; undefined keeps everything in memory (benches, tests). */
  dataDir?: string;
  /** HTTP port; 0 = any free port; undefined = no HTTP server (in-process use only). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Default: the real clock. A clock with `set` is virtual: timers fire only as advanceTo moves it. */
  clock?: EngineClock;
  resolveLambda(functionArnOrName: string): LocalLambda | undefined;
  /** Default eu-west-2. */
  region?: string;
  /** Default 000000000000. */
  accountId?: string;
  /** An execution fails when its history reaches this many events, as on AWS (default 25,000). */
  maxHistoryEvents?: number;
}
