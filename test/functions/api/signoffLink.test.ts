import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { handler as createRun } from '../../../functions/api/createRun';
import { handler as getRun } from '../../../functions/api/getRun';
import { answerHandler, showHandler } from '../../../functions/api/signoffLink';
import { dynamo } from '../../../functions/store/dynamo';
import { apiEvent, lambdaContext } from '../edge/apiEvent';
import { clerk, legal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
let runId: string;
let link: string;
beforeAll(async () => {
  s = await startHandlerStack();
  runId = (await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(), as: clerk })).body.runId;
  await s.settle();
  const request = (await s.t.emails()).find((e) => e.to.includes(legal.email) && e.subject.startsWith('Sign-off requested'))!;
  link = /\/signoff\/(\S+)/.exec(request.text!)![1];
});
afterAll(async () => {
  jest.restoreAllMocks();
  await s?.stop();
});

const page = (method: 'GET' | 'POST', body?: string) =>
  (method === 'GET' ? showHandler : answerHandler)(
    apiEvent({ method, path: `/signoff/${link}`, pathParameters: { link }, body, headers: { 'content-type': 'application/x-www-form-urlencoded' } }),
    lambdaContext,
  );
const legalStatus = async () =>
  (await s.call(getRun, { method: 'GET', path: `/api/runs/${runId}`, pathParameters: { runId }, as: clerk })).body.signoffs[0].status;

describe('the e-mailed sign-off link', () => {
  it('still signs after an attempt whose answer could not be stored (an outage between using the link and recording)', async () => {
    const send = dynamo().send.bind(dynamo());
    const spy = jest.spyOn(dynamo(), 'send').mockImplementation(async (command: any) => {
      if (command instanceof UpdateCommand && String(command.input.Key?.sk).startsWith('SIGNOFF#')) {
        spy.mockRestore();
        throw Object.assign(new Error('Service unavailable'), { name: 'ServiceUnavailable', $metadata: { httpStatusCode: 503 } });
      }
      return send(command);
    });
    expect((await page('POST', 'result=signed')).statusCode).toBe(500);
    expect(await legalStatus()).toBe('requested');

    expect((await page('GET')).statusCode).toBe(200);
    const retry = await page('POST', 'result=signed&comment=Second+try');
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toContain('Signed off');
    expect(await legalStatus()).toBe('signed');
    expect((await page('POST', 'result=signed')).statusCode).toBe(410);
    await s.settle();
  });
});
