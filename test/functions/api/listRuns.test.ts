import { handler as createRun } from '../../../functions/api/createRun';
import { handler as listRuns } from '../../../functions/api/listRuns';
import { handler as withdrawRun } from '../../../functions/api/withdrawRun';
import { admin, author, clerk, manager, nobody, refusal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

let s: HandlerStack;
let running: string;
let withdrawn: string;
beforeAll(async () => {
  s = await startHandlerStack();
  const start = async (title: string) => (await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(title), as: clerk })).body.runId as string;
  running = await start('Running plan');
  withdrawn = await start('Withdrawn plan');
  await s.settle();
  await s.call(withdrawRun, { method: 'POST', path: `/api/runs/${withdrawn}/withdraw`, pathParameters: { runId: withdrawn }, body: { reason: 'Superseded' }, as: clerk });
  await s.settle();
});
afterAll(async () => {
  await s?.stop();
});

const list = (as: Parameters<HandlerStack['call']>[1]['as'], query?: Record<string, string>) => s.call(listRuns, { method: 'GET', path: '/api/runs', query, as });
const ids = (res: { body: { runs: Array<{ runId: string }> } }) => res.body.runs.map((r) => r.runId).sort();

describe('GET /api/runs', () => {
  it('lists every run to managers, clerks and admins', async () => {
    for (const caller of [manager, clerk, admin]) {
      const res = await list(caller);
      expect([caller.email, res.status, ids(res)]).toEqual([caller.email, 200, [running, withdrawn].sort()]);
    }
  });

  it('lists only the runs with the status asked for', async () => {
    expect(ids(await list(manager, { status: 'running' }))).toEqual([running]);
    expect(ids(await list(manager, { status: 'withdrawn' }))).toEqual([withdrawn]);
    expect(ids(await list(manager, { status: 'adopted' }))).toEqual([]);
  });

  it('reads an empty status as no filter, and refuses an unknown one naming the field', async () => {
    expect(ids(await list(manager, { status: '' }))).toEqual([running, withdrawn].sort());
    const res = await list(manager, { status: 'pending' });
    expect([res.status, Object.keys(res.body.error.fields)]).toEqual([400, ['status']]);
  });

  it('refuses the plan’s own author and a caller with no role (403)', async () => {
    expect(refusal(await list(author))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(await list(nobody))).toEqual({ status: 403, code: 'forbidden' });
  });
});
