import type { StoredEvent } from './store';

/**
 * History events with AWS's shape: `{timestamp, type, id, previousEventId, <type>EventDetails}`. They are
 * stored as JSON with the timestamp in epoch milliseconds and handed out with a Date.
 */
export type EventDetails = Record<string, unknown>;

export function detailsKey(type: string): string {
  if (type.endsWith('StateEntered')) return 'stateEnteredEventDetails';
  if (type.endsWith('StateExited')) return 'stateExitedEventDetails';
  return `${type[0].toLowerCase()}${type.slice(1)}EventDetails`;
}

export function eventBody(type: string, id: number, previousEventId: number, timestampMs: number, details?: EventDetails): string {
  const event: Record<string, unknown> = { timestamp: timestampMs, type, id, previousEventId };
  if (details) event[detailsKey(type)] = details;
  return JSON.stringify(event);
}

export interface HistoryEvent {
  timestamp: Date;
  type: string;
  id: number;
  previousEventId: number;
  [details: string]: unknown;
}

export function readEvent(event: StoredEvent, includeExecutionData: boolean): HistoryEvent {
  const out: HistoryEvent = { ...event, timestamp: new Date(event.timestamp) };
  if (!includeExecutionData) {
    for (const key of Object.keys(out)) {
      const details = out[key];
      if (key.endsWith('EventDetails') && details && typeof details === 'object') {
        const { input: _input, output: _output, ...rest } = details as Record<string, unknown>;
        out[key] = rest;
      }
    }
  }
  return out;
}

/** Input/output details as AWS reports them (the engine never truncates). */
export const NOT_TRUNCATED = { truncated: false } as const;
