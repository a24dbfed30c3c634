import { createHash, randomUUID } from 'node:crypto';
import { runtimeError } from './errors';
import { isObject, jsonEquals, type Json } from './json';
import { selectPath } from './paths';

/**
 * The intrinsic functions of ASL (`States.Format(...)` and friends) in `.$` fields. An expression is parsed once
 * into a small tree and cached; a failure at run time is a States.Runtime error, as on AWS.
 */
type Arg =
  | { kind: 'literal'; value: Json; raw?: string }
  | { kind: 'path'; path: string }
  | { kind: 'call'; name: string; args: Arg[] };

const parsed = new Map<string, Extract<Arg, { kind: 'call' }>>();

export function isIntrinsic(expression: string): boolean {
  return /^\s*States\.[A-Za-z0-9]+\s*\(/.test(expression);
}

export function parseIntrinsic(expression: string): Extract<Arg, { kind: 'call' }> {
  const cached = parsed.get(expression);
  if (cached) return cached;
  let pos = 0;
  const text = expression;
  const fail = (what: string): never => {
    throw runtimeError(`Invalid intrinsic function '${expression}': ${what} at position ${pos}`);
  };
  const skipSpaces = () => {
    while (pos < text.length && /\s/.test(text[pos])) pos++;
  };
  const parseCall = (): Extract<Arg, { kind: 'call' }> => {
    const match = /^States\.[A-Za-z0-9]+/.exec(text.slice(pos));
    if (!match) return fail('expected a States.* function');
    const name = match[0];
    pos += name.length;
    skipSpaces();
    if (text[pos] !== '(') fail("expected '('");
    pos++;
    const args: Arg[] = [];
    skipSpaces();
    if (text[pos] === ')') {
      pos++;
      return { kind: 'call', name, args };
    }
    for (;;) {
      skipSpaces();
      args.push(parseArg());
      skipSpaces();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ')') {
        pos++;
        return { kind: 'call', name, args };
      }
      fail("expected ',' or ')'");
    }
  };
  const parseString = (): Arg => {
    pos++; // opening quote
    let raw = '';
    while (pos < text.length && text[pos] !== "'") {
      if (text[pos] === '\\' && pos + 1 < text.length) {
        raw += text[pos] + text[pos + 1];
        pos += 2;
      } else {
        raw += text[pos++];
      }
    }
    if (text[pos] !== "'") fail('unterminated string');
    pos++;
    return { kind: 'literal', value: unescape(raw), raw };
  };
  const parsePath = (): Arg => {
    const start = pos;
    let depth = 0;
    let quote: string | null = null;
    while (pos < text.length) {
      const c = text[pos];
      if (quote) {
        if (c === '\\') pos++;
        else if (c === quote) quote = null;
      } else if (c === "'" || c === '"') quote = c;
      else if (c === '[' || c === '(') depth++;
      else if (c === ']' || c === ')') {
        if (depth === 0) break;
        depth--;
      } else if (c === ',' && depth === 0) break;
      pos++;
    }
    return { kind: 'path', path: text.slice(start, pos).trim() };
  };
  const parseArg = (): Arg => {
    const c = text[pos];
    if (c === "'") return parseString();
    if (c === '$') return parsePath();
    if (text.startsWith('States.', pos)) return parseCall();
    const literal = /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(text.slice(pos));
    if (!literal) return fail('unexpected argument');
    pos += literal[0].length;
    return { kind: 'literal', value: JSON.parse(literal[0]) as Json };
  };
  skipSpaces();
  const call = parseCall();
  skipSpaces();
  if (pos !== text.length) fail('unexpected text after the function');
  parsed.set(expression, call);
  return call;
}

function unescape(raw: string): string {
  return raw.replace(/\\(.)/g, '$1');
}

type Evaluated = { value: Json; raw?: string };

export function evaluateIntrinsic(expression: string, input: Json, context: () => Json): Json {
  return evaluateCall(parseIntrinsic(expression), input, context);
}

