import { evaluateIntrinsic, parseIntrinsic } from '../../../../../infra/local/sfn/asl/intrinsics';

const input = {
  name: 'Terry',
  n: 3,
  list: [1, 2, 2, 3, { a: 1 }, { a: 1 }],
  json: '{"k":[1,2]}',
  csv: 'a,b;c',
  obj: { x: 1 },
};
const context = () => ({ Execution: { Name: 'exec-1' } });
const run = (expression: string) => evaluateIntrinsic(expression, input, context);

describe('intrinsic functions', () => {
  it('formats strings with {} placeholders and escaped braces and quotes', () => {
    expect(run("States.Format('Hello {}, you have {} items', $.name, $.n)")).toBe('Hello Terry, you have 3 items');
    expect(run("States.Format('\\{literal\\} {} it\\'s', $$.Execution.Name)")).toBe("{literal} exec-1 it's");
    expect(run("States.Format('null is {}', null)")).toBe('null is null');
  });

  it('refuses a Format whose placeholders and values do not match', () => {
    expect(() => run("States.Format('{} and {}', $.name)")).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('converts between JSON text and values', () => {
    expect(run('States.StringToJson($.json)')).toEqual({ k: [1, 2] });
    expect(run('States.JsonToString($.obj)')).toBe('{"x":1}');
  });

  it('builds, partitions and inspects arrays', () => {
    expect(run("States.Array('a', 1, true, null, $.n)")).toEqual(['a', 1, true, null, 3]);
    expect(run('States.ArrayPartition(States.Array(1, 2, 3, 4, 5), 2)')).toEqual([[1, 2], [3, 4], [5]]);
    expect(run('States.ArrayContains($.list, $.obj)')).toBe(false);
    expect(run('States.ArrayContains($.list, 3)')).toBe(true);
    expect(run('States.ArrayRange(1, 9, 2)')).toEqual([1, 3, 5, 7, 9]);
    expect(run('States.ArrayRange(5, 1, -2)')).toEqual([5, 3, 1]);
    expect(run('States.ArrayGetItem($.list, 1)')).toBe(2);
    expect(run('States.ArrayLength($.list)')).toBe(6);
    expect(run('States.ArrayUnique($.list)')).toEqual([1, 2, 3, { a: 1 }]);
  });

  it('limits ArrayRange to 1,000 items', () => {
    expect(() => run('States.ArrayRange(1, 2000, 1)')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('encodes and decodes Base64 as UTF-8', () => {
    expect(run("States.Base64Encode('Café')")).toBe('Q2Fmw6k=');
    expect(run("States.Base64Decode('Q2Fmw6k=')")).toBe('Café');
  });

  it('hashes with the named algorithm as lowercase hex', () => {
    expect(run("States.Hash('abc', 'SHA-256')")).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(run("States.Hash('abc', 'MD5')")).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(() => run("States.Hash('abc', 'CRC32')")).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('merges objects shallowly only', () => {
    expect(run("States.JsonMerge($.obj, States.StringToJson('{\"y\":2}'), false)")).toEqual({ x: 1, y: 2 });
    expect(() => run('States.JsonMerge($.obj, $.obj, true)')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('adds numbers and draws random integers within the bounds (repeatably with a seed)', () => {
    expect(run('States.MathAdd($.n, -1)')).toBe(2);
    for (let i = 0; i < 50; i++) {
      const value = run('States.MathRandom(1, 3)') as number;
      expect([1, 2, 3]).toContain(value);
    }
    expect(run('States.MathRandom(1, 1000, 42)')).toBe(run('States.MathRandom(1, 1000, 42)'));
  });

  it('splits a string on every character of the delimiter', () => {
    expect(run("States.StringSplit($.csv, ',;')")).toEqual(['a', 'b', 'c']);
    expect(run("States.StringSplit('1, 2', ',')")).toEqual(['1', ' 2']);
  });

  it('makes version 4 UUIDs', () => {
    const uuid = run('States.UUID()') as string;
    expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(run('States.UUID()')).not.toBe(uuid);
  });

  it('checks argument types and counts', () => {
    expect(() => run('States.ArrayLength($.name)')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
    expect(() => run('States.MathAdd(1)')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
    expect(() => run('States.Nope(1)')).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('parses nested calls, paths with brackets and quoted commas', () => {
    expect(parseIntrinsic("States.Format('a, b {}', States.ArrayGetItem($.list[0:2], 0))").args).toHaveLength(2);
    expect(run("States.Format('a, b {}', States.ArrayGetItem($.list, 0))")).toBe('a, b 1');
  });
});
