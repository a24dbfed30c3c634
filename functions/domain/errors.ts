/**
 * Errors of the domain: what is wrong, in words and as a code the edge maps to a status (HTTP lives at the edge
 * only: `functions/edge/`). A field's problem may carry a `rule` and its values, so pages can say it in their own
 * words without reading the message (`{rule: 'in-the-past', today: '2017-01-09'}`).
 */
export type DomainErrorCode = 'invalid-input' | 'unauthorized' | 'forbidden' | 'not-found' | 'conflict' | 'gone';

/** A field's problem: the message the API shows, and the rule broken with its values, for pages. */
export interface Problem {
  message: string;
  rule?: string;
  values?: Record<string, string>;
}

export class DomainError extends Error {
  /** The API's `fields`: body path joined with `.` -> what is wrong. */
  readonly fields?: Record<string, string>;
  /** The same fields with their rules, where the domain named one. */
  readonly problems?: Record<string, Problem>;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    fields?: Record<string, string | Problem>,
  ) {
    super(message);
    this.name = 'DomainError';
    if (fields && Object.keys(fields).length) {
      this.problems = Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, typeof v === 'string' ? { message: v } : v]));
      this.fields = Object.fromEntries(Object.entries(this.problems).map(([k, v]) => [k, v.message]));
    }
  }
}

export const invalid = (message: string, fields?: Record<string, string | Problem>) => new DomainError('invalid-input', message, fields);
export const unauthorized = (message = 'Sign in first: no valid credentials were sent') => new DomainError('unauthorized', message);
export const forbidden = (message: string) => new DomainError('forbidden', message);
export const notFound = (message: string) => new DomainError('not-found', message);
export const conflict = (message: string, fields?: Record<string, string | Problem>) => new DomainError('conflict', message, fields);
export const gone = (message: string) => new DomainError('gone', message);

/** A problem with a rule the pages can word themselves. */
export function problem(rule: string, message: string, values?: Record<string, string>): Problem {
  return { rule, message, ...(values ? { values } : {}) };
}

/** One 400 naming every bad field, when there are any: `Invalid input: stages.0.meetingDate, route`. */
export function throwIfInvalid(fields: Record<string, string | Problem>, what = 'input'): void {
  const names = Object.keys(fields);
  if (names.length) throw invalid(`Invalid ${what}: ${names.join(', ')}`, fields);
}
