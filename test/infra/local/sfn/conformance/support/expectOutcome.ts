import type { Outcome } from './fixture';

/** The fields of `actual` that `expected` states, so a failure shows one readable diff. */
export function comparable(actual: Outcome, expected: Outcome): Outcome {
  const shown: Outcome = { status: actual.status };
  if ('output' in expected) shown.output = actual.output;
  if ('error' in expected) shown.error = actual.error;
  if ('cause' in expected) shown.cause = actual.cause;
  return shown;
}

export function expectOutcome(actual: Outcome, expected: Outcome): void {
  expect(comparable(actual, expected)).toEqual(expected);
}
