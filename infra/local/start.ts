import { z } from 'zod';
import { envOrExit, portSchema, stackEnvSchema, stopOnSignals } from './cli';
import { startLocalStack } from './stack';

/**
 * `npm start`: the embedded stack in the foreground, configured by the environment of docs/API.md
 * ("Starting the local stack"); stops cleanly on SIGINT/SIGTERM.
 */
const envSchema = stackEnvSchema.extend({
  RATIFY_DEV_AUTH: z.enum(['0', '1', '']).optional(),
  RATIFY_DYNAMODB_PORT: portSchema.optional(),
  RATIFY_SES_PORT: portSchema.optional(),
  RATIFY_SFN_PORT: portSchema.optional(),
});

async function main(): Promise<void> {
  const env = envOrExit(envSchema);
  const devAuth = env.RATIFY_DEV_AUTH === '1';
  // The AWS SDK's own switch for its notice that later versions need Node 22 (the stack runs on Node 20).
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const stack = await startLocalStack({
    dataDir: env.RATIFY_DATA_DIR,
    port: env.PORT,
    clock: env.RATIFY_CLOCK,
    clockStart: env.RATIFY_CLOCK_START,
    devAuth,
    dynamodbPort: env.RATIFY_DYNAMODB_PORT,
    sesPort: env.RATIFY_SES_PORT,
    sfnPort: env.RATIFY_SFN_PORT,
  });

  console.log(
    [
      '',
      `  Dashboard        ${stack.url}/`,
      `  Inbox (SES)      ${stack.inboxUrl}`,
      ...(devAuth ? [`  Sign in (dev)    ${stack.url}/dev/login`] : []),
      `  DynamoDB API     http://127.0.0.1:${stack.ports.dynamodb}`,
      `  SES API          http://127.0.0.1:${stack.ports.ses}`,
      `  Step Functions   http://127.0.0.1:${stack.ports.sfn}`,
      `  Clock            ${stack.clock.kind}${stack.clock.kind === 'virtual' ? ` at ${stack.clock.now().toISOString()} (POST /_local/clock to move it)` : ''}`,
      '',
    ].join('\n'),
  );
  if (devAuth) {
    console.warn('WARNING: RATIFY_DEV_AUTH=1: anyone who can reach this port can sign in as anyone (POST /api/dev/token, /dev/login).');
  } else {
    console.log('  Dev sign-in is off: set RATIFY_DEV_AUTH=1 to get tokens from POST /api/dev/token.');
  }

  stopOnSignals(stack);
}

main().catch((err: unknown) => {
  console.error('The local stack did not start:', err);
  process.exit(1);
});
