/**
 * A run's creation cut off by a crash and retried with the same Idempotency-Key, through the HTTP API (DESIGN.md
 * "Idempotent creation"): the claim stays in progress until its lock runs out in real time (moving the stack's
 * clock does not free it), and the retry then finds the run the first attempt stored (its id derived from caller,
 * key and request): one run, answered 201, its sign-off requested once.
 */
import { sfnClient } from '../../functions/platform/aws';
import { letRealTimePass, resetRealTime } from '../../functions/platform/clock';
import { dynamo } from '../../functions/store/dynamo';
import { IDEMPOTENCY_LOCK_SECONDS } from '../../functions/store/idempotency';
import type { TestStack } from '../support/localStack';
import { settle } from './support/api';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const author = person('Alison Finch', 'alison.finch@tmbc.example.gov.uk');
const legal = person('Adrian Stanfield', 'adrian.stanfield@tmbc.example.gov.uk');
const clerk = as(person('Rebecca Bradd', 'rebecca.bradd@tmbc.example.gov.uk'), 'clerk');

const body = (title: string) => ({
  plan: { title, author },
  stages: [
    { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
    { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-15' },
  ],
  signoffs: [{ area: 'Legal', officer: legal }],
});

type CrashPoint = 'before its META is written' | 'before its execution is started' | 'before its answer is stored';

/**
 * The process stops at `point`: that call does not answer until `release`, long after the retry (then the call is
 * made, as a process overtaken would go on: its claim is no longer its own, and nothing it does counts). Answers
 * when the crash happened.
 */
function crashAt(point: CrashPoint): { crashed: Promise<void>; release: () => void } {
  let crashed!: () => void;
  const happened = new Promise<void>((resolve) => (crashed = resolve));
  const held: Array<() => void> = [];
  let late: (c: any) => Promise<any>;
  const hang = (command: any) => (crashed(), new Promise<any>((resolve, reject) => held.push(() => late(command).then(resolve, reject))));
  if (point === 'before its execution is started') {
    const sfn = sfnClient();
    const real = sfn.send.bind(sfn) as (c: any) => Promise<any>;
    late = real;
    jest.spyOn(sfn, 'send').mockImplementation(async (command: any) => (command.constructor.name === 'StartExecutionCommand' && !held.length ? hang(command) : real(command)));
  } else {
    const db = dynamo();
    const real = db.send.bind(db) as (c: any) => Promise<any>;
    late = real;
    jest.spyOn(db, 'send').mockImplementation(async (command: any) => {
      const input = command.input ?? {};
      const hit =
        point === 'before its META is written'
          ? command.constructor.name === 'PutCommand' && input.Item?.sk === 'META'
          : command.constructor.name === 'UpdateCommand' && input.Key?.sk === 'IDEMP' && input.ExpressionAttributeValues?.[':done'] === 'done';
      return hit && !held.length ? hang(command) : real(command);
    });
  }
  return { crashed: happened, release: () => held.forEach((goOn) => goOn()) };
}

describe('a creation cut off by a crash and retried with its key', () => {
  let t: TestStack;
  const start = (b: unknown, key: string) => t.api.post('/api/runs', b, { as: clerk, headers: { 'Idempotency-Key': key } });
  const runIds = async () => (await t.api.get('/api/runs', { as: clerk })).body.runs.map((r: any) => r.runId as string);

  beforeAll(async () => {
    t = await startStackAt('2017-01-16');
  });

  afterEach(() => {
    jest.restoreAllMocks();
    resetRealTime();
  });

  afterAll(async () => {
    await stopStack(t);
  });

  it.each<CrashPoint>(['before its META is written', 'before its execution is started', 'before its answer is stored'])(
    'makes one run when the first attempt stopped %s',
    async (point) => {
      const key = `crash-${point.replace(/\W+/g, '-')}`;
      const b = body(`Community Safety Plan (${point})`);
      const before = await runIds();
      const { crashed, release } = crashAt(point);
      const first = start(b, key).catch(() => undefined);
      await crashed;
      jest.restoreAllMocks();

      // The stack's clock moves on (as after a restart): the claim is still held, by real time only.
      await t.advanceClock(new Date(new Date(await t.now()).getTime() + 3 * 60 * 60 * 1000));
      const tooSoon = await start(b, key);
      expect([tooSoon.status, tooSoon.body.error?.code]).toEqual([409, 'conflict']);

      letRealTimePass((IDEMPOTENCY_LOCK_SECONDS + 1) * 1000);
      const retried = await start(b, key);
      expect(retried.status).toBe(201);
      expect(retried.headers.get('location')).toBe(`/api/runs/${retried.body.runId}`);
      const again = await start(b, key);
      expect([again.status, again.body.runId]).toEqual([201, retried.body.runId]);

      release();
      await first;
      await settle(t);
      const after = await runIds();
      expect(after.filter((id: string) => !before.includes(id))).toEqual([retried.body.runId]);
      const run = (await t.api.get(`/api/runs/${retried.body.runId}`, { as: clerk })).body;
      expect(run.status).toBe('running');
      expect(run.events.filter((e: any) => e.what.startsWith('Started the run of'))).toHaveLength(1);
      const requests = (await t.emails()).filter((e) => e.to.includes(legal.email) && e.subject.includes(point));
      expect(requests).toHaveLength(1);
    },
  );

  it('opens again, and starts, a run whose execution could not be started when the creation is retried', async () => {
    const b = body('Community Safety Plan (workflow down)');
    const sfn = sfnClient();
    const real = sfn.send.bind(sfn) as (c: any) => Promise<any>;
    let refused = 0;
    jest.spyOn(sfn, 'send').mockImplementation(async (command: any) => {
      if (command.constructor.name === 'StartExecutionCommand' && !refused++) throw Object.assign(new Error('Internal error'), { name: 'InternalError' });
      return real(command);
    });
    const failed = await start(b, 'workflow-down');
    expect(failed.status).toBe(500);
    const retried = await start(b, 'workflow-down');
    expect([retried.status, retried.body.status]).toEqual([201, 'running']);
    await settle(t);
    const run = (await t.api.get(`/api/runs/${retried.body.runId}`, { as: clerk })).body;
    expect(run.status).toBe('running');
    expect(run.events.map((e: any) => e.what)).toEqual(expect.arrayContaining(['Opened again: the start was retried and its workflow started']));
    expect((await t.emails()).filter((e) => e.to.includes(legal.email) && e.subject.includes('workflow down'))).toHaveLength(1);
  });

  it('still starts a second run for the same request under another key', async () => {
    const b = body('Community Safety Plan (two keys)');
    const one = await start(b, 'two-keys-1');
    const two = await start(b, 'two-keys-2');
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.body.runId).not.toBe(two.body.runId);
  });
});
