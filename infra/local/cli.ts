import { z } from 'zod';

/**
 * What `npm start` and `npm run demo` share: the stack's settings from the environment (docs/API.md "Starting
 * the local stack") and a clean stop on SIGINT/SIGTERM.
 */
export const portSchema = z.coerce.number().int().min(0).max(65535);

export const stackEnvSchema = z.object({
  PORT: portSchema.default(3000),
  RATIFY_DATA_DIR: z.string().min(1).default('.data'),
  RATIFY_CLOCK: z.enum(['real', 'virtual']).default('real'),
  RATIFY_CLOCK_START: z.iso.datetime({ offset: true }).optional(),
});

/** The settings, or every malformed one named on stderr and exit code 2. */
export function envOrExit<S extends z.ZodType>(schema: S): z.infer<S> {
  const parsed = schema.safeParse(process.env);
  if (parsed.success) return parsed.data;
  for (const issue of parsed.error.issues) console.error(`${issue.path.join('.')}: ${issue.message}`);
  process.exit(2);
}

/** Stops the stack on SIGINT/SIGTERM and exits 0; a second signal exits at once. */
export function stopOnSignals(stack: { stop(): Promise<void> }): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.error(`${signal} again: exiting without waiting`);
      process.exit(1);
    }
    stopping = true;
    console.log(`\n${signal}: stopping...`);
    stack.stop().then(
      () => process.exit(0),
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
