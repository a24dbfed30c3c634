import { handler as createRun } from '../../../functions/api/createRun';
import { handler as rescheduleStage } from '../../../functions/api/rescheduleStage';
import { admin, author, clerk, nobody, otherClerk, refusal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
let runId: string;
beforeAll(async () => {
  s = await startHandlerStack();
  runId = (await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(), as: clerk })).body.runId;
  await s.settle();
});
afterAll(async () => {
  await s?.stop();
});

const move = (stageId: string, meetingDate: string, as: Parameters<HandlerStack['call']>[1]['as']) =>
  s.call(rescheduleStage, { method: 'PATCH', path: `/api/runs/${runId}/stages/${stageId}`, pathParameters: { runId, stageId }, body: { meetingDate }, as });

describe('PATCH /api/runs/{runId}/stages/{stageId}', () => {
  it('moves a meeting for any clerk and answers with its new publication deadline', async () => {
    const res = await move('cabinet', '2017-02-23', otherClerk);
    expect(res.status).toBe(200);
    // Five clear working days before Thursday 23 February: published by Wednesday 15 February.
    expect(res.body.stages[1]).toMatchObject({ id: 'cabinet', meetingDate: '2017-02-23', publishBy: '2017-02-15' });
    await s.settle();
  });

  it('moves a meeting for an admin', async () => {
    expect((await move('council', '2017-03-08', admin)).status).toBe(200);
    await s.settle();
  });

  it('refuses the plan’s author and a caller with no role (403)', async () => {
    expect(refusal(await move('cabinet', '2017-02-22', author))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(await move('cabinet', '2017-02-22', nobody))).toEqual({ status: 403, code: 'forbidden' });
  });
});
