/**
 * Errors that API handlers throw; the HTTP middleware turns them into
 * `{"error": {"code", "message", "fields"?}}` with the status below (shared/API.md).
 */
export type ErrorCode =
  | 'invalid-input'
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'conflict'
  | 'gone'
  | 'payload-too-large'
  | 'internal-error';

const statusOf: Record<ErrorCode, number> = {
  'invalid-input': 400,
  unauthorized: 401,
  forbidden: 403,
  'not-found': 404,
  conflict: 409,
  gone: 410,
  'payload-too-large': 413,
  'internal-error': 500,
};

export class ApiError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = statusOf[code];
  }

  toBody(): { error: { code: ErrorCode; message: string; fields?: Record<string, string> } } {
    return { error: { code: this.code, message: this.message, ...(this.fields ? { fields: this.fields } : {}) } };
  }
}

export const badRequest = (message: string, fields?: Record<string, string>) => new ApiError('invalid-input', message, fields);
export const unauthorized = (message = 'Sign in first: no valid credentials were sent') => new ApiError('unauthorized', message);
export const forbidden = (message: string) => new ApiError('forbidden', message);
export const notFound = (message: string) => new ApiError('not-found', message);
export const conflict = (message: string, fields?: Record<string, string>) => new ApiError('conflict', message, fields);
export const gone = (message: string) => new ApiError('gone', message);

/** One 400 naming every bad field, when there are any: `Invalid input: stages.0.meetingDate, route`. */
export function throwIfInvalid(fields: Record<string, string>, what = 'input'): void {
  const names = Object.keys(fields);
  if (names.length) throw badRequest(`Invalid ${what}: ${names.join(', ')}`, fields);
}
