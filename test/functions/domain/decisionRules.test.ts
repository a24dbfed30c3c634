import { checkDecision } from '../../../functions/domain/decisionRules';
import { DomainError } from '../../../functions/domain/errors';
import { statusOfError } from '../../../functions/edge/errors';
import { clerk, instant, SimulatedRun } from './runSimulator';

/** The error `checkDecision` refuses with, as status and fields. */
function refusal(run: SimulatedRun, stageId: string, input: Parameters<typeof checkDecision>[2]) {
  try {
    checkDecision(run.snapshot, stageId, input, clerk, run.now);
  } catch (err) {
    if (err instanceof DomainError) return { status: statusOfError(err), fields: err.fields ?? {} };
    throw err;
  }
  return undefined;
}

describe('a deferral', () => {
  // Tunbridge Wells: the Management Board meets on 1 March 2017, the Cabinet Advisory Board on 22 March.
  function atBoard(): SimulatedRun {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T10:00:00Z');
    run.decide('csp', { outcome: 'approved' });
    run.advanceTo(instant('2017-03-01T18:00:00Z'));
    return run;
  }

  it('is refused when the new date is after the next stage’s meeting, so the meetings never go out of order', () => {
    const run = atBoard();
    const refused = refusal(run, 'mb', { outcome: 'deferred', deferTo: '2017-03-23' });
    expect(refused?.status).toBe(400);
    expect(Object.keys(refused!.fields)).toEqual(['deferTo']);
    expect(refused!.fields.deferTo).toContain('cab on 2017-03-22');
  });

  it('may move the meeting to the day of the next stage’s meeting, or before it', () => {
    const run = atBoard();
    expect(refusal(run, 'mb', { outcome: 'deferred', deferTo: '2017-03-22' })).toBeUndefined();
    expect(refusal(run, 'mb', { outcome: 'deferred', deferTo: '2017-03-08' })).toBeUndefined();
  });

  it('may go past a next meeting that has already started (that stage needs a new date anyway)', () => {
    const run = atBoard();
    run.advanceTo(instant('2017-03-22T10:00:00Z'));
    expect(refusal(run, 'mb', { outcome: 'deferred', deferTo: '2017-03-29' })).toBeUndefined();
  });

  it('at the last stage is held back by nothing but the clock and the meeting it defers', () => {
    const run = new SimulatedRun();
    for (const [stage, when] of [
      ['csp', '2017-02-09T10:00:00Z'],
      ['mb', '2017-03-01T10:00:00Z'],
      ['cab', '2017-03-22T10:00:00Z'],
      ['os', '2017-04-10T10:00:00Z'],
      ['cabinet', '2017-04-13T10:00:00Z'],
    ] as const) {
      run.advanceTo(when);
      run.decide(stage, { outcome: 'approved' });
    }
    run.advanceTo('2017-04-26T18:00:00Z');
    expect(refusal(run, 'council', { outcome: 'deferred', deferTo: '2017-07-19' })).toBeUndefined();
    expect(refusal(run, 'council', { outcome: 'deferred', deferTo: '2017-04-26' })?.fields).toHaveProperty('deferTo');
  });

  it('is refused more than ten years ahead, as a mistyped year', () => {
    const run = new SimulatedRun(undefined, '2017-01-09T09:00:00Z');
    run.advanceTo('2017-02-09T10:00:00Z');
    expect(refusal(run, 'csp', { outcome: 'deferred', deferTo: '9999-02-09' })?.fields.deferTo).toMatch(/more than 10 years ahead/);
  });
});
