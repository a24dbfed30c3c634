import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { functionDefs, localFunctionArn, type ApiFunctionDef, type FunctionDef, type WorkflowFunctionDef } from '../definitions/functions';
import { lambdaContext } from './lambdaContext';

/**
 * The stack's in-process "Lambda service": each function of infra/definitions/functions.ts is its handler
 * module, required on first use, so the handlers' environment is in place before any of them loads.
 */
export type LocalLambda = (event: unknown, context?: Partial<Context>) => Promise<unknown>;

const repoRoot = join(__dirname, '..', '..');
const DEFAULT_WORKFLOW_TIMEOUT_SECONDS = 30;

/** `require(entry)[handler]`, once. */
type Handler = (event: unknown, context: Context) => Promise<unknown>;

export function lazyHandler(def: FunctionDef): Handler {
  let loaded: Handler | undefined;
  return (event, context) => {
    if (!loaded) {
      const candidate = (require(join(repoRoot, def.entry)) as Record<string, unknown>)[def.handler];
      if (typeof candidate !== 'function') throw new Error(`${def.entry} exports no function named ${def.handler}`);
      loaded = candidate as Handler;
    }
    return Promise.resolve(loaded!(event, context));
  };
}

/**
 * Resolves what a Task state names (the substituted ARN, possibly qualified, or the bare `ratify-<id>`) to the
 * workflow function's handler.
 */
export function workflowLambdaResolver(defs: FunctionDef[] = functionDefs): (functionArnOrName: string) => LocalLambda | undefined {
  const byName = new Map<string, LocalLambda>();
  for (const def of defs.filter((d): d is WorkflowFunctionDef => d.kind === 'workflow')) {
    const handler = lazyHandler(def);
    const timeoutSeconds = def.sizing?.timeoutSeconds ?? DEFAULT_WORKFLOW_TIMEOUT_SECONDS;
    // The engine's context when it gives one (it knows the task's timeout), else one of ours.
    const invoke: LocalLambda = (event, context) =>
      handler(event, (context as Context | undefined) ?? lambdaContext(def.id, { timeoutSeconds, memoryMiB: def.sizing?.memoryMiB }));
    byName.set(localFunctionArn(def.id), invoke);
    byName.set(`ratify-${def.id}`, invoke);
  }
  return (functionArnOrName) => byName.get(unqualified(functionArnOrName));
}

export function apiFunctions(defs: FunctionDef[] = functionDefs): ApiFunctionDef[] {
  return defs.filter((d): d is ApiFunctionDef => d.kind === 'api');
}

/** `arn:...:function:ratify-X:$LATEST` and `ratify-X:live` name the same function as without the qualifier. */
function unqualified(name: string): string {
  const arn = /^(arn:[^:]+:lambda:[^:]+:[^:]+:function:[^:]+)(:[^:]+)?$/.exec(name);
  if (arn) return arn[1];
  return name.split(':')[0];
}
