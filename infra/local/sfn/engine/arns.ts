/** ARNs and resource names as Step Functions and Lambda spell and check them. */
export interface Place {
  region: string;
  accountId: string;
}

export function stateMachineArn(place: Place, name: string): string {
  return `arn:aws:states:${place.region}:${place.accountId}:stateMachine:${name}`;
}

export function executionArn(place: Place, stateMachineName: string, name: string): string {
  return `arn:aws:states:${place.region}:${place.accountId}:execution:${stateMachineName}:${name}`;
}

export function lambdaFunctionArn(place: Place, name: string): string {
  return `arn:aws:lambda:${place.region}:${place.accountId}:function:${name}`;
}

const STATE_MACHINE_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):stateMachine:([^:]+)(?::([^:]+))?$/;
const EXECUTION_ARN = /^arn:aws[a-z-]*:states:([a-z0-9-]+):(\d{12}):(execution|express):([^:]+):([^:]+)$/;

export function parseStateMachineArn(arn: string): { name: string; qualifier?: string } | undefined {
  const m = STATE_MACHINE_ARN.exec(arn);
  return m ? { name: m[3], qualifier: m[4] } : undefined;
}

export function parseExecutionArn(arn: string): { stateMachineName: string; name: string } | undefined {
  const m = EXECUTION_ARN.exec(arn);
  return m ? { stateMachineName: m[4], name: m[5] } : undefined;
}

/**
 * Names of state machines and executions: 1-80 characters, no white space, brackets, wildcards, special or
 * control characters (the list AWS documents).
 */
export function isValidResourceName(name: string): boolean {
  if (name.length < 1 || name.length > 80) return false;
  // eslint-disable-next-line no-control-regex
  return !/[\s<>{}[\]?*"#%\\^|~`$&,;:/\u0000-\u001f\u007f-\u009f]/.test(name);
}

export const ROLE_ARN = /^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/;

/** The names under which a Lambda may be registered, most specific first: as given, plain name, full ARN. */
export function lambdaNameCandidates(place: Place, functionName: string): { arn: string; name: string; candidates: string[] } {
  const arnMatch = /^arn:aws[a-z-]*:lambda:([a-z0-9-]+):(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(functionName);
  const partialMatch = /^(\d{12}):function:([^:]+)(?::([^:]+))?$/.exec(functionName);
  let name: string;
  let qualifier: string | undefined;
  if (arnMatch) [name, qualifier] = [arnMatch[3], arnMatch[4]];
  else if (partialMatch) [name, qualifier] = [partialMatch[2], partialMatch[3]];
  else [name, qualifier] = functionName.split(':') as [string, string | undefined];
  const arn = lambdaFunctionArn(place, name);
  const candidates = [functionName, arn, name];
  if (qualifier) candidates.push(`${arn}:${qualifier}`, `${name}:${qualifier}`);
  return { arn: qualifier ? `${arn}:${qualifier}` : arn, name, candidates: [...new Set(candidates)] };
}
