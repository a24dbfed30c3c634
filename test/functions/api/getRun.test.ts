import { handler as createRun } from '../../../functions/api/createRun';
import { handler as getRun } from '../../../functions/api/getRun';
import { admin, clerk, legal, nobody, person, refusal, runBody, startHandlerStack, strangerOfficer, type HandlerStack } from './support/handlerStack';

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

const get = (id: string, as: Parameters<HandlerStack['call']>[1]['as']) =>
  s.call(getRun, { method: 'GET', path: `/api/runs/${id}`, pathParameters: { runId: id }, as });

describe('GET /api/runs/{runId}', () => {
  it('shows the run to an admin', async () => {
    const res = await get(runId, admin);
    expect([res.status, res.body.runId]).toEqual([200, runId]);
  });

  it('shows the run to a person named on it whatever roles their token carries, matching the e-mail in any case', async () => {
    const officerWithoutRoles = person(legal.name!, legal.email.toUpperCase());
    const res = await get(runId, officerWithoutRoles);
    expect([res.status, res.body.runId]).toEqual([200, runId]);
  });

  it('refuses a caller with no role who is not named on the run (403), as it does an officer of other runs', async () => {
    expect(refusal(await get(runId, nobody))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(await get(runId, strangerOfficer))).toEqual({ status: 403, code: 'forbidden' });
  });

  it('answers 404 for a run that is not stored, whoever asks', async () => {
    for (const caller of [clerk, nobody]) expect(refusal(await get('no-such-run', caller))).toEqual({ status: 404, code: 'not-found' });
  });

  it('answers 404, not 400, for an id too long to be stored (201 and 3,000 characters)', async () => {
    for (const id of ['r'.repeat(201), 'r'.repeat(3000)]) expect(refusal(await get(id, clerk))).toEqual({ status: 404, code: 'not-found' });
  });

  it('refuses a request the authorizer passed no claims for (401)', async () => {
    expect(refusal(await get(runId, undefined))).toEqual({ status: 401, code: 'unauthorized' });
  });
});
