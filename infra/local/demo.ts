/**
 * `npm run demo`: loads the three seed plans (infra/local/demo/) into the stack answering on PORT, each at a
 * different point of its timetable, through the HTTP API. When no stack answers, it starts one (dev sign-in on,
 * settings as `npm start`), loads the plans and keeps it running until Ctrl-C (or stops at once with `--exit`).
 * Running it again changes nothing: the runs already there are reported, not started twice.
 */
import type { z } from 'zod';
import { envOrExit, stackEnvSchema, stopOnSignals } from './cli';
import { localStackClient } from './client';
import { loadDemo } from './demo/loadDemo';
import { formatReport } from './demo/report';
import { startLocalStack, type LocalStack } from './stack';

type DemoEnv = z.infer<typeof stackEnvSchema>;

/** The stack on PORT once healthy (a stack still starting gets 15 s), or undefined when nothing answers there. */
async function runningStack(port: number): Promise<string | undefined> {
  if (port === 0) return undefined;
  const client = localStackClient(`http://localhost:${port}`);
  return (await client.waitHealthy()) ? client.baseUrl : undefined;
}

function startOwnStack(env: DemoEnv): Promise<LocalStack> {
  console.log(`No stack answers on port ${env.PORT}: starting one (data in ${env.RATIFY_DATA_DIR}, ${env.RATIFY_CLOCK} clock, dev sign-in on).`);
  return startLocalStack({
    dataDir: env.RATIFY_DATA_DIR,
    port: env.PORT,
    clock: env.RATIFY_CLOCK,
    clockStart: env.RATIFY_CLOCK_START,
    devAuth: true,
    quiet: true,
  });
}

async function main(): Promise<void> {
  const env = envOrExit(stackEnvSchema);
  const exitWhenLoaded = process.argv.includes('--exit');

  const existing = await runningStack(env.PORT);
  const stack = existing ? undefined : await startOwnStack(env);
  const url = existing ?? stack!.url;
  try {
    const report = await loadDemo(url);
    console.log(formatReport(report, { inboxViewer: stack?.inboxUrl }));
  } catch (err) {
    await stack?.stop();
    throw err;
  }

  if (!stack) return;
  if (exitWhenLoaded) {
    await stack.stop();
    return;
  }
  console.log('The stack keeps running with the demo loaded: Ctrl-C to stop it.');
  stopOnSignals(stack);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
