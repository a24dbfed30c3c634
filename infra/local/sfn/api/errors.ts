import type { z } from 'zod';

/**
 * A Step Functions API error: `code` is the exception name the SDK turns into its typed exception (on the wire,
 * `{"__type": "com.amazonaws.states#<code>", "message"}` with HTTP 400).
 */
export class SfnApiError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly statusCode = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export const apiErrors = {
  invalidArn: (arn: string) => new SfnApiError('InvalidArn', `Invalid Arn: '${arn}'`),
  invalidName: (name: string) => new SfnApiError('InvalidName', `Invalid Name: '${name}'`),
  invalidDefinition: (message: string) => new SfnApiError('InvalidDefinition', message),
  stateMachineDoesNotExist: (arn: string) => new SfnApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`),
  stateMachineAlreadyExists: (arn: string) => new SfnApiError('StateMachineAlreadyExists', `State Machine Already Exists: '${arn}'`),
  stateMachineDeleting: (arn: string) => new SfnApiError('StateMachineDeleting', `State Machine is being deleted: '${arn}'`),
  executionDoesNotExist: (arn: string) => new SfnApiError('ExecutionDoesNotExist', `Execution Does Not Exist: '${arn}'`),
  executionAlreadyExists: (arn: string) => new SfnApiError('ExecutionAlreadyExists', `Execution Already Exists: '${arn}'`),
  invalidExecutionInput: (detail: string) => new SfnApiError('InvalidExecutionInput', `Invalid Execution Input: ${detail}`),
  invalidOutput: (detail: string) => new SfnApiError('InvalidOutput', `Invalid Output: ${detail}`),
  invalidToken: (detail: string) => new SfnApiError('InvalidToken', `Invalid Token: '${detail}'`),
  taskDoesNotExist: () => new SfnApiError('TaskDoesNotExist', 'Task Does Not Exist: the task token does not belong to any task'),
  taskTimedOut: () => new SfnApiError('TaskTimedOut', "Task Timed Out: 'Provided task does not exist anymore'"),
  missingRequiredParameter: (message: string) => new SfnApiError('MissingRequiredParameter', message),
  typeNotSupported: (type: string) =>
    new SfnApiError('StateMachineTypeNotSupported', `State machine type ${type} is not supported by the local engine (STANDARD only)`),
  validation: (problems: string[]) =>
    new SfnApiError('ValidationException', `${problems.length} validation error${problems.length === 1 ? '' : 's'} detected: ${problems.join('; ')}`),
  unknownOperation: (target: string) => new SfnApiError('UnknownOperationException', `Unknown operation: '${target}'`),
  serialization: (detail: string) => new SfnApiError('SerializationException', detail),
};

/** AWS's wording for constraint failures: "Value null at 'name' failed to satisfy constraint: Member must not be null". */
export function validationFromZod(error: z.ZodError, input: unknown): SfnApiError {
  const problems = error.issues.map((issue) => {
    const path = issue.path.join('.');
    let value: unknown = input;
    for (const key of issue.path) value = (value as Record<PropertyKey, unknown> | undefined)?.[key as PropertyKey];
    const shown = value === undefined || value === null ? 'null' : `'${typeof value === 'string' ? value.slice(0, 100) : JSON.stringify(value)}'`;
    const rule = value === undefined || value === null ? 'Member must not be null' : `Member ${issue.message}`;
    return `Value ${shown} at '${path}' failed to satisfy constraint: ${rule}`;
  });
  return apiErrors.validation(problems);
}
