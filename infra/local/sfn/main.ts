/**
 * The engine as a process of its own (crash tests SIGKILL it; tools can run it beside the app):
 *
 *   tsx infra/local/sfn/main.ts --data-dir DIR --port 0 --lambdas ./path/to/lambdas.ts [--clock virtual]
 *                               [--clock-start 2026-11-26T00:00:00Z] [--host 127.0.0.1] [--region eu-west-2]
 *
 * Each option may also come from the environment: SFN_DATA_DIR, SFN_PORT, SFN_LAMBDAS, SFN_CLOCK,
 * SFN_CLOCK_START, SFN_HOST, SFN_REGION. The lambdas module exports `resolveLambda(arnOrName)`, or an object of
 * handlers by function name (as `lambdas`, `default`, or its named exports). A virtual clock is kept in
 * `<dataDir>/engine-clock.json`, so a restart goes on from the instant it had reached; move it with
 * `POST /_engine/clock {"now": "<instant>"}`. When listening, prints one JSON line: {"ready":true,"port":N,"url":...}.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { startStepFunctionsEngine, type EngineClock, type LocalLambda } from './index';

function options(argv: string[]): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {
    'data-dir': process.env.SFN_DATA_DIR,
    port: process.env.SFN_PORT,
    lambdas: process.env.SFN_LAMBDAS,
    clock: process.env.SFN_CLOCK,
    'clock-start': process.env.SFN_CLOCK_START,
    host: process.env.SFN_HOST,
    region: process.env.SFN_REGION,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (!arg.startsWith('--')) throw new Error(`Unexpected argument ${arg}`);
    const [key, inline] = arg.slice(2).split('=', 2);
    out[key] = inline ?? argv[++i];
  }
  return out;
}

function lambdaResolver(modulePath: string | undefined): (name: string) => LocalLambda | undefined {
  if (!modulePath) return () => undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(resolve(modulePath)) as Record<string, unknown>;
  if (typeof mod.resolveLambda === 'function') return mod.resolveLambda as (name: string) => LocalLambda | undefined;
  const table = (mod.lambdas ?? mod.default ?? mod) as Record<string, LocalLambda>;
  return (name) => {
    const found = table[name];
    return typeof found === 'function' ? found : undefined;
  };
}

/** A virtual clock whose instant survives restarts of the process. */
function persistedVirtualClock(dataDir: string | undefined, start: string | undefined): EngineClock {
  const file = dataDir ? join(dataDir, 'engine-clock.json') : undefined;
  let now = new Date(start ?? Date.now());
  if (file) {
    try {
      now = new Date((JSON.parse(readFileSync(file, 'utf8')) as { now: string }).now);
    } catch {
      // a new data directory starts at --clock-start
    }
  }
  const save = () => file && writeFileSync(file, JSON.stringify({ now: now.toISOString() }));
  return {
    now: () => now,
    set: (instant: Date) => {
      if (instant.getTime() > now.getTime()) now = new Date(instant);
      save();
    },
  };
}

async function main(): Promise<void> {
  const opts = options(process.argv.slice(2));
  const dataDir = opts['data-dir'];
  const clock = opts.clock === 'virtual' ? persistedVirtualClock(dataDir, opts['clock-start']) : undefined;
  const engine = await startStepFunctionsEngine({
    dataDir,
    port: opts.port === undefined ? 0 : Number(opts.port),
    host: opts.host,
    clock,
    region: opts.region,
    resolveLambda: lambdaResolver(opts.lambdas),
  });
  clock?.set?.(clock.now());
  process.stdout.write(`${JSON.stringify({ ready: true, port: engine.port, url: engine.url })}\n`);
  const stop = () => {
    engine.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
