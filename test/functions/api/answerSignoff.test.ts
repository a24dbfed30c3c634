import { handler as answerSignoff } from '../../../functions/api/answerSignoff';
import { handler as createRun } from '../../../functions/api/createRun';
import { admin, clerk, legal, finance, nobody, person, refusal, runBody, startHandlerStack, strangerOfficer, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
let runId: string;
let ids: { legal: string; finance: string };
beforeAll(async () => {
  s = await startHandlerStack();
  const run = (await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(), as: clerk })).body;
  runId = run.runId;
  const idOf = (area: string) => run.signoffs.find((so: { area: string }) => so.area === area).id as string;
  ids = { legal: idOf('Legal'), finance: idOf('Finance') };
  await s.settle();
});
afterAll(async () => {
  await s?.stop();
});

const answer = (signoffId: string, as: Parameters<HandlerStack['call']>[1]['as'], body: unknown = { result: 'signed' }) =>
  s.call(answerSignoff, { method: 'POST', path: `/api/runs/${runId}/signoffs/${signoffId}`, pathParameters: { runId, signoffId }, body, as });

describe('POST /api/runs/{runId}/signoffs/{signoffId}', () => {
  it('refuses a caller with no role who is not the officer (403)', async () => {
    expect(refusal(await answer(ids.legal, nobody))).toEqual({ status: 403, code: 'forbidden' });
  });

  it('answers a caller who may not see the run 403 whether or not the sign-off exists, so its sign-offs stay unknown to them', async () => {
    for (const caller of [nobody, strangerOfficer]) {
      expect(refusal(await answer('no-such-signoff', caller))).toEqual({ status: 403, code: 'forbidden' });
      expect(refusal(await answer(ids.legal, caller))).toEqual({ status: 403, code: 'forbidden' });
    }
  });

  it('answers 404 for a sign-off that is not stored to a caller who may see the run', async () => {
    for (const caller of [clerk, legal]) expect(refusal(await answer('no-such-signoff', caller))).toEqual({ status: 404, code: 'not-found' });
  });

  it('takes the answer of the named officer by their e-mail, whatever the case and whatever roles their token carries', async () => {
    const res = await answer(ids.legal, person(legal.name!, legal.email.toUpperCase()), { result: 'signed', comment: 'Content.' });
    expect(res.status).toBe(200);
    expect(res.body.signoffs.find((so: { id: string }) => so.id === ids.legal)).toMatchObject({ status: 'signed', comment: 'Content.' });
    expect(res.body.events.map((e: { what: string }) => e.what)).toContain('Signed off Legal');
    await s.settle();
  });

  it('lets an admin answer on the officer’s behalf, and says so in the audit trail', async () => {
    const res = await answer(ids.finance, admin, { result: 'changes-requested', comment: 'Costs for 2018?' });
    expect(res.status).toBe(200);
    expect(res.body.events).toContainEqual(
      expect.objectContaining({ who: expect.objectContaining({ email: admin.email }), what: `Asked for changes to the Finance implications on behalf of ${finance.name}` }),
    );
    await s.settle();
  });
});
