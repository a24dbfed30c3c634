import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. Every handler appends `runId` as soon as it knows it (`logger.appendKeys({ runId })`),
 * so each line of a run can be found with one query.
 */
export const logger = new Logger({
  serviceName: 'ratify',
  logLevel: (process.env.RATIFY_LOG_LEVEL ?? process.env.POWERTOOLS_LOG_LEVEL ?? 'INFO') as 'INFO',
});

export function withRunId(runId: string): void {
  logger.appendKeys({ runId });
}
