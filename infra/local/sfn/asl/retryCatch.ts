import { ErrorNames, isTerminalError } from './errors';
import type { JsonObject } from './json';

/**
 * Which Retrier or Catcher applies to an error, and how long a retry waits. Pure: randomness (for
 * JitterStrategy FULL) is passed in.
 */
export interface Retrier {
  ErrorEquals: string[];
  IntervalSeconds?: number;
  MaxAttempts?: number;
  BackoffRate?: number;
  MaxDelaySeconds?: number;
  JitterStrategy?: 'FULL' | 'NONE';
}
export interface Catcher {
  ErrorEquals: string[];
  Next: string;
  ResultPath?: string | null;
}

function isTimeout(error: string): boolean {
  return error === ErrorNames.timeout || error === ErrorNames.heartbeatTimeout;
}

/**
 * States.ALL matches every error but the terminal ones; States.TaskFailed every error but timeouts. A missed
 * heartbeat is reported as States.Timeout (AWS documents both timeouts under that name) and can also be
 * matched as States.HeartbeatTimeout, its `alias`.
 */
export function errorMatches(names: string[], error: string, alias?: string): boolean {
  if (isTerminalError(error)) return false;
  return names.some((name) => {
    if (name === error || (alias !== undefined && name === alias)) return true;
    if (name === ErrorNames.all) return true;
    if (name === ErrorNames.taskFailed) return !isTimeout(error);
    return false;
  });
}

/** Index of the first Retrier whose ErrorEquals matches, or -1. */
export function findRetrier(retriers: Retrier[] | undefined, error: string, alias?: string): number {
  return (retriers ?? []).findIndex((r) => errorMatches(r.ErrorEquals, error, alias));
}

export function findCatcher(catchers: Catcher[] | undefined, error: string, alias?: string): Catcher | undefined {
  return (catchers ?? []).find((c) => errorMatches(c.ErrorEquals, error, alias));
}

/** Whether a retrier that has already retried `attempts` times may retry again. */
export function canRetry(retrier: Retrier, attempts: number): boolean {
  return attempts < (retrier.MaxAttempts ?? 3);
}

/**
 * Delay before retry number `attempts + 1`: IntervalSeconds x BackoffRate^attempts, capped by MaxDelaySeconds,
 * then with FULL jitter a uniformly random fraction of it.
 */
export function retryDelayMs(retrier: Retrier, attempts: number, random: () => number = Math.random): number {
  const interval = retrier.IntervalSeconds ?? 1;
  const rate = retrier.BackoffRate ?? 2;
  let seconds = interval * Math.pow(rate, attempts);
  if (retrier.MaxDelaySeconds !== undefined) seconds = Math.min(seconds, retrier.MaxDelaySeconds);
  if (retrier.JitterStrategy === 'FULL') seconds = random() * seconds;
  return Math.round(seconds * 1000);
}

export function asRetriers(value: unknown): Retrier[] | undefined {
  return Array.isArray(value) ? (value as Retrier[]) : undefined;
}
export function asCatchers(value: unknown): Catcher[] | undefined {
  return Array.isArray(value) ? (value as Catcher[]) : undefined;
}