function evaluateArg(arg: Arg, input: Json, context: () => Json): Evaluated {
  switch (arg.kind) {
    case 'literal':
      return { value: arg.value, raw: arg.raw };
    case 'path': {
      const value = selectPath(arg.path, input, context);
      if (value === undefined) throw runtimeError(`The JSONPath '${arg.path}' could not be found in the input '${JSON.stringify(input)}'`);
      return { value };
    }
    case 'call':
      return { value: evaluateCall(arg, input, context) };
  }
}

function evaluateCall(call: Extract<Arg, { kind: 'call' }>, input: Json, context: () => Json): Json {
  const fn = FUNCTIONS[call.name];
  if (!fn) throw runtimeError(`The intrinsic function '${call.name}' is not supported`);
  const args = call.args.map((a) => evaluateArg(a, input, context));
  return fn(args, call.name);
}

// ---- argument checks -------------------------------------------------------------------------------------

type Fn = (args: Evaluated[], name: string) => Json;

function arity(args: Evaluated[], name: string, min: number, max = min): void {
  if (args.length < min || args.length > max) {
    const expected = min === max ? `exactly ${min}` : max === Infinity ? `at least ${min}` : `between ${min} and ${max}`;
    throw runtimeError(`${name} expects ${expected} argument(s) but received ${args.length}`);
  }
}
function typeName(value: Json): string {
  return value === null ? 'null' : Array.isArray(value) ? 'array' : typeof value;
}
function str(args: Evaluated[], i: number, name: string): string {
  const v = args[i].value;
  if (typeof v !== 'string') throw runtimeError(`${name} expects argument ${i + 1} to be a string but received ${typeName(v)}`);
  return v;
}
function num(args: Evaluated[], i: number, name: string, integer = false): number {
  const v = args[i].value;
  if (typeof v !== 'number' || (integer && !Number.isInteger(v))) {
    throw runtimeError(`${name} expects argument ${i + 1} to be ${integer ? 'an integer' : 'a number'} but received ${JSON.stringify(v)}`);
  }
  return v;
}
function arr(args: Evaluated[], i: number, name: string): Json[] {
  const v = args[i].value;
  if (!Array.isArray(v)) throw runtimeError(`${name} expects argument ${i + 1} to be an array but received ${typeName(v)}`);
  return v;
}
function limitLength(text: string, name: string): void {
  if (text.length > 10000) throw runtimeError(`${name} accepts at most 10,000 characters`);
}

// ---- the functions -----------------------------------------------------------------------------------------

function format(args: Evaluated[], name: string): Json {
  arity(args, name, 1, Infinity);
  str(args, 0, name);
  // Placeholders are `{}` in the literal; `\{` and `\}` are escaped braces, so read the raw text.
  const template = args[0].raw ?? (args[0].value as string).replace(/\\/g, '\\\\');
  const values = args.slice(1).map(({ value }, i) => {
    if (value !== null && typeof value === 'object') {
      throw runtimeError(`${name} expects argument ${i + 2} to be a string, number, boolean or null but received ${typeName(value)}`);
    }
    return value === null ? 'null' : String(value);
  });
  let out = '';
  let used = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\' && i + 1 < template.length) {
      out += template[++i];
    } else if (c === '{' && template[i + 1] === '}') {
      if (used >= values.length) throw runtimeError(`${name}: the template has more {} placeholders than values`);
      out += values[used++];
      i++;
    } else {
      out += c;
    }
  }
  if (used !== values.length) throw runtimeError(`${name}: the number of values does not match the {} placeholders`);
  return out;
}

