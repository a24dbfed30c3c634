import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { londonDate } from '../domain/calendar';
import { openSignoffKeys } from '../store/officerSignoffs';
import { countSignoffs, type SignoffCounts } from '../domain/signoffCounts';

/**
 * On a schedule: logs the open and overdue sign-off counts as one `SignoffGauges` line, which the stack's metric
 * filters turn into the OpenSignoffs and OverdueSignoffs metrics of the operators' dashboard.
 */
export async function publishSignoffGauges(): Promise<SignoffCounts> {
  const keys: string[] = [];
  for await (const key of openSignoffKeys()) keys.push(key);
  const counts = countSignoffs(keys, londonDate(now()));
  logger.info('sign-off gauges', { metric: 'SignoffGauges', ...counts });
  return counts;
}

export const handler = middy(publishSignoffGauges).use(injectLambdaContext(logger, { resetKeys: true }));
