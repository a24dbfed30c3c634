import { z } from 'zod';
import { apiHandler } from '../../../functions/edge/http';
import { runOnce } from '../../../functions/edge/idempotency';
import { installClock, resetClock } from '../../../functions/platform/clock';
import { resetClients } from '../../../functions/platform/aws';
import { startLocalDynamo, type LocalDynamo } from '../../../infra/local/dynamo';
import { apiEvent, clerk, lambdaContext } from './apiEvent';

let dynamo: LocalDynamo;
let clockAt = new Date('2026-11-26T10:00:00Z');

beforeAll(async () => {
  dynamo = await startLocalDynamo();
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.url,
    RATIFY_TABLE: dynamo.tableName,
  });
  resetClients();
  installClock({ now: () => clockAt });
});

afterAll(async () => {
  resetClock();
  resetClients();
  await dynamo.close();
});

/** A real handler that counts the runs it was asked to start, slow enough for concurrent retries to overlap. */
function counter(opts: { delayMs?: number; fail?: () => boolean } = {}) {
  let runs = 0;
  const handler = apiHandler(
    { name: 'StartRun', idempotent: true, body: z.object({ title: z.string() }) },
    async ({ body }) => {
      runs += 1;
      const n = runs;
      await new Promise((r) => setTimeout(r, opts.delayMs ?? 0));
      if (opts.fail?.()) throw new Error('store unavailable');
      return { statusCode: 201, body: { runId: `r-${n}`, title: body.title } };
    },
  );
  return { handler, runs: () => runs };
}

let keyNo = 0;
const newKey = () => `key-${Date.now()}-${++keyNo}`;
const post = (body: object, key?: string, claims: Record<string, string> = clerk) =>
  apiEvent({ body: JSON.stringify(body), claims, headers: key ? { 'idempotency-key': key } : {} });
const parse = (r: { body?: string }) => JSON.parse(r.body ?? 'null');

describe('Idempotency-Key', () => {
  it('replays the first answer to a retry without doing the work again', async () => {
    const { handler, runs } = counter();
    const key = newKey();
    const first = await handler(post({ title: 'CSP' }, key), lambdaContext);
    const retry = await handler(post({ title: 'CSP' }, key), lambdaContext);
    expect(first.statusCode).toBe(201);
    expect(retry.statusCode).toBe(201);
    expect(parse(retry)).toEqual(parse(first));
    expect(runs()).toBe(1);
  });

  it('does the work every time when no key is sent', async () => {
    const { handler, runs } = counter();
    await handler(post({ title: 'CSP' }), lambdaContext);
    await handler(post({ title: 'CSP' }), lambdaContext);
    expect(runs()).toBe(2);
  });

  it('answers 409 when the same key comes with a different body', async () => {
    const { handler, runs } = counter();
    const key = newKey();
    await handler(post({ title: 'CSP' }, key), lambdaContext);
    const other = await handler(post({ title: 'Another plan' }, key), lambdaContext);
    expect(other.statusCode).toBe(409);
    expect(parse(other).error.code).toBe('conflict');
    expect(runs()).toBe(1);
  });

  it('keeps keys per caller', async () => {
    const { handler, runs } = counter();
    const key = newKey();
    const manager = { email: 'mo.manager@example.gov.uk', email_verified: 'true', name: 'Mo', 'cognito:groups': '[clerk]' };
    await handler(post({ title: 'CSP' }, key), lambdaContext);
    const theirs = await handler(post({ title: 'CSP' }, key, manager), lambdaContext);
    expect(theirs.statusCode).toBe(201);
    expect(runs()).toBe(2);
  });

  it('runs concurrent retries once and answers 409 to the one that arrived while the first was running', async () => {
    const { handler, runs } = counter({ delayMs: 200 });
    const key = newKey();
    const [a, b] = await Promise.all([handler(post({ title: 'CSP' }, key), lambdaContext), handler(post({ title: 'CSP' }, key), lambdaContext)]);
    expect([a.statusCode, b.statusCode].sort()).toEqual([201, 409]);
    expect(runs()).toBe(1);
    const later = await handler(post({ title: 'CSP' }, key), lambdaContext);
    expect(later.statusCode).toBe(201);
    expect(runs()).toBe(1);
  });

  it('lets a retry run afresh when the first attempt failed', async () => {
    let failing = true;
    const { handler, runs } = counter({ fail: () => failing });
    const key = newKey();
    expect((await handler(post({ title: 'CSP' }, key), lambdaContext)).statusCode).toBe(500);
    failing = false;
    expect((await handler(post({ title: 'CSP' }, key), lambdaContext)).statusCode).toBe(201);
    expect(runs()).toBe(2);
  });

  it('forgets a key after 24 hours by the stack clock', async () => {
    const { handler, runs } = counter();
    const key = newKey();
    await handler(post({ title: 'CSP' }, key), lambdaContext);
    clockAt = new Date(clockAt.getTime() + 23 * 3600_000);
    await handler(post({ title: 'CSP' }, key), lambdaContext);
    expect(runs()).toBe(1);
    clockAt = new Date(clockAt.getTime() + 2 * 3600_000);
    await handler(post({ title: 'Changed after a day' }, key), lambdaContext);
    expect(runs()).toBe(2);
  });
});

describe('runOnce (the API chain and the one-time page forms)', () => {
  it('stores a redirect too, and names the rule a refused key broke', async () => {
    const key = newKey();
    let runs = 0;
    const work = async () => ({ statusCode: 303, headers: { location: `/runs/r-${++runs}` } });
    expect(await runOnce('cleo@example.gov.uk', key, 'h1', work)).toEqual({ statusCode: 303, headers: { location: '/runs/r-1' } });
    expect((await runOnce('cleo@example.gov.uk', key, 'h1', work)).headers).toEqual({ location: '/runs/r-1', 'idempotent-replayed': 'true' });
    await expect(runOnce('cleo@example.gov.uk', key, 'h2', work)).rejects.toMatchObject({ code: 'conflict', problems: { 'Idempotency-Key': { rule: 'already-used' } } });
    expect(runs).toBe(1);
  });
});
