import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { paginateScan } from '@aws-sdk/lib-dynamodb';
import { dynamo, tableName } from '../platform/aws';
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { londonDate } from '../domain/calendar';
import { ratifyTable } from '../../infra/definitions/table';
import { countSignoffs, type SignoffCounts } from './signoffCounts';

const officerIndex = ratifyTable.globalSecondaryIndexes.find((i) => i.indexName === 'byOfficer')!;

/** Reads the sort keys of every open sign-off; the index is sparse, so this scans only open sign-offs. */
async function* openSignoffKeys(): AsyncGenerator<string> {
  const pages = paginateScan(
    { client: dynamo() },
    { TableName: tableName(), IndexName: officerIndex.indexName, ProjectionExpression: '#sk', ExpressionAttributeNames: { '#sk': officerIndex.sortKey.name } },
  );
  for await (const page of pages) {
    for (const item of page.Items ?? []) {
      const key: unknown = item[officerIndex.sortKey.name];
      if (typeof key === 'string') yield key;
    }
  }
}

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
