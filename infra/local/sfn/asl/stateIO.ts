import { parseTimestamp } from './choice';
import { ErrorNames, StatesError, runtimeError } from './errors';
import type { Json, JsonObject } from './json';
import { requirePath, selectPath, setReferencePath } from './paths';
import { applyTemplate } from './payloadTemplate';

/**
 * The input and output processing every state shares (InputPath -> Parameters -> [work] -> ResultSelector ->
 * ResultPath -> OutputPath) and the few fields states read from their input (Wait times, task timeouts).
 */
export type ContextFn = () => Json;

export function applyInputPath(state: JsonObject, rawInput: Json, context: ContextFn): Json {
  const path = state.InputPath;
  if (path === undefined) return rawInput;
  if (path === null) return {};
  return requirePath(path as string, rawInput, context, 'InputPath');
}

export function applyParameters(state: JsonObject, effectiveInput: Json, context: ContextFn): Json {
  return state.Parameters === undefined ? effectiveInput : applyTemplate(state.Parameters, effectiveInput, context);
}

export function applyResultSelector(state: JsonObject, result: Json, context: ContextFn): Json {
  return state.ResultSelector === undefined ? result : applyTemplate(state.ResultSelector, result, context);
}

export function applyResultPath(resultPath: Json | undefined, rawInput: Json, result: Json): Json {
  if (resultPath === undefined) return result;
  if (resultPath === null) return rawInput;
  return setReferencePath(rawInput, resultPath as string, result);
}

export function applyOutputPath(state: JsonObject, data: Json, context: ContextFn): Json {
  const path = state.OutputPath;
  if (path === undefined) return data;
  if (path === null) return {};
  return requirePath(path as string, data, context, 'OutputPath');
}

/** ResultSelector, ResultPath and OutputPath: from a state's result to its output. */
export function stateOutput(state: JsonObject, rawInput: Json, result: Json, context: ContextFn): Json {
  const selected = applyResultSelector(state, result, context);
  const placed = applyResultPath(state.ResultPath, rawInput, selected);
  return applyOutputPath(state, placed, context);
}

/** What a Catcher passes to its Next state: `{Error, Cause}` placed into the state's raw input. */
export function catcherOutput(resultPath: Json | undefined, rawInput: Json, error: string, cause: string): Json {
  return applyResultPath(resultPath, rawInput, { Error: error, Cause: cause });
}

/** The instant a Wait state ends, from Seconds, SecondsPath, Timestamp or TimestampPath. */
export function waitUntilMs(state: JsonObject, effectiveInput: Json, nowMs: number, context: ContextFn): number {
  if (typeof state.Seconds === 'number') return nowMs + state.Seconds * 1000;
  if (typeof state.Timestamp === 'string') return timestampMs(state.Timestamp, 'Timestamp');
  if (typeof state.SecondsPath === 'string') {
    const seconds = requirePath(state.SecondsPath, effectiveInput, context, 'SecondsPath');
    if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds < 0) {
      throw runtimeError(`The SecondsPath '${state.SecondsPath}' must select a non-negative integer, not ${JSON.stringify(seconds)}`);
    }
    return nowMs + seconds * 1000;
  }
  if (typeof state.TimestampPath === 'string') {
    const value = requirePath(state.TimestampPath, effectiveInput, context, 'TimestampPath');
    return timestampMs(value, 'TimestampPath');
  }
  throw runtimeError('A Wait state needs Seconds, SecondsPath, Timestamp or TimestampPath');
}

function timestampMs(value: Json, field: string): number {
  const ms = parseTimestamp(value);
  if (ms === undefined) throw runtimeError(`The ${field} value ${JSON.stringify(value)} is not an RFC 3339 timestamp`);
  return ms;
}

/**
 * TimeoutSeconds/TimeoutSecondsPath and HeartbeatSeconds/HeartbeatSecondsPath of a Task. Paths are read from
 * the state's input after InputPath (Parameters build the call, not the settings of the state).
 */
export function taskTimeouts(state: JsonObject, effectiveInput: Json, context: ContextFn): { timeoutSeconds?: number; heartbeatSeconds?: number } {
  const read = (fixed: Json | undefined, path: Json | undefined, field: string): number | undefined => {
    if (typeof fixed === 'number') return fixed;
    if (typeof path !== 'string') return undefined;
    const value = selectPath(path, effectiveInput, context);
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      throw runtimeError(`The ${field} '${path}' must select a positive integer, not ${JSON.stringify(value ?? null)}`);
    }
    return value;
  };
  return {
    timeoutSeconds: read(state.TimeoutSeconds, state.TimeoutSecondsPath, 'TimeoutSecondsPath'),
    heartbeatSeconds: read(state.HeartbeatSeconds, state.HeartbeatSecondsPath, 'HeartbeatSecondsPath'),
  };
}

/** A Fail state's Error and Cause, literal or from ErrorPath/CausePath (paths or intrinsic functions). */
export function failStateError(state: JsonObject, effectiveInput: Json, context: ContextFn, evaluate: (expr: string) => Json): StatesError {
  const pick = (literal: Json | undefined, path: Json | undefined): string | undefined => {
    if (typeof literal === 'string') return literal;
    if (typeof path !== 'string') return undefined;
    const value = path.startsWith('$') ? requirePath(path, effectiveInput, context, 'ErrorPath/CausePath') : evaluate(path);
    if (typeof value !== 'string') throw runtimeError(`The path '${path}' must select a string, not ${JSON.stringify(value)}`);
    return value;
  };
  return new StatesError(pick(state.Error, state.ErrorPath) ?? '', pick(state.Cause, state.CausePath) ?? '');
}

export function noChoiceMatched(stateName: string): StatesError {
  return new StatesError(ErrorNames.noChoiceMatched, `No Choice Rules matched and no Default specified in state '${stateName}'`);
}
