import { startTestStack, type TestStack } from '../../support/localStack';
import { london } from './time';

/**
 * One real local stack for a test file, its virtual clock starting at a London wall-clock time.
 */
export function startStackAt(date: string, time = '09:00'): Promise<TestStack> {
  return startTestStack({ clockStart: london(date, time) });
}

/**
 * Lets the engine finish what the last request started, then stops the stack (stopping mid-execution leaves
 * work writing to closed local servers).
 */
export async function stopStack(t: TestStack | undefined): Promise<void> {
  if (!t) return;
  await t.advanceClock(await t.now()).catch(() => undefined);
  await t.stop();
}
