/** `GET /runs/{runId}/decisions/{ref}`: one decision's notice, for whoever may read the run. */
import { readRun } from '../actions/readRuns';
import { now } from '../platform/clock';
import { decisionNoticeModel } from './model/decisionNotice';
import { pageHandler } from './pageHandler';

export const handler = pageHandler({ name: 'DecisionNoticePage', nav: 'dashboard' }, async ({ params, actor }) => {
  const snapshot = await readRun(params.runId, actor);
  const model = decisionNoticeModel(snapshot, params.ref, now());
  return { view: 'decisionNotice', context: { title: model.title, notice: model } };
});
