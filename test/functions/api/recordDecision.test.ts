import { handler as createRun } from '../../../functions/api/createRun';
import { handler as recordDecision } from '../../../functions/api/recordDecision';
import { admin, clerk, nobody, otherClerk, refusal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
let runIds: string[];
beforeAll(async () => {
  s = await startHandlerStack();
  runIds = [];
  for (const title of ['First plan', 'Second plan']) {
    runIds.push((await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(title), as: clerk })).body.runId);
  }
  // The Management Board meets on Thursday 26 January 2017: its decision can be recorded from 00:00 London.
  await s.t.advanceClock('2017-01-26T00:00:00Z');
});
afterAll(async () => {
  await s?.stop();
});

const decide = (runId: string, as: Parameters<HandlerStack['call']>[1]['as'], body: unknown = { outcome: 'approved', resolution: 'Agreed.' }) =>
  s.call(recordDecision, { method: 'POST', path: `/api/runs/${runId}/stages/board/decision`, pathParameters: { runId, stageId: 'board' }, body, as });

describe('POST /api/runs/{runId}/stages/{stageId}/decision', () => {
  it('takes the decision from any clerk, not only the one who started the run, and moves the run on', async () => {
    const res = await decide(runIds[0], otherClerk);
    expect(res.status).toBe(200);
    expect(res.body.currentStage).toBe('cabinet');
    expect(res.body.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'approved', resolution: 'Agreed.' })]);
    await s.settle();
  });

  it('takes the decision from an admin', async () => {
    expect((await decide(runIds[1], admin)).status).toBe(200);
    await s.settle();
  });

  it('refuses a caller with no role (403), before looking at the run', async () => {
    expect(refusal(await decide(runIds[0], nobody))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(await decide('no-such-run', nobody))).toEqual({ status: 403, code: 'forbidden' });
  });
});
