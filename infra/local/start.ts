import { z } from 'zod';
import { envOrExit, portSchema, stackEnvSchema, stopOnSignals } from './cli';
import { startLocalStack } from './stack';
import { ADMIN_LINK_HOURS, DEFAULT_ADMIN } from './gateway/localSignIn';

/** The inbox viewer (and the SES API it sits on) stays at one address from run to run unless told otherwise. */
export const DEFAULT_SES_PORT = 8005;

/**
 * `npm start`: the embedded stack in the foreground, configured by the environment of docs/API.md
 * ("Starting the local stack"); stops cleanly on SIGINT/SIGTERM.
 */
const envSchema = stackEnvSchema.extend({
  RATIFY_DEV_AUTH: z.enum(['0', '1', '']).optional(),
  RATIFY_DYNAMODB_PORT: portSchema.optional(),
  RATIFY_SES_PORT: portSchema.default(DEFAULT_SES_PORT),
  RATIFY_SFN_PORT: portSchema.optional(),
  RATIFY_ADMIN_EMAIL: z.email().default(DEFAULT_ADMIN.email),
  RATIFY_ADMIN_NAME: z.string().trim().min(1).max(200).default(DEFAULT_ADMIN.name),
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
    admin: { email: env.RATIFY_ADMIN_EMAIL, name: env.RATIFY_ADMIN_NAME },
  });

  console.log(
    [
      '',
      `  Dashboard        ${stack.url}/`,
      `  Sign in          ${stack.adminSignInUrl}`,
      `                   (as ${env.RATIFY_ADMIN_EMAIL.toLowerCase()}, administrator: works once, within ${ADMIN_LINK_HOURS} hours; a new one at every start)`,
      `  Others sign in   ${stack.url}/local/sign-in (a link e-mailed to people of the directory, in the inbox below)`,
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
    console.log('  Dev sign-in is off (sign in with the address above): set RATIFY_DEV_AUTH=1 for POST /api/dev/token and /dev/login.');
  }

  stopOnSignals(stack);
}

main().catch((err: unknown) => {
  console.error('The local stack did not start:', err);
  process.exit(1);
});
