import { SendEmailCommand } from '@aws-sdk/client-ses';
import { handler as createRun } from '../../../functions/api/createRun';
import { handler as getRun } from '../../../functions/api/getRun';
import { handler as withdrawRun } from '../../../functions/api/withdrawRun';
import { sesClient } from '../../../functions/platform/aws';
import { admin, clerk, legal, nobody, otherClerk, refusal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
let runIds: string[];
beforeAll(async () => {
  s = await startHandlerStack();
  runIds = [];
  for (const title of ['First plan', 'Second plan']) {
    runIds.push((await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(title), as: clerk })).body.runId);
  }
  await s.settle();
});
afterAll(async () => {
  await s?.stop();
});

const withdraw = (runId: string, as: Parameters<HandlerStack['call']>[1]['as']) =>
  s.call(withdrawRun, { method: 'POST', path: `/api/runs/${runId}/withdraw`, pathParameters: { runId }, body: { reason: 'Superseded by the county plan.' }, as });

describe('POST /api/runs/{runId}/withdraw', () => {
  it('refuses an officer of the run and a caller with no role (403)', async () => {
    expect(refusal(await withdraw(runIds[0], legal))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(await withdraw(runIds[0], nobody))).toEqual({ status: 403, code: 'forbidden' });
  });

  it('withdraws for any clerk, not only the one who started the run, and for an admin', async () => {
    for (const [runId, caller] of [[runIds[0], otherClerk], [runIds[1], admin]] as const) {
      const res = await withdraw(runId, caller);
      expect([caller.email, res.status, res.body.status]).toEqual([caller.email, 200, 'withdrawn']);
      await s.settle();
      const stored = await s.call(getRun, { method: 'GET', path: `/api/runs/${runId}`, pathParameters: { runId }, as: clerk });
      expect(stored.body.status).toBe('withdrawn');
    }
  });

  it('answers 200 when SES throttles the closing e-mail, and the e-mail still goes out once', async () => {
    const runId = (await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody('Throttled plan'), as: clerk })).body.runId;
    await s.settle();
    const send = sesClient().send.bind(sesClient());
    const spy = jest.spyOn(sesClient(), 'send').mockImplementation(async (command: any) => {
      if (command instanceof SendEmailCommand && command.input.Message?.Subject?.Data?.startsWith('Run finished')) {
        spy.mockRestore();
        throw Object.assign(new Error('Maximum sending rate exceeded.'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });
      }
      return send(command);
    });
    const res = await withdraw(runId, clerk);
    expect([res.status, res.body.status]).toEqual([200, 'withdrawn']);
    // The state machine retries throttled e-mails after a few seconds.
    await s.t.advanceClock(new Date(Date.parse(await s.t.now()) + 10 * 60_000).toISOString());
    const closing = (await s.t.emails()).filter((e) => e.subject.startsWith('Run finished (withdrawn)') && e.subject.includes('Throttled plan'));
    expect(closing).toHaveLength(1);
  });
});
