import { runtimeError } from './errors';
import { isObject, type Json, type JsonObject } from './json';
import { selectPath } from './paths';

/**
 * Choice rules: Boolean combinators (And, Or, Not) over data-test expressions (`Variable` + one comparison).
 * A comparison of values of the wrong type is simply false, as on AWS; a Variable that is not there is a
 * States.Runtime error unless the test is IsPresent.
 */
export function evaluateChoiceRule(rule: JsonObject, input: Json, context: () => Json): boolean {
  if (Array.isArray(rule.And)) return rule.And.every((r) => evaluateChoiceRule(r as JsonObject, input, context));
  if (Array.isArray(rule.Or)) return rule.Or.some((r) => evaluateChoiceRule(r as JsonObject, input, context));
  if (isObject(rule.Not)) return !evaluateChoiceRule(rule.Not, input, context);
  const variablePath = rule.Variable;
  if (typeof variablePath !== 'string') throw runtimeError('A choice rule has no Variable');
  const value = selectPath(variablePath, input, context);
  const operator = Object.keys(rule).find((k) => k !== 'Variable' && k !== 'Next' && k !== 'Comment');
  if (!operator) throw runtimeError(`The choice rule on '${variablePath}' has no comparison`);
  if (operator === 'IsPresent') return (value !== undefined) === rule.IsPresent;
  if (value === undefined) {
    throw runtimeError(`Invalid path '${variablePath}': The choice state's condition path references an invalid value.`);
  }
  let expected = rule[operator];
  let op = operator;
  if (op.endsWith('Path') && op !== 'Path') {
    const path = expected;
    if (typeof path !== 'string') throw runtimeError(`${op} must be a path`);
    const resolved = selectPath(path, input, context);
    if (resolved === undefined) throw runtimeError(`Invalid path '${path}': The choice state's condition path references an invalid value.`);
    expected = resolved;
    op = op.slice(0, -'Path'.length);
  }
  return compare(op, value, expected);
}

function compare(op: string, value: Json, expected: Json): boolean {
  switch (op) {
    case 'IsNull':
      return (value === null) === expected;
    case 'IsNumeric':
      return (typeof value === 'number') === expected;
    case 'IsString':
      return (typeof value === 'string') === expected;
    case 'IsBoolean':
      return (typeof value === 'boolean') === expected;
    case 'IsTimestamp':
      return (parseTimestamp(value) !== undefined) === expected;
    case 'BooleanEquals':
      return typeof value === 'boolean' && value === expected;
    case 'StringMatches':
      return typeof value === 'string' && typeof expected === 'string' && wildcardRegExp(expected).test(value);
  }
  const family = /^(String|Numeric|Timestamp)(Equals|LessThan|GreaterThan|LessThanEquals|GreaterThanEquals)$/.exec(op);
  if (!family) throw runtimeError(`Unknown choice comparison '${op}'`);
  const [, kind, relation] = family;
  let a: number | string;
  let b: number | string;
  if (kind === 'String') {
    if (typeof value !== 'string' || typeof expected !== 'string') return false;
    [a, b] = [value, expected];
  } else if (kind === 'Numeric') {
    if (typeof value !== 'number' || typeof expected !== 'number') return false;
    [a, b] = [value, expected];
  } else {
    const ta = parseTimestamp(value);
    const tb = parseTimestamp(expected);
    if (ta === undefined || tb === undefined) return false;
    [a, b] = [ta, tb];
  }
  switch (relation) {
    case 'Equals':
      return a === b;
    case 'LessThan':
      return a < b;
    case 'GreaterThan':
      return a > b;
    case 'LessThanEquals':
      return a <= b;
    default:
      return a >= b;
  }
}

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** RFC 3339 timestamps with an upper-case T and a zone, as ASL requires; undefined otherwise. */
export function parseTimestamp(value: Json | undefined): number | undefined {
  if (typeof value !== 'string' || !TIMESTAMP.test(value)) return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

const patterns = new Map<string, RegExp>();

/** `*` matches any run of characters; `\*` is a literal star and `\\` a literal backslash. */
export function wildcardRegExp(pattern: string): RegExp {
  let re = patterns.get(pattern);
  if (re) return re;
  let source = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) source += escapeRegExp(pattern[++i]);
    else if (c === '*') source += '.*';
    else source += escapeRegExp(c);
  }
  re = new RegExp(`^${source}$`, 's');
  patterns.set(pattern, re);
  return re;
}

function escapeRegExp(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

/** The Next of the first matching rule, else Default, else the States.NoChoiceMatched error is the caller's. */
export function chooseNext(choices: JsonObject[], input: Json, context: () => Json): string | undefined {
  for (const choice of choices) {
    if (evaluateChoiceRule(choice, input, context)) return choice.Next as string;
  }
  return undefined;
}
