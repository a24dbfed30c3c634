import type { FunctionDef } from '../definitions/functions';

/**
 * Metrics the operators' dashboard reads from the handlers' structured JSON logs: a log line carrying
 * `"metric": "<name>"` counts once (or contributes the named numeric fields). The contract for handler authors
 * is in DESIGN.md ("Metrics from logs"); the stack adds one metric filter per metric to the log groups of the
 * functions that can emit it.
 */
export const metricsNamespace = 'Ratify';

export interface LogMetric {
  /** CloudWatch metric name. */
  name: string;
  /** Value of the log line's `metric` field. */
  logMetric: string;
  /** '1' for counters, '$.field' for gauges. */
  value: string;
  unit: 'Count';
  /** Which functions' log groups get the filter. */
  emittedBy(def: FunctionDef): boolean;
}

const sendsEmail = (def: FunctionDef) => def.permissions.sendEmail === true;
const readsFeedback = (def: FunctionDef) => def.kind === 'event' && def.trigger.type === 'emailFeedback';
const publishesGauges = (def: FunctionDef) => def.kind === 'event' && def.trigger.type === 'schedule';

export const logMetrics: LogMetric[] = [
  { name: 'EmailsSent', logMetric: 'EmailSent', value: '1', unit: 'Count', emittedBy: sendsEmail },
  { name: 'EmailsBounced', logMetric: 'EmailBounced', value: '1', unit: 'Count', emittedBy: readsFeedback },
  { name: 'EmailsSoftBounced', logMetric: 'EmailSoftBounced', value: '1', unit: 'Count', emittedBy: readsFeedback },
  { name: 'EmailsComplained', logMetric: 'EmailComplained', value: '1', unit: 'Count', emittedBy: readsFeedback },
  { name: 'OpenSignoffs', logMetric: 'SignoffGauges', value: '$.open', unit: 'Count', emittedBy: publishesGauges },
  { name: 'OverdueSignoffs', logMetric: 'SignoffGauges', value: '$.overdue', unit: 'Count', emittedBy: publishesGauges },
];

/** CloudWatch Logs filter pattern selecting a metric's log lines. */
export const filterPatternOf = (m: LogMetric) => `{ $.metric = "${m.logMetric}" }`;
