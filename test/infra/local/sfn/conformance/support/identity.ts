// The names every conformance run uses, so that context-object fixtures can expect exact ARNs.
export const REGION = 'eu-west-2';
export const ACCOUNT_ID = '123456789012';
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT_ID}:role/ratify-conformance`;
export const EXECUTION_NAME = 'conformance-run';
/** The virtual clock's first instant in engine runs. */
export const CLOCK_START = new Date('2026-11-26T09:00:00.000Z');

export function stateMachineArn(stateMachineName: string): string {
  return `arn:aws:states:${REGION}:${ACCOUNT_ID}:stateMachine:${stateMachineName}`;
}

export function executionArn(stateMachineName: string, executionName = EXECUTION_NAME): string {
  return `arn:aws:states:${REGION}:${ACCOUNT_ID}:execution:${stateMachineName}:${executionName}`;
}

export function lambdaArn(functionName: string): string {
  return `arn:aws:lambda:${REGION}:${ACCOUNT_ID}:function:${functionName}`;
}
