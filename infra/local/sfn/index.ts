import type { Server } from 'node:http';
import { StepFunctionsApi } from './api/actions';
import { startHttpServer } from './api/http';
import { Engine } from './engine/engine';
import { Store } from './engine/store';
import type { EngineClock, EngineOptions } from './types';

/**
 * Ratify's local Step Functions: a durable engine for Amazon States Language (JSONPath), serving the Step
 * Functions JSON API so @aws-sdk/client-sfn works against it unchanged. See README "Local Step Functions".
 */
export type { EngineClock, EngineOptions, LambdaLikeContext, LocalLambda } from './types';
export { StepFunctionsApi } from './api/actions';
export { SfnApiError } from './api/errors';

export interface LocalStepFunctions {
  url: string | undefined;
  port: number | undefined;
  /** Every API action in-process, with @aws-sdk/client-sfn's input and output shapes. */
  client: StepFunctionsApi;
  /** Virtual clock only: fires due timers in time order, each at its instant, ends with clock = instant, idle. */
  advanceTo(instant: Date): Promise<void>;
  /** Resolves when nothing is runnable: no queued work, Lambda call or HTTP request in flight, nothing unstored. */
  waitForIdle(): Promise<void>;
  /** Stops HTTP and timers, stores what is pending and closes the database. */
  close(): Promise<void>;
}

const realClock: EngineClock = { now: () => new Date() };

export async function startStepFunctionsEngine(opts: EngineOptions): Promise<LocalStepFunctions> {
  const place = { region: opts.region ?? 'eu-west-2', accountId: opts.accountId ?? '000000000000' };
  const clock = opts.clock ?? realClock;
  const store = new Store(opts.dataDir);
  let engine: Engine;
  try {
    engine = new Engine({
      store,
      clock,
      place,
      resolveLambda: (name) => opts.resolveLambda(name),
      maxHistoryEvents: opts.maxHistoryEvents ?? 25_000,
    });
  } catch (err) {
    store.close();
    throw err;
  }
  const client = new StepFunctionsApi(engine, place);
  let server: Server | undefined;
  let port: number | undefined;
  if (opts.port !== undefined) {
    const started = await startHttpServer(
      client,
      {
        beginRequest: () => engine.beginRequest(),
        endRequest: () => engine.endRequest(),
        advanceTo: engine.virtual ? (instant) => engine.advanceTo(instant) : undefined,
        waitForIdle: () => engine.waitForIdle(),
        now: () => clock.now(),
      },
      opts.port,
      opts.host ?? '127.0.0.1',
    );
    server = started.server;
    port = started.port;
  }
  const host = opts.host ?? '127.0.0.1';
  let closed = false;
  return {
    url: port === undefined ? undefined : `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    client,
    advanceTo: (instant) => engine.advanceTo(instant),
    waitForIdle: () => engine.waitForIdle(),
    close: async () => {
      if (closed) return;
      closed = true;
      if (server) {
        const closing = new Promise<void>((resolve) => server!.close(() => resolve()));
        server.closeAllConnections();
        await closing;
      }
      engine.close();
      store.close();
    },
  };
}
