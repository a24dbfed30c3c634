import { SFNClient, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { existsSync, readFileSync } from 'node:fs';
import { approvalFor } from './crashMachine';

/** Errors meaning the token is no longer open: answered before a crash, or replaced by a re-issued one. */
const SETTLED_TOKEN_ERRORS = new Set(['TaskDoesNotExist', 'InvalidToken', 'TaskTimedOut']);

/**
 * Answers every task token the engine's Lambda wrote to the tokens file, through whichever engine process is
 * up. A token whose answer did not get through (the process was killed) is tried again after the restart.
 */
export function startCallbackPump(tokensFile: string, currentClient: () => SFNClient): { stop(): Promise<void> } {
  const settled = new Set<string>();
  let running = true;
  const loop = (async () => {
    while (running) {
      const lines = existsSync(tokensFile) ? readFileSync(tokensFile, 'utf8').split('\n') : [];
      for (const line of lines) {
        let entry: { execution: string; token: string };
        try {
          entry = JSON.parse(line) as typeof entry;
        } catch {
          continue; // empty, or cut short by a kill
        }
        if (settled.has(entry.token)) continue;
        try {
          await currentClient().send(
            new SendTaskSuccessCommand({ taskToken: entry.token, output: JSON.stringify(approvalFor(entry.execution)) }),
          );
          settled.add(entry.token);
        } catch (error) {
          if (SETTLED_TOKEN_ERRORS.has((error as Error).name)) settled.add(entry.token);
          // anything else (connection refused or reset): the engine is restarting; try again next round
        }
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}
