/** `GET /runs/{runId}/timeline.svg`: the run's timeline picture, for whoever may read the run. */
import { readRun } from '../actions/readRuns';
import { now } from '../platform/clock';
import { timelineOf, timelineSvg } from './model/timeline';
import { pageHandler } from './pageHandler';

export const handler = pageHandler({ name: 'TimelineSvg' }, async ({ params, actor }) => {
  const snapshot = await readRun(params.runId, actor);
  return { answer: { statusCode: 200, headers: { 'content-type': 'image/svg+xml; charset=utf-8', 'cache-control': 'no-store' }, body: timelineSvg(timelineOf(snapshot, now())) } };
});
