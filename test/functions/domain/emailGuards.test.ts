import { EMAIL_LEASE_MS, giveUpSentence, judgeGuard, MAX_EMAIL_INTERRUPTIONS, recordedEmailReasons, secondsUntilSweep, sweepOf, type EmailGuard } from '../../../functions/domain/emailGuards';

const T = 1_700_000_000_000;
const guard = (reason: string, over: Partial<EmailGuard> = {}): EmailGuard => ({
  reason,
  state: 'claimed',
  at: '2017-01-09T09:00:00.000Z',
  to: ['a@example.gov.uk'],
  cc: [],
  subject: 'S',
  kind: 'signoff-request',
  text: 'T',
  attemptId: 'x',
  attemptAt: T,
  interruptions: 0,
  ...over,
});

describe('sweepOf', () => {
  it('leaves an attempt within its lease alone and says when it ends; sends again one cut off before SES', () => {
    const live = guard('live', { attemptAt: T - EMAIL_LEASE_MS + 10_000 });
    const liveSending = guard('live-sending', { state: 'sending', attemptAt: T - EMAIL_LEASE_MS + 20_000 });
    const dead = guard('dead', { attemptAt: T - EMAIL_LEASE_MS });
    const sweep = sweepOf([live, liveSending, dead, guard('sent', { state: 'sent' }), guard('failed', { state: 'failed' })], T);
    expect(sweep.resend.map((g) => g.reason)).toEqual(['dead']);
    expect(sweep.giveUp).toEqual([]);
    expect(sweep.inFlightUntil).toBe(T + 10_000);
    expect(secondsUntilSweep(sweep, T)).toBe(11);
    expect(secondsUntilSweep(sweepOf([], T), T)).toBeUndefined();
  });

  it('never sends again an attempt cut off while SES was being called: it may have gone', () => {
    const sweep = sweepOf([guard('reached', { state: 'sending', attemptAt: T - EMAIL_LEASE_MS })], T);
    expect(sweep.resend).toEqual([]);
    expect(sweep.giveUp).toEqual([{ guard: expect.objectContaining({ reason: 'reached' }), why: 'reached-ses' }]);
    expect(giveUpSentence(sweep.giveUp[0].guard, 'reached-ses')).toMatch(/^Ratify may not have e-mailed a@example.gov.uk \(S\): .*may have gone and is not sent again/);
  });

  it('sends a `retry` guard at once, and gives up on one cut off too often or with nothing kept', () => {
    const sweep = sweepOf(
      [
        guard('retry', { state: 'retry' }),
        guard('poison', { attemptAt: 0, interruptions: MAX_EMAIL_INTERRUPTIONS }),
        guard('old', { state: 'sending', attemptAt: undefined, attemptId: undefined, kind: undefined, text: undefined }),
      ],
      T,
    );
    expect(sweep.resend.map((g) => g.reason)).toEqual(['retry']);
    expect(sweep.giveUp.map((g) => [g.guard.reason, g.why])).toEqual([
      ['poison', 'cut-off-too-often'],
      ['old', 'nothing-kept'],
    ]);
  });

  it('judges a guard alone as the sweep does', () => {
    expect(judgeGuard(guard('a'), T)).toEqual({ act: 'wait', until: T + EMAIL_LEASE_MS });
    expect(judgeGuard(guard('a', { attemptAt: 0 }), T)).toEqual({ act: 'resend' });
    expect(judgeGuard(guard('a', { state: 'sending', attemptAt: 0 }), T)).toEqual({ act: 'give-up', why: 'reached-ses' });
    expect(judgeGuard(guard('a', { state: 'unknown' }), T)).toEqual({ act: 'none' });
  });

  it('finds sent e-mails whose audit event is missing, when the events are known', () => {
    const events = [{ details: { reason: 'a' } }, { details: { reason: 'b', outcome: 'interrupted' } }, { details: null }];
    const recorded = recordedEmailReasons(events);
    expect([...recorded]).toEqual(['a']);
    const sent = [guard('a', { state: 'sent' }), guard('b', { state: 'sent' }), guard('legacy', { state: 'sent', kind: undefined })];
    expect(sweepOf(sent, T, recorded).unrecorded.map((g) => g.reason)).toEqual(['b']);
    expect(sweepOf(sent, T).unrecorded).toEqual([]);
  });
});
