// The Lambda functions of the crash test's engine process (loaded by infra/local/sfn/main.ts --lambdas).
// They are idempotent: after a crash the engine may call one again, and the results must not change.
import { appendFileSync } from 'node:fs';

type Event = Record<string, unknown>;

/** Where `captureToken` appends `{"execution","token"}` lines for the test to answer. */
export const TOKENS_FILE_ENV = 'CRASH_TOKENS_FILE';

export const lambdas: Record<string, (event: Event) => Promise<unknown>> = {
  record: async (event) => ({ id: event.id, n: event.n, doubled: Number(event.n) * 2 }),
  captureToken: async (event) => {
    const file = process.env[TOKENS_FILE_ENV];
    if (!file) throw new Error(`${TOKENS_FILE_ENV} is not set`);
    appendFileSync(file, `${JSON.stringify({ execution: event.execution, token: event.token })}\n`);
    return { accepted: true };
  },
};