const FUNCTIONS: Record<string, Fn> = {
  'States.Format': format,
  'States.StringToJson': (args, name) => {
    arity(args, name, 1);
    const text = str(args, 0, name);
    try {
      return JSON.parse(text) as Json;
    } catch {
      throw runtimeError(`${name} could not parse '${text}' as JSON`);
    }
  },
  'States.JsonToString': (args, name) => {
    arity(args, name, 1);
    return JSON.stringify(args[0].value);
  },
  'States.Array': (args) => args.map((a) => a.value),
  'States.ArrayPartition': (args, name) => {
    arity(args, name, 2);
    const items = arr(args, 0, name);
    const size = num(args, 1, name, true);
    if (size <= 0) throw runtimeError(`${name} expects a chunk size greater than 0`);
    const chunks: Json[] = [];
    for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
    return chunks;
  },
  'States.ArrayContains': (args, name) => {
    arity(args, name, 2);
    const items = arr(args, 0, name);
    return items.some((item) => jsonEquals(item, args[1].value));
  },
  'States.ArrayRange': (args, name) => {
    arity(args, name, 3);
    const start = num(args, 0, name, true);
    const end = num(args, 1, name, true);
    const step = num(args, 2, name, true);
    if (step === 0) throw runtimeError(`${name} expects a non-zero step`);
    const count = Math.floor((end - start) / step) + 1;
    if (count > 1000) throw runtimeError(`${name} cannot produce more than 1,000 items`);
    return Array.from({ length: Math.max(count, 0) }, (_, i) => start + i * step);
  },
  'States.ArrayGetItem': (args, name) => {
    arity(args, name, 2);
    const items = arr(args, 0, name);
    const index = num(args, 1, name, true);
    return items[index] ?? null;
  },
  'States.ArrayLength': (args, name) => {
    arity(args, name, 1);
    return arr(args, 0, name).length;
  },
  'States.ArrayUnique': (args, name) => {
    arity(args, name, 1);
    const items = arr(args, 0, name);
    return items.filter((item, i) => items.findIndex((other) => jsonEquals(item, other)) === i);
  },
  'States.Base64Encode': (args, name) => {
    arity(args, name, 1);
    const text = str(args, 0, name);
    limitLength(text, name);
    return Buffer.from(text, 'utf8').toString('base64');
  },
  'States.Base64Decode': (args, name) => {
    arity(args, name, 1);
    const text = str(args, 0, name);
    limitLength(text, name);
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw runtimeError(`${name} received a string that is not Base64`);
    return Buffer.from(text, 'base64').toString('utf8');
  },
  'States.Hash': (args, name) => {
    arity(args, name, 2);
    const value = args[0].value;
    const data = typeof value === 'string' ? value : JSON.stringify(value);
    limitLength(data, name);
    const algorithm = str(args, 1, name);
    const node = { MD5: 'md5', 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' }[algorithm];
    if (!node) throw runtimeError(`${name} supports MD5, SHA-1, SHA-256, SHA-384 and SHA-512, not '${algorithm}'`);
    return createHash(node).update(data, 'utf8').digest('hex');
  },
  'States.JsonMerge': (args, name) => {
    arity(args, name, 3);
    const [a, b, deep] = args.map((x) => x.value);
    if (!isObject(a) || !isObject(b)) throw runtimeError(`${name} expects two JSON objects`);
    if (deep !== false) throw runtimeError(`${name} supports only a shallow merge: its third argument must be false`);
    return { ...a, ...b };
  },
  'States.MathRandom': (args, name) => {
    arity(args, name, 2, 3);
    const start = num(args, 0, name, true);
    const end = num(args, 1, name, true);
    const random = args.length === 3 ? seededRandom(num(args, 2, name, true)) : Math.random();
    return start + Math.floor(random * (end - start + 1));
  },
  'States.MathAdd': (args, name) => {
    arity(args, name, 2);
    return num(args, 0, name) + num(args, 1, name);
  },
  'States.StringSplit': (args, name) => {
    arity(args, name, 2);
    const text = str(args, 0, name);
    const delimiters = str(args, 1, name);
    // Every character of the second argument is a delimiter; empty pieces are dropped (AWS's example splits
    // "This.is+a,test=string" on ".+,=").
    if (delimiters === '') return [text];
    const pieces: string[] = [];
    let piece = '';
    for (const c of text) {
      if (delimiters.includes(c)) {
        if (piece) pieces.push(piece);
        piece = '';
      } else piece += c;
    }
    if (piece) pieces.push(piece);
    return pieces;
  },
  'States.UUID': (args, name) => {
    arity(args, name, 0);
    return randomUUID();
  },
};

/** Mulberry32: a seed gives the same number every time, as States.MathRandom with a seed promises. */
function seededRandom(seed: number): number {
  let t = (seed + 0x6d2b79f5) | 0;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

export const supportedIntrinsics = Object.keys(FUNCTIONS);
