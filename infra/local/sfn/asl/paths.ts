import { JSONPath } from 'jsonpath-plus';
import { ErrorNames, StatesError, runtimeError } from './errors';
import { isObject, type Json } from './json';

/**
 * JSONPath as the JSONPath query language of ASL uses it: `$...` against the state's data, `$$...` against the
 * Context Object. Parsing is jsonpath-plus's; plain member/index paths (the vast majority) are walked directly
 * so the engine does not pay a full query per transition.
 */
export interface CompiledPath {
  source: string;
  /** `$$` paths read the Context Object. */
  context: boolean;
  /** Member/index segments after `$` when the path has no wildcard, filter, slice or union. */
  segments: string[] | null;
  /** Definite paths select one value; indefinite ones (wildcards, filters, ...) always yield an array. */
  definite: boolean;
  /** The path as jsonpath-plus evaluates it (`$$.x` becomes `$.x` over the context). */
  libraryPath: string;
}

const cache = new Map<string, CompiledPath>();
const INDEFINITE = /^(\*|\.\.|\?\(|\(|.*[:,])/;

export function compilePath(path: string): CompiledPath {
  let compiled = cache.get(path);
  if (compiled) return compiled;
  if (!path.startsWith('$')) throw runtimeError(`Invalid path '${path}': paths must begin with '$'`);
  const context = path.startsWith('$$');
  const libraryPath = context ? path.slice(1) : path;
  let parts: string[];
  try {
    parts = JSONPath.toPathArray(libraryPath).slice(1);
  } catch (err) {
    throw runtimeError(`Invalid path '${path}': ${(err as Error).message}`);
  }
  const definite = !parts.some((p) => INDEFINITE.test(p));
  const simple = definite && parts.every((p) => !p.startsWith('-') && !p.startsWith('@') && p !== '^' && p !== '~');
  compiled = { source: path, context, segments: simple ? parts : null, definite, libraryPath };
  cache.set(path, compiled);
  return compiled;
}

function walk(value: Json | undefined, segments: string[]): Json | undefined {
  let current = value;
  for (const segment of segments) {
    if (Array.isArray(current)) {
      if (!/^\d+$/.test(segment)) return undefined;
      current = current[Number(segment)];
    } else if (isObject(current)) {
      if (!Object.prototype.hasOwnProperty.call(current, segment)) return undefined;
      current = current[segment];
    } else {
      return undefined;
    }
  }
  return current;
}

/** Selects with a path; `undefined` means "no such value" (the caller decides whether that is an error). */
export function selectPath(path: string, data: Json, context: () => Json): Json | undefined {
  const compiled = compilePath(path);
  const root = compiled.context ? context() : data;
  if (compiled.segments) return walk(root, compiled.segments);
  let found: Json[];
  try {
    found = JSONPath({ path: compiled.libraryPath, json: root as object, wrap: true, eval: 'safe' }) as Json[];
  } catch (err) {
    throw runtimeError(`Invalid path '${path}': ${(err as Error).message}`);
  }
  if (compiled.definite) return found.length > 0 ? found[0] : undefined;
  return found;
}

/** Selects with a path that must match, as InputPath, OutputPath, ItemsPath and `.$` fields require. */
export function requirePath(path: string, data: Json, context: () => Json, what: string): Json {
  const value = selectPath(path, data, context);
  if (value === undefined) {
    throw runtimeError(`The JSONPath '${path}' specified for the field '${what}' could not be found in the input '${JSON.stringify(data)}'`);
  }
  return value;
}

/** Reference paths (ResultPath) name one place: no wildcards, filters or context. */
export function referenceSegments(path: string): string[] {
  const compiled = compilePath(path);
  if (compiled.context || !compiled.segments) throw runtimeError(`Invalid reference path '${path}'`);
  return compiled.segments;
}

/**
 * Returns a copy of `root` with `value` placed at the reference path, creating missing objects on the way and
 * sharing everything it does not touch (state data is never mutated in place).
 */
export function setReferencePath(root: Json, path: string, value: Json): Json {
  const segments = referenceSegments(path);
  const fail = (): never => {
    throw new StatesError(
      ErrorNames.resultPathMatchFailure,
      `Unable to apply step "${path}" to input ${JSON.stringify(root)}`,
    );
  };
  const place = (current: Json | undefined, index: number): Json => {
    if (index === segments.length) return value;
    const segment = segments[index];
    if (current === undefined) current = {};
    if (isObject(current)) {
      return { ...current, [segment]: place(current[segment], index + 1) };
    }
    if (Array.isArray(current) && /^\d+$/.test(segment) && Number(segment) < current.length) {
      const copy = current.slice();
      copy[Number(segment)] = place(current[Number(segment)], index + 1);
      return copy;
    }
    return fail();
  };
  return place(root, 0);
}
