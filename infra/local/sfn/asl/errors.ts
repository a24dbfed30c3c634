/**
 * Errors as Step Functions names them. A StatesError carries the `Error`/`Cause` pair that history events,
 * Catch (`$.Error`, `$.Cause`) and DescribeExecution show.
 */
export class StatesError extends Error {
  constructor(
    readonly error: string,
    readonly causeText: string,
    /** A second name Retry/Catch may match it by (a missed heartbeat is States.Timeout, also States.HeartbeatTimeout). */
    readonly alias?: string,
  ) {
    super(`${error}: ${causeText}`);
    this.name = 'StatesError';
  }
}

export const ErrorNames = {
  all: 'States.ALL',
  runtime: 'States.Runtime',
  dataLimitExceeded: 'States.DataLimitExceeded',
  taskFailed: 'States.TaskFailed',
  timeout: 'States.Timeout',
  heartbeatTimeout: 'States.HeartbeatTimeout',
  noChoiceMatched: 'States.NoChoiceMatched',
  resultPathMatchFailure: 'States.ResultPathMatchFailure',
  branchFailed: 'States.BranchFailed',
  permissions: 'States.Permissions',
} as const;

/** These fail the whole execution: no Retry or Catch, even `States.ALL`, sees them (AWS documents this). */
export function isTerminalError(error: string): boolean {
  return error === ErrorNames.runtime || error === ErrorNames.dataLimitExceeded;
}

export function runtimeError(cause: string): StatesError {
  return new StatesError(ErrorNames.runtime, cause);
}
