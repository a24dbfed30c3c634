import { handler as createRun } from '../../../functions/api/createRun';
import { handler as getRun } from '../../../functions/api/getRun';
import { StartExecutionCommand } from '@aws-sdk/client-sfn';
import { sfnClient } from '../../../functions/platform/aws';
import { printedLogLinesOf } from '../../support/logLines';
import { admin, author, clerk, nobody, refusal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
beforeAll(async () => {
  s = await startHandlerStack();
});
afterAll(async () => {
  await s?.stop();
});

const post = (as: typeof clerk | undefined, body: unknown = runBody()) => s.call(createRun, { method: 'POST', path: '/api/runs', body, as });

describe('POST /api/runs', () => {
  it('answers 201 with the running run and where to find it', async () => {
    const res = await post(clerk);
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'running', stages: [{ id: 'board' }, { id: 'cabinet' }, { id: 'council' }] });
    expect(res.headers.location).toBe(`/api/runs/${res.body.runId}`);
    const stored = await s.call(getRun, { method: 'GET', path: res.headers.location, pathParameters: { runId: res.body.runId }, as: clerk });
    expect(stored.body.runId).toBe(res.body.runId);
    await s.settle();
  });

  it('lets an admin start a run as a clerk would', async () => {
    expect((await post(admin)).status).toBe(201);
    await s.settle();
  });

  it('refuses a caller with no role (403)', async () => {
    expect(refusal(await post(nobody))).toEqual({ status: 403, code: 'forbidden' });
  });

  it('refuses a request the authorizer passed no claims for (401)', async () => {
    expect(refusal(await post(undefined))).toEqual({ status: 401, code: 'unauthorized' });
  });

  it('answers 400 on the field, not 500, for a meeting on the last day of year 9999', async () => {
    const body = runBody();
    body.stages[2].meetingDate = '9999-12-31';
    const res = await post(clerk, body);
    expect(refusal(res)).toEqual({ status: 400, code: 'invalid-input' });
    expect(Object.keys(res.body.error.fields)).toEqual(['stages.2.meetingDate']);
  });

  it('names the new run on its log lines, such as the one saying its workflow could not be started', async () => {
    const send = sfnClient().send.bind(sfnClient());
    const sfn = jest.spyOn(sfnClient(), 'send').mockImplementation(async (command: any) => {
      if (command instanceof StartExecutionCommand) throw Object.assign(new Error('Access denied'), { name: 'AccessDeniedException' });
      return send(command);
    });
    const { result: res, lines } = await printedLogLinesOf(() => post(clerk, runBody('Plan whose workflow cannot start'))).finally(() => sfn.mockRestore());
    expect(res.status).toBe(500);
    const failure = lines.find((l) => l.message === 'unexpected error');
    expect(failure).toMatchObject({ handler: 'CreateRun', runId: expect.stringMatching(/^[0-9a-f-]{36}$/) });
  });

  it('checks the role before the body: a caller without it learns nothing about the input (403, not 400)', async () => {
    expect(refusal(await post(author, { plan: {} }))).toEqual({ status: 403, code: 'forbidden' });
  });
});
