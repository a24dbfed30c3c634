import { handler as addRevision } from '../../../functions/api/addRevision';
import { handler as createRun } from '../../../functions/api/createRun';
import { handler as withdrawRun } from '../../../functions/api/withdrawRun';
import { admin, author, clerk, manager, person, refusal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
let runId: string;
let withdrawnId: string;
beforeAll(async () => {
  s = await startHandlerStack();
  const start = async () => (await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(), as: clerk })).body.runId as string;
  runId = await start();
  withdrawnId = await start();
  await s.settle();
  await s.call(withdrawRun, { method: 'POST', path: `/api/runs/${withdrawnId}/withdraw`, pathParameters: { runId: withdrawnId }, body: { reason: 'Superseded' }, as: clerk });
  await s.settle();
});
afterAll(async () => {
  await s?.stop();
});

const revise = (as: Parameters<HandlerStack['call']>[1]['as'], body: unknown = { summary: 'Section 3 reworked.' }, id = runId) =>
  s.call(addRevision, { method: 'POST', path: `/api/runs/${id}/revisions`, pathParameters: { runId: id }, body, as });

describe('POST /api/runs/{runId}/revisions', () => {
  it('takes a revision from the plan’s author, matching the e-mail in any case', async () => {
    const res = await revise(person(author.name!, author.email.toUpperCase(), 'author'));
    expect(res.status).toBe(200);
    expect(res.body.events.map((e: { what: string }) => e.what)).toContain('Posted revision 1: Section 3 reworked.');
    await s.settle();
  });

  it('takes a revision from an admin', async () => {
    expect((await revise(admin, { summary: 'Typos.' })).status).toBe(200);
    await s.settle();
  });

  it('refuses the plan’s author when their token lacks the author role, and a manager (403)', async () => {
    expect(refusal(await revise(person(author.name!, author.email, 'officer')))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(await revise(manager))).toEqual({ status: 403, code: 'forbidden' });
  });

  it('names each sign-off id the run does not have (400)', async () => {
    const res = await revise(author, { summary: 'Figures updated.', invalidates: ['legal-and-finance'] });
    expect(refusal(res)).toEqual({ status: 400, code: 'invalid-input' });
    expect(Object.keys(res.body.error.fields)).toEqual(['invalidates.0']);
  });

  it('refuses a revision of a run that is over (409)', async () => {
    expect(refusal(await revise(author, { summary: 'Too late.' }, withdrawnId))).toEqual({ status: 409, code: 'conflict' });
  });
});
