import './promiseWithResolvers';
import { ExecutionError, ExecutionTimeoutError, StateMachine } from 'aws-local-stepfunctions';
import type { Fixture, Outcome } from './fixture';
import { allStates } from './definitionWalk';
import { EXECUTION_NAME, ROLE_ARN, executionArn, stateMachineArn } from './identity';
import { createTestLambdas, type Invocation, type TestLambda } from './testLambdas';

export interface RunResult {
  outcome: Outcome;
  invocations: Invocation[];
}

// The reference types handlers over its own JSON types; ours take what the task passes them.
type LocalHandler = (input: never) => Promise<unknown>;

const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';

/**
 * The reference hands a `lambda:invoke` override the task's parameters (`{FunctionName, Payload}`) and uses what
 * it returns as the task result. AWS's Lambda integration returns the Invoke API response instead, with the
 * function's answer under `Payload`; our engine follows AWS, so the reference handler wraps the answer the same way.
 */
function lambdaInvokeHandler(resolve: (name: string) => TestLambda | undefined): LocalHandler {
  return async (parameters: { FunctionName: string; Payload?: unknown }) => {
    const lambda = resolve(parameters.FunctionName);
    if (!lambda) throw Object.assign(new Error(`no test Lambda ${parameters.FunctionName}`), { name: 'Lambda.ResourceNotFoundException' });
    const payload = await lambda(parameters.Payload ?? {});
    return { ExecutedVersion: '$LATEST', Payload: payload ?? null, StatusCode: 200 };
  };
}

function lambdaArnHandler(resource: string, resolve: (name: string) => TestLambda | undefined): LocalHandler {
  return async (input: unknown) => {
    const lambda = resolve(resource);
    if (!lambda) throw Object.assign(new Error(`no test Lambda ${resource}`), { name: 'Lambda.ResourceNotFoundException' });
    return (await lambda(input)) ?? null;
  };
}

function jsonCopy<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** Runs a fixture (one without callbacks) through aws-local-stepfunctions, in memory and without sleeping. */
export async function runOnReference(fixture: Fixture): Promise<RunResult> {
  const lambdas = createTestLambdas({ now: () => new Date() });
  const taskResourceLocalHandlers: Record<string, LocalHandler> = {};
  const waitTimeOverrides: Record<string, number> = {};
  const retryIntervalOverrides: Record<string, number> = {};

  for (const { name, state } of allStates(fixture.definition)) {
    if (state.Type === 'Task') {
      const resource = String(state.Resource);
      taskResourceLocalHandlers[name] =
        resource === LAMBDA_INVOKE ? lambdaInvokeHandler(lambdas.resolve) : lambdaArnHandler(resource, lambdas.resolve);
    }
    if (fixture.realTime) continue;
    if (state.Type === 'Wait') waitTimeOverrides[name] = 0;
    if (state.Retry) retryIntervalOverrides[name] = 0;
  }

  // The reference's validator writes defaults into the definition it is given: hand it copies. (A JSON round trip,
  // not structuredClone: under jest that would make objects of another realm, which the reference's
  // plain-object checks reject.)
  const definition = jsonCopy(fixture.definition);
  const machine = new StateMachine(definition as never, { validationOptions: { checkPaths: false } });
  const execution = machine.run(jsonCopy(fixture.input) as never, {
    overrides: { taskResourceLocalHandlers, waitTimeOverrides, retryIntervalOverrides } as never,
    // The reference has no ARNs of its own; give it the ones our engine uses. It always sets StartTime itself.
    context: {
      Execution: { Id: executionArn(fixture.name), Name: EXECUTION_NAME, RoleArn: ROLE_ARN },
      StateMachine: { Id: stateMachineArn(fixture.name), Name: fixture.name },
    },
  });

  let outcome: Outcome;
  try {
    outcome = { status: 'SUCCEEDED', output: await execution.result };
  } catch (error) {
    if (error instanceof ExecutionTimeoutError) {
      outcome = { status: 'TIMED_OUT', error: 'States.Timeout' };
    } else if (error instanceof ExecutionError) {
      const cause = error.cause as Error;
      outcome = { status: 'FAILED', error: cause.name, cause: cause.message };
    } else {
      throw error;
    }
  }
  return { outcome, invocations: lambdas.invocations };
}
