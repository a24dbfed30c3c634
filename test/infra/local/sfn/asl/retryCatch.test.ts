import { canRetry, errorMatches, findCatcher, findRetrier, retryDelayMs } from '../../../../../infra/local/sfn/asl/retryCatch';

describe('error matching', () => {
  it('matches names exactly', () => {
    expect(errorMatches(['MyError'], 'MyError')).toBe(true);
    expect(errorMatches(['MyError'], 'OtherError')).toBe(false);
  });

  it('lets States.ALL match everything but the terminal States.Runtime and States.DataLimitExceeded', () => {
    expect(errorMatches(['States.ALL'], 'Lambda.ServiceException')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Timeout')).toBe(true);
    expect(errorMatches(['States.ALL'], 'States.Runtime')).toBe(false);
    expect(errorMatches(['States.ALL'], 'States.DataLimitExceeded')).toBe(false);
  });

  it('lets States.TaskFailed match every error but timeouts', () => {
    expect(errorMatches(['States.TaskFailed'], 'Error')).toBe(true);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout')).toBe(false);
    expect(errorMatches(['States.TaskFailed'], 'States.Timeout', 'States.HeartbeatTimeout')).toBe(false);
  });

  it('matches a missed heartbeat (States.Timeout) as States.Timeout or States.HeartbeatTimeout, a plain timeout only as States.Timeout', () => {
    expect(errorMatches(['States.Timeout'], 'States.Timeout', 'States.HeartbeatTimeout')).toBe(true);
    expect(errorMatches(['States.HeartbeatTimeout'], 'States.Timeout', 'States.HeartbeatTimeout')).toBe(true);
    expect(errorMatches(['States.HeartbeatTimeout'], 'States.Timeout')).toBe(false);
  });

  it('picks the first matching retrier and catcher', () => {
    const retriers = [{ ErrorEquals: ['A'] }, { ErrorEquals: ['States.ALL'] }];
    expect(findRetrier(retriers, 'A')).toBe(0);
    expect(findRetrier(retriers, 'B')).toBe(1);
    expect(findRetrier(undefined, 'B')).toBe(-1);
    expect(findCatcher([{ ErrorEquals: ['X'], Next: 'x' }, { ErrorEquals: ['States.ALL'], Next: 'all' }], 'Y')?.Next).toBe('all');
  });
});

describe('retry policy', () => {
  it('retries up to MaxAttempts (3 by default, 0 = never)', () => {
    expect(canRetry({ ErrorEquals: ['A'] }, 2)).toBe(true);
    expect(canRetry({ ErrorEquals: ['A'] }, 3)).toBe(false);
    expect(canRetry({ ErrorEquals: ['A'], MaxAttempts: 0 }, 0)).toBe(false);
  });

  it('backs off by IntervalSeconds x BackoffRate^attempt (defaults 1 s and 2)', () => {
    expect([0, 1, 2].map((n) => retryDelayMs({ ErrorEquals: ['A'] }, n))).toEqual([1000, 2000, 4000]);
    expect([0, 1, 2].map((n) => retryDelayMs({ ErrorEquals: ['A'], IntervalSeconds: 3, BackoffRate: 1.5 }, n))).toEqual([3000, 4500, 6750]);
  });

  it('caps the delay at MaxDelaySeconds', () => {
    expect(retryDelayMs({ ErrorEquals: ['A'], IntervalSeconds: 10, BackoffRate: 10, MaxDelaySeconds: 60 }, 3)).toBe(60000);
  });

  it('draws a fraction of the delay with FULL jitter', () => {
    const retrier = { ErrorEquals: ['A'], IntervalSeconds: 10, JitterStrategy: 'FULL' as const };
    expect(retryDelayMs(retrier, 1, () => 0.25)).toBe(5000);
    expect(retryDelayMs({ ...retrier, JitterStrategy: 'NONE' }, 1, () => 0.25)).toBe(20000);
  });
});
