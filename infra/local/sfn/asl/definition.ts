import aslValidator from 'asl-validator';
import { isObject, type JsonObject } from './json';

/**
 * A state machine definition: validated with asl-validator (its message is what CreateStateMachine's
 * InvalidDefinition error carries) and compiled into scopes: the top level, each Parallel branch and each Map
 * item processor, numbered in a fixed order so persisted executions can name where they are.
 */
export interface Scope {
  id: number;
  startAt: string;
  states: Record<string, JsonObject>;
  /** For Parallel states: the scope of each branch; for Map states: a one-element array (the processor). */
  children: Record<string, number[]>;
}

export interface Machine {
  definition: JsonObject;
  scopes: Scope[];
  timeoutSeconds?: number;
}

export type ValidationResult = { ok: true; definition: JsonObject } | { ok: false; message: string };

const validated = new Map<string, ValidationResult>();

export function validateDefinition(text: string): ValidationResult {
  const cached = validated.get(text);
  if (cached) return cached;
  const result = validate(text);
  if (validated.size > 500) validated.clear();
  validated.set(text, result);
  return result;
}

function invalid(message: string): ValidationResult {
  return { ok: false, message: `Invalid State Machine Definition: '${message}'` };
}

function validate(text: string): ValidationResult {
  let definition: unknown;
  try {
    definition = JSON.parse(text);
  } catch (err) {
    return invalid(`INVALID_JSON_DESCRIPTION: ${(err as Error).message}`);
  }
  if (!isObject(definition)) return invalid('SCHEMA_VALIDATION_FAILED: the definition must be a JSON object');
  // The validator writes defaults into what it is given, so it gets a copy.
  const { isValid, errorsText } = aslValidator(JSON.parse(text) as never);
  if (!isValid) return invalid(errorsText('; '));
  const unsupported = findUnsupported(definition);
  if (unsupported) return invalid(`SCHEMA_VALIDATION_FAILED: ${unsupported}`);
  return { ok: true, definition };
}

/** The engine runs the JSONPath query language only; JSONata definitions are refused, not misrun. */
function findUnsupported(definition: JsonObject): string | undefined {
  if (definition.QueryLanguage !== undefined && definition.QueryLanguage !== 'JSONPath') {
    return `QueryLanguage ${String(definition.QueryLanguage)} is not supported by the local engine`;
  }
  const states = isObject(definition.States) ? definition.States : {};
  for (const [name, state] of Object.entries(states)) {
    if (!isObject(state)) continue;
    if (state.QueryLanguage !== undefined && state.QueryLanguage !== 'JSONPath') {
      return `QueryLanguage ${String(state.QueryLanguage)} of state ${name} is not supported by the local engine`;
    }
    const nested = [
      ...(Array.isArray(state.Branches) ? state.Branches : []),
      ...(isObject(state.ItemProcessor) ? [state.ItemProcessor] : []),
      ...(isObject(state.Iterator) ? [state.Iterator] : []),
    ];
    for (const inner of nested) {
      const found = isObject(inner) ? findUnsupported(inner) : undefined;
      if (found) return found;
    }
  }
  return undefined;
}

export function compileMachine(definition: JsonObject): Machine {
  const scopes: Scope[] = [];
  const add = (body: JsonObject): number => {
    const scope: Scope = {
      id: scopes.length,
      startAt: body.StartAt as string,
      states: body.States as Record<string, JsonObject>,
      children: {},
    };
    scopes.push(scope);
    for (const [name, state] of Object.entries(scope.states)) {
      if (state.Type === 'Parallel') scope.children[name] = (state.Branches as JsonObject[]).map(add);
      if (state.Type === 'Map') scope.children[name] = [add((state.ItemProcessor ?? state.Iterator) as JsonObject)];
    }
    return scope.id;
  };
  add(definition);
  const timeout = definition.TimeoutSeconds;
  return { definition, scopes, timeoutSeconds: typeof timeout === 'number' ? timeout : undefined };
}
