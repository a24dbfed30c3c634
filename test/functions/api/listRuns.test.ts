import { handler as createRun } from '../../../functions/api/createRun';
import { handler as listRuns } from '../../../functions/api/listRuns';
import { handler as withdrawRun } from '../../../functions/api/withdrawRun';
import { dynamo } from '../../../functions/store/dynamo';
import { admin, author, clerk, finance, legal, manager, nobody, refusal, runBody, startHandlerStack, type HandlerStack } from './support/handlerStack';

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

  it('gives each run its title, status, stage, next deadline, sign-off counts and RAG with reasons', async () => {
    const res = await list(manager, { status: 'running' });
    expect(res.body.next).toBeNull();
    const [run] = res.body.runs;
    expect(run).toMatchObject({
      runId: running,
      plan: { title: 'Running plan' },
      status: 'running',
      currentStage: 'board',
      nextDeadline: { date: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/), what: expect.any(String) },
      signoffs: { signed: 0, required: 2 },
      rag: { status: expect.stringMatching(/^(green|amber|red)$/), reasons: expect.any(Array) },
    });
    // The contract's objects have the contract's shapes, nothing inside them renamed or added.
    expect(Object.keys(run.nextDeadline).sort()).toEqual(['date', 'what']);
    expect(run.signoffs).toEqual({ signed: 0, required: 2 });
    expect(Object.keys(run.rag).sort()).toEqual(['reasons', 'status']);
    // What the list answered before is still there: the next wake-up (the earlier `nextDeadline`) and the list of
    // sign-offs (the earlier `signoffs`), beside every other field of the earlier summary.
    expect(run.wakeAt).toEqual(expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/));
    expect(run.signoffList.map((so: { area: string }) => so.area)).toEqual(['Legal', 'Finance']);
    expect(run.signoffList[0]).toEqual({ id: expect.any(String), area: 'Legal', officer: { name: expect.any(String), email: legal.email }, status: 'requested', dueBy: expect.any(String) });
    expect(run).toMatchObject({ phase: expect.any(String), startedAt: expect.any(String), finishedAt: null, current: { body: expect.any(String) }, stages: expect.any(Array) });
    expect(run).toMatchObject({ nextDeadlineKind: expect.stringMatching(/^(publication|signoff)$/), nextDeadlineMissed: false, needsAttention: false });
    const withdrawnRun = (await list(manager, { status: 'withdrawn' })).body.runs[0];
    expect(withdrawnRun).toMatchObject({ status: 'withdrawn', nextDeadline: null, wakeAt: null, nextDeadlineKind: null, rag: { status: 'green', reasons: [] } });
  });

  it('refuses a limit over 200, a limit of 0, a cursor it did not give, more than 10 words, an over-long filter and text that is not valid Unicode (400 naming the field)', async () => {
    for (const [query, field] of [[{ limit: '201' }, 'limit'], [{ limit: '0' }, 'limit'], [{ limit: 'ten' }, 'limit'], [{ cursor: 'not-a-cursor' }, 'cursor'], [{ q: 'a b c d e f g h i j k' }, 'q'], [{ author: 'x'.repeat(255) }, 'author'], [{ q: 'Plan \ud800' }, 'q']] as const) {
      const res = await list(manager, query);
      expect([res.status, Object.keys(res.body.error.fields)]).toEqual([400, [field]]);
    }
  });

  it('filters by body (id or name), author, officer and words of the title', async () => {
    const all = [running, withdrawn].sort();
    expect(ids(await list(manager, { body: 'Cabinet' }))).toEqual(all);
    expect(ids(await list(manager, { body: 'full-council' }))).toEqual(all);
    expect(ids(await list(manager, { body: 'FULL COUNCIL' }))).toEqual(all);
    expect(ids(await list(manager, { body: 'Scrutiny' }))).toEqual([]);
    expect(ids(await list(manager, { author: author.email.toUpperCase() }))).toEqual(all);
    expect(ids(await list(manager, { author: legal.email }))).toEqual([]);
    expect(ids(await list(manager, { officer: finance.email }))).toEqual(all);
    expect(ids(await list(manager, { officer: author.email }))).toEqual([]);
    expect(ids(await list(manager, { q: 'withdrawn' }))).toEqual([withdrawn]);
    expect(ids(await list(manager, { q: 'PLAN running' }))).toEqual([running]);
    expect(ids(await list(manager, { q: 'plan', status: 'running', officer: legal.email }))).toEqual([running]);
  });

  it('pages through every run exactly once, following the cursor', async () => {
    const start = async (title: string) => (await s.call(createRun, { method: 'POST', path: '/api/runs', body: runBody(title), as: clerk })).body.runId as string;
    const more: string[] = [];
    for (let i = 0; i < 5; i++) more.push(await start(`Paged plan ${i}`));
    await s.settle();
    const every = [running, withdrawn, ...more].sort();
    expect(ids(await list(manager))).toEqual(every);
    for (const limit of ['1', '2', '3', '6', '7']) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let pages = 0;
      do {
        const res = await list(manager, { limit, ...(cursor ? { cursor } : {}) });
        expect(res.status).toBe(200);
        expect(res.body.runs.length).toBeLessThanOrEqual(Number(limit));
        seen.push(...res.body.runs.map((r: { runId: string }) => r.runId));
        cursor = res.body.next ?? undefined;
        pages++;
      } while (cursor && pages < 20);
      expect([limit, seen.sort()]).toEqual([limit, every]);
      expect(pages).toBe(Math.ceil(every.length / Number(limit)));
    }
    const filtered: string[] = [];
    let cursor: string | undefined;
    do {
      const res = await list(manager, { q: 'paged', limit: '2', ...(cursor ? { cursor } : {}) });
      filtered.push(...res.body.runs.map((r: { runId: string }) => r.runId));
      cursor = res.body.next ?? undefined;
    } while (cursor);
    expect(filtered.sort()).toEqual([...more].sort());
  });

  it('reads index pages only, of at most limit + 1 runs each: the cost does not grow with the runs stored', async () => {
    const sent: Array<{ name: string; input: Record<string, unknown> }> = [];
    const client = dynamo();
    const send = client.send.bind(client);
    const spy = jest.spyOn(client, 'send').mockImplementation(((command: { constructor: { name: string }; input: Record<string, unknown> }, ...rest: unknown[]) => {
      sent.push({ name: command.constructor.name, input: command.input });
      return (send as (...a: unknown[]) => unknown)(command, ...rest);
    }) as never);
    try {
      const page = await list(manager, { limit: '2' });
      expect([page.status, page.body.runs.length, typeof page.body.next]).toEqual([200, 2, 'string']);
      await list(manager, { limit: '2', q: 'nothing-matches-this' });
    } finally {
      spy.mockRestore();
    }
    const reads = sent;
    expect(reads.every((c) => c.name === 'QueryCommand' && c.input.IndexName === 'byStatus')).toBe(true);
    expect(reads.every((c) => Number(c.input.Limit) <= 3)).toBe(true);
    expect(reads.length).toBeLessThanOrEqual(1 + 10);
  });

  it('refuses the plan’s own author and a caller with no role (403)', async () => {
    expect(refusal(await list(author))).toEqual({ status: 403, code: 'forbidden' });
    expect(refusal(await list(nobody))).toEqual({ status: 403, code: 'forbidden' });
  });
});
