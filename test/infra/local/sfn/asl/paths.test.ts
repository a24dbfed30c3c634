import { StatesError } from '../../../../../infra/local/sfn/asl/errors';
import { compilePath, requirePath, selectPath, setReferencePath } from '../../../../../infra/local/sfn/asl/paths';

const noContext = () => null;

describe('JSONPath selection', () => {
  const data = { a: { b: [10, 20, { c: 'x' }] }, 'odd key': 1, list: [{ n: 1 }, { n: 5 }, { n: 9 }] };

  it('returns the whole input for $', () => {
    expect(selectPath('$', data, noContext)).toBe(data);
  });

  it('walks members and array indexes in dot and bracket notation', () => {
    expect(selectPath('$.a.b[1]', data, noContext)).toBe(20);
    expect(selectPath("$.a.b[2]['c']", data, noContext)).toBe('x');
    expect(selectPath("$['odd key']", data, noContext)).toBe(1);
  });

  it('answers undefined for a path that matches nothing', () => {
    expect(selectPath('$.a.missing', data, noContext)).toBeUndefined();
    expect(selectPath('$.a.b[7]', data, noContext)).toBeUndefined();
    expect(selectPath('$.a.b.c', data, noContext)).toBeUndefined();
  });

  it('returns an array for indefinite paths (wildcards, filters, slices), even with one match', () => {
    expect(selectPath('$.list[*].n', data, noContext)).toEqual([1, 5, 9]);
    expect(selectPath('$.list[?(@.n > 4)].n', data, noContext)).toEqual([5, 9]);
    expect(selectPath('$.list[0:1].n', data, noContext)).toEqual([1]);
    expect(compilePath('$.list[*]').definite).toBe(false);
    expect(compilePath('$.a.b[0]').definite).toBe(true);
  });

  it('reads $$ paths from the Context Object', () => {
    expect(selectPath('$$.Execution.Name', data, () => ({ Execution: { Name: 'run-1' } }))).toBe('run-1');
  });

  it('reports a missing required path as States.Runtime naming the field', () => {
    try {
      requirePath('$.nope', { a: 1 }, noContext, 'InputPath');
      throw new Error('expected a failure');
    } catch (err) {
      expect(err).toBeInstanceOf(StatesError);
      expect((err as StatesError).error).toBe('States.Runtime');
      expect((err as StatesError).causeText).toContain("'$.nope'");
      expect((err as StatesError).causeText).toContain('InputPath');
    }
  });
});

describe('ResultPath placement', () => {
  it('replaces the input with $ and places deeper paths, creating missing objects', () => {
    expect(setReferencePath({ a: 1 }, '$', 'r')).toBe('r');
    expect(setReferencePath({ a: 1 }, '$.x.y', 'r')).toEqual({ a: 1, x: { y: 'r' } });
  });

  it('never changes the original data', () => {
    const input = { a: { b: 1 } };
    const out = setReferencePath(input, '$.a.c', 2);
    expect(out).toEqual({ a: { b: 1, c: 2 } });
    expect(input).toEqual({ a: { b: 1 } });
  });

  it('fails with States.ResultPathMatchFailure when a step of the path is not an object', () => {
    expect(() => setReferencePath({ a: 'text' }, '$.a.b', 1)).toThrow(expect.objectContaining({ error: 'States.ResultPathMatchFailure' }));
    expect(() => setReferencePath('text', '$.a', 1)).toThrow(expect.objectContaining({ error: 'States.ResultPathMatchFailure' }));
  });
});
