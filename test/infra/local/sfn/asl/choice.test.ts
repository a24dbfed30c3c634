import { chooseNext, evaluateChoiceRule, parseTimestamp, wildcardRegExp } from '../../../../../infra/local/sfn/asl/choice';
import type { JsonObject } from '../../../../../infra/local/sfn/asl/json';

const input = {
  s: 'beta',
  n: 10,
  b: true,
  nul: null,
  t: '2026-11-26T10:00:00Z',
  other: 12,
  file: 'report-2017.docx',
};
const noContext = () => null;
const test = (rule: JsonObject) => evaluateChoiceRule(rule, input, noContext);

describe('Choice rules', () => {
  it('compares strings, numbers, booleans and timestamps', () => {
    expect(test({ Variable: '$.s', StringEquals: 'beta' })).toBe(true);
    expect(test({ Variable: '$.s', StringLessThan: 'gamma' })).toBe(true);
    expect(test({ Variable: '$.s', StringGreaterThanEquals: 'c' })).toBe(false);
    expect(test({ Variable: '$.n', NumericGreaterThan: 9.5 })).toBe(true);
    expect(test({ Variable: '$.n', NumericLessThanEquals: 10 })).toBe(true);
    expect(test({ Variable: '$.b', BooleanEquals: true })).toBe(true);
    expect(test({ Variable: '$.t', TimestampLessThan: '2026-11-26T11:00:00+00:00' })).toBe(true);
    expect(test({ Variable: '$.t', TimestampEquals: '2026-11-26T11:00:00+01:00' })).toBe(true);
  });

  it('compares against another path with the ...Path operators', () => {
    expect(test({ Variable: '$.n', NumericLessThanPath: '$.other' })).toBe(true);
    expect(test({ Variable: '$.s', StringEqualsPath: '$.s' })).toBe(true);
  });

  it('is false, not an error, when the value has the wrong type', () => {
    expect(test({ Variable: '$.s', NumericEquals: 1 })).toBe(false);
    expect(test({ Variable: '$.n', StringEquals: '10' })).toBe(false);
    expect(test({ Variable: '$.s', TimestampEquals: '2026-11-26T10:00:00Z' })).toBe(false);
  });

  it('tests types and presence', () => {
    expect(test({ Variable: '$.nul', IsNull: true })).toBe(true);
    expect(test({ Variable: '$.n', IsNumeric: true })).toBe(true);
    expect(test({ Variable: '$.s', IsString: true })).toBe(true);
    expect(test({ Variable: '$.b', IsBoolean: true })).toBe(true);
    expect(test({ Variable: '$.t', IsTimestamp: true })).toBe(true);
    expect(test({ Variable: '$.s', IsTimestamp: true })).toBe(false);
    expect(test({ Variable: '$.missing', IsPresent: false })).toBe(true);
    expect(test({ Variable: '$.s', IsPresent: true })).toBe(true);
  });

  it('combines rules with And, Or and Not', () => {
    expect(test({ And: [{ Variable: '$.n', NumericEquals: 10 }, { Not: { Variable: '$.s', StringEquals: 'alpha' } }] })).toBe(true);
    expect(test({ Or: [{ Variable: '$.n', NumericEquals: 1 }, { Variable: '$.b', BooleanEquals: false }] })).toBe(false);
  });

  it('matches wildcards, with \\* as a literal star', () => {
    expect(test({ Variable: '$.file', StringMatches: 'report-*.docx' })).toBe(true);
    expect(test({ Variable: '$.file', StringMatches: '*.pdf' })).toBe(false);
    expect(wildcardRegExp('a\\*b').test('a*b')).toBe(true);
    expect(wildcardRegExp('a\\*b').test('axxb')).toBe(false);
  });

  it('raises States.Runtime for a Variable that is missing', () => {
    expect(() => test({ Variable: '$.missing', StringEquals: 'x' })).toThrow(expect.objectContaining({ error: 'States.Runtime' }));
  });

  it('takes the Next of the first matching choice', () => {
    const choices = [
      { Variable: '$.n', NumericLessThan: 5, Next: 'Small' },
      { Variable: '$.n', NumericLessThan: 50, Next: 'Medium' },
      { Variable: '$.n', NumericLessThan: 500, Next: 'Large' },
    ];
    expect(chooseNext(choices, input, noContext)).toBe('Medium');
    expect(chooseNext([{ Variable: '$.n', NumericLessThan: 1, Next: 'X' }], input, noContext)).toBeUndefined();
  });

  it('accepts only RFC 3339 timestamps with a T and a zone', () => {
    expect(parseTimestamp('2016-03-14T01:59:00Z')).toBe(Date.UTC(2016, 2, 14, 1, 59));
    expect(parseTimestamp('2016-03-14 01:59:00Z')).toBeUndefined();
    expect(parseTimestamp('2016-03-14T01:59:00')).toBeUndefined();
  });
});
