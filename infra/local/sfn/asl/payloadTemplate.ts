import { runtimeError } from './errors';
import { evaluateIntrinsic, isIntrinsic } from './intrinsics';
import { isObject, type Json } from './json';
import { requirePath } from './paths';

/**
 * Payload templates (Parameters, ResultSelector, ItemSelector): fields named `x.$` take the value of a path or of
 * an intrinsic function; every other field is copied as written. Each template is compiled once into a function;
 * parts without `.$` fields are shared constants.
 */
export type TemplateFn = (input: Json, context: () => Json) => Json;

const compiled = new WeakMap<object, TemplateFn>();

export function compileTemplate(template: Json): TemplateFn {
  if (template === null || typeof template !== 'object') return () => template;
  let fn = compiled.get(template);
  if (!fn) {
    fn = hasDynamicFields(template) ? build(template) : () => template;
    compiled.set(template, fn);
  }
  return fn;
}

export function applyTemplate(template: Json, input: Json, context: () => Json): Json {
  return compileTemplate(template)(input, context);
}

function hasDynamicFields(value: Json): boolean {
  if (Array.isArray(value)) return value.some(hasDynamicFields);
  if (isObject(value)) return Object.keys(value).some((k) => k.endsWith('.$') || hasDynamicFields(value[k]));
  return false;
}

function build(template: Json): TemplateFn {
  if (Array.isArray(template)) {
    const items = template.map((item) => compileTemplate(item));
    return (input, context) => items.map((item) => item(input, context));
  }
  if (!isObject(template)) return () => template;
  const fields = Object.keys(template).map((key): [string, TemplateFn] => {
    const value = template[key];
    if (!key.endsWith('.$')) return [key, compileTemplate(value)];
    const name = key.slice(0, -2);
    if (typeof value !== 'string') {
      return [name, () => { throw runtimeError(`The value of the field '${key}' must be a path or an intrinsic function`); }];
    }
    const expression = value.trim();
    if (expression.startsWith('$')) return [name, (input, context) => requirePath(expression, input, context, key)];
    if (isIntrinsic(expression)) return [name, (input, context) => evaluateIntrinsic(expression, input, context)];
    return [name, () => { throw runtimeError(`The value of the field '${key}' is neither a path nor an intrinsic function: '${value}'`); }];
  });
  return (input, context) => {
    const out: { [key: string]: Json } = {};
    for (const [name, fn] of fields) out[name] = fn(input, context);
    return out;
  };
}
