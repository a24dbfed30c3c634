/**
 * Checks that every Lambda task of an ASL definition retries the transient failures AWS documents for Lambda
 * and the throttling SES answers with, so a busy account delays a run instead of failing it. The CDK stack
 * refuses to synthesize a definition that does not (the definition itself is owned by the workflow authors).
 */
export const requiredLambdaRetryErrors = ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'] as const;
/** SES throttling reaches Step Functions as the handler's error name: the SDK's `Throttling`, or our `SES.Throttling`. */
export const sesThrottlingErrors = ['Throttling', 'SES.Throttling'] as const;

/** Error names that match every task failure, so they cover all of the above. */
const catchAll = new Set(['States.ALL', 'States.TaskFailed']);

export interface MissingRetry {
  state: string;
  missing: string[];
}

interface AslState {
  Type?: string;
  Resource?: string;
  Retry?: Array<{ ErrorEquals?: string[] }>;
  Branches?: AslMachine[];
  Iterator?: AslMachine;
  ItemProcessor?: AslMachine;
}
interface AslMachine {
  States?: Record<string, AslState>;
}

export function isLambdaTask(state: AslState): boolean {
  if (state.Type !== 'Task' || typeof state.Resource !== 'string') return false;
  const r = state.Resource;
  return r.startsWith('arn:aws:states:::lambda:invoke') || /^arn:aws[a-z-]*:lambda:/.test(r) || /^\$\{[A-Za-z0-9_]*FunctionArn\}$/.test(r);
}

export function lambdaTasksMissingRetries(definition: string | AslMachine): MissingRetry[] {
  const machine: AslMachine = typeof definition === 'string' ? JSON.parse(definition) : definition;
  const problems: MissingRetry[] = [];
  const visit = (m: AslMachine | undefined, prefix: string) => {
    for (const [name, state] of Object.entries(m?.States ?? {})) {
      const path = prefix + name;
      if (isLambdaTask(state)) {
        const retried = new Set((state.Retry ?? []).flatMap((r) => r.ErrorEquals ?? []));
        const covered = (e: string) => retried.has(e) || [...catchAll].some((c) => retried.has(c));
        const missing: string[] = requiredLambdaRetryErrors.filter((e) => !covered(e));
        if (!sesThrottlingErrors.some(covered)) missing.push(sesThrottlingErrors.join(' or '));
        if (missing.length) problems.push({ state: path, missing });
      }
      for (const [i, branch] of (state.Branches ?? []).entries()) visit(branch, `${path}.Branches[${i}].`);
      visit(state.ItemProcessor ?? state.Iterator, `${path}.ItemProcessor.`);
    }
  };
  visit(machine, '');
  return problems;
}
