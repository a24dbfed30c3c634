import { compileMachine, validateDefinition } from '../../../../../infra/local/sfn/asl/definition';

describe('state machine definitions', () => {
  it('accepts a valid definition', () => {
    const result = validateDefinition(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', End: true } } }));
    expect(result.ok).toBe(true);
  });

  it("rejects an invalid one with the validator's message", () => {
    const result = validateDefinition(JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Next: 'Nowhere' } } }));
    expect(result).toEqual({ ok: false, message: expect.stringContaining('MISSING_TRANSITION_TARGET') });
    expect(result.ok || result.message.startsWith('Invalid State Machine Definition:')).toBe(true);
  });

  it('rejects text that is not JSON', () => {
    expect(validateDefinition('{"StartAt": ')).toEqual({ ok: false, message: expect.stringContaining('INVALID_JSON_DESCRIPTION') });
  });

  it('refuses the JSONata query language, which the engine does not run', () => {
    const definition = { QueryLanguage: 'JSONata', StartAt: 'A', States: { A: { Type: 'Pass', End: true } } };
    expect(validateDefinition(JSON.stringify(definition)).ok).toBe(false);
  });

  it('numbers the scopes of Parallel branches and Map processors in a fixed order', () => {
    const machine = compileMachine({
      StartAt: 'P',
      TimeoutSeconds: 60,
      States: {
        P: {
          Type: 'Parallel',
          Branches: [
            { StartAt: 'A', States: { A: { Type: 'Pass', End: true } } },
            { StartAt: 'M', States: { M: { Type: 'Map', ItemProcessor: { StartAt: 'X', States: { X: { Type: 'Pass', End: true } } }, End: true } } },
          ],
          End: true,
        },
      },
    });
    expect(machine.scopes.map((s) => s.startAt)).toEqual(['P', 'A', 'M', 'X']);
    expect(machine.scopes[0].children.P).toEqual([1, 2]);
    expect(machine.scopes[2].children.M).toEqual([3]);
    expect(machine.timeoutSeconds).toBe(60);
  });
});
