import { appendFileSync } from 'node:fs';

/** Handlers for the engine run as a child process (main.ts --lambdas): tokens go to a file the test reads. */
export const lambdas = {
  remember: async (event: { token: string }) => {
    appendFileSync(process.env.SFN_TEST_TOKENS!, `${event.token}\n`);
    return { stored: true };
  },
  echo: async (event: unknown) => event,
};
