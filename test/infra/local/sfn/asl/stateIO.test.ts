import { catcherOutput, stateOutput, taskTimeouts, waitUntilMs, applyInputPath, applyOutputPath } from '../../../../../infra/local/sfn/asl/stateIO';

const noContext = () => null;

describe('state input and output processing', () => {
  it('applies InputPath, with null meaning an empty object', () => {
    expect(applyInputPath({ InputPath: '$.a' }, { a: { b: 1 } }, noContext)).toEqual({ b: 1 });
    expect(applyInputPath({ InputPath: null }, { a: 1 }, noContext)).toEqual({});
    expect(applyInputPath({}, { a: 1 }, noContext)).toEqual({ a: 1 });
  });

  it('runs ResultSelector, ResultPath and OutputPath in that order', () => {
    const state = { ResultSelector: { 'v.$': '$.Payload.value' }, ResultPath: '$.result', OutputPath: '$.result' };
    expect(stateOutput(state, { keep: 1 }, { Payload: { value: 42 } }, noContext)).toEqual({ v: 42 });
  });

  it('keeps the input when ResultPath is null and replaces it by default', () => {
    expect(stateOutput({ ResultPath: null }, { keep: 1 }, 'r', noContext)).toEqual({ keep: 1 });
    expect(stateOutput({}, { keep: 1 }, 'r', noContext)).toBe('r');
  });

  it('gives an empty object for OutputPath null', () => {
    expect(applyOutputPath({ OutputPath: null }, { a: 1 }, noContext)).toEqual({});
  });

  it('places a caught error at the catcher ResultPath', () => {
    expect(catcherOutput('$.error', { a: 1 }, 'Boom', 'why')).toEqual({ a: 1, error: { Error: 'Boom', Cause: 'why' } });
    expect(catcherOutput(undefined, { a: 1 }, 'Boom', 'why')).toEqual({ Error: 'Boom', Cause: 'why' });
  });

  it('computes when a Wait ends from each of its four fields', () => {
    const now = Date.UTC(2026, 10, 26);
    expect(waitUntilMs({ Seconds: 10 }, {}, now, noContext)).toBe(now + 10_000);
    expect(waitUntilMs({ SecondsPath: '$.s' }, { s: 300 * 86400 }, now, noContext)).toBe(now + 300 * 86_400_000);
    expect(waitUntilMs({ Timestamp: '2027-01-01T00:00:00Z' }, {}, now, noContext)).toBe(Date.UTC(2027, 0, 1));
    expect(waitUntilMs({ TimestampPath: '$.t' }, { t: '2027-01-01T00:00:00+01:00' }, now, noContext)).toBe(Date.UTC(2026, 11, 31, 23));
    expect(() => waitUntilMs({ SecondsPath: '$.s' }, { s: -1 }, now, noContext)).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
    expect(() => waitUntilMs({ TimestampPath: '$.t' }, { t: 'tomorrow' }, now, noContext)).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('reads task timeouts from fixed values or from the input after InputPath', () => {
    expect(taskTimeouts({ TimeoutSeconds: 30, HeartbeatSeconds: 10 }, {}, noContext)).toEqual({ timeoutSeconds: 30, heartbeatSeconds: 10 });
    expect(taskTimeouts({ TimeoutSecondsPath: '$.t' }, { t: 3600 }, noContext)).toEqual({ timeoutSeconds: 3600, heartbeatSeconds: undefined });
    expect(() => taskTimeouts({ TimeoutSecondsPath: '$.t' }, { t: 0 }, noContext)).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });
});
