import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { functionDefs, localFunctionArn, type ApiFunctionDef, type FunctionDef, type WorkflowFunctionDef } from '../definitions/functions';
import type { LocalLambda } from './sfn';

/**
 * The stack's in-process "Lambda service": each function of infra/definitions/functions.ts is its handler
 * module, required on first use, so the handlers' environment is in place before any of them loads.
 */
const repoRoot = join(__dirname, '..', '..');

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
 * The workflow functions by their local ARN and bare `ratify-<id>` name. The engine tries a Task's resource under
 * each name it may mean (qualifier dropped, full ARN) and always gives the handler a Lambda context.
 */
export function workflowLambdaResolver(defs: FunctionDef[] = functionDefs): (functionArnOrName: string) => LocalLambda | undefined {
  const byName = new Map<string, LocalLambda>();
  for (const def of defs.filter((d): d is WorkflowFunctionDef => d.kind === 'workflow')) {
    const handler = lazyHandler(def);
    byName.set(localFunctionArn(def.id), handler);
    byName.set(`ratify-${def.id}`, handler);
  }
  return (functionArnOrName) => byName.get(functionArnOrName);
}

export function apiFunctions(defs: FunctionDef[] = functionDefs): ApiFunctionDef[] {
  return defs.filter((d): d is ApiFunctionDef => d.kind === 'api');
}

