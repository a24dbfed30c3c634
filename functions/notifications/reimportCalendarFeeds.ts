import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import { reimportFeeds } from '../actions/reimportFeeds';
import { logger } from '../platform/logger';

/** Every morning: the calendar feed of each body that names one, re-imported (see actions/reimportFeeds.ts). */
export const handler = middy(reimportFeeds).use(injectLambdaContext(logger, { resetKeys: true }));
