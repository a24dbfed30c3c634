/**
 * Errors at the HTTP edge: a `DomainError`'s code becomes its status here and nowhere else, and the edge's own
 * refusals (a body too large) and failures (ours) join them in `{"error": {"code", "message", "fields"?}}`.
 */
import { DomainError, type DomainErrorCode } from '../domain/errors';

export type ErrorCode = DomainErrorCode | 'payload-too-large' | 'internal-error';

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

/** What only the edge can refuse or fail at: no rule of the domain behind it. */
export class HttpError extends Error {
  constructor(
    readonly code: 'payload-too-large' | 'internal-error',
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

export type KnownError = DomainError | HttpError;

export function isKnownError(err: unknown): err is KnownError {
  return err instanceof DomainError || err instanceof HttpError;
}

export function statusOfError(err: KnownError): number {
  return statusOf[err.code];
}

export function errorBody(err: KnownError): { error: { code: ErrorCode; message: string; fields?: Record<string, string> } } {
  const fields = err instanceof DomainError ? err.fields : undefined;
  return { error: { code: err.code, message: err.message, ...(fields ? { fields } : {}) } };
}
