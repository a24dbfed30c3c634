import './quietLogs';
import { startTestStack, type TestStack } from '../../support/localStack';
import { london } from './time';

/**
 * One real local stack for a test file, its virtual clock starting at a London wall-clock time.
 */
export function startStackAt(date: string, time = '09:00'): Promise<TestStack> {
  return startTestStack({ clockStart: london(date, time) });
}
