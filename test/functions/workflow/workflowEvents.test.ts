import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Context } from 'aws-lambda';
import { resetClients } from '../../../functions/platform/aws';
import { INVALID_WORKFLOW_EVENT } from '../../../functions/edge/workflowEvent';
import { buildRun } from '../../../functions/domain/newRun';
import { getWaitToken } from '../../../functions/store/waitToken';
import { reconcileRun } from '../../../functions/actions/reconcileRun';
import { handler as awaitChangeHandler } from '../../../functions/workflow/awaitChange';
import { handler as handOverHandler } from '../../../functions/workflow/handover';
import { handler as reconcileHandler } from '../../../functions/workflow/reconcileRun';
import { handler as recordFailureHandler } from '../../../functions/workflow/recordFailure';
import { startLocalSes, type LocalSes } from '../../../infra/local/ses';
import { printedLogLinesOf } from '../../support/logLines';
import { clerk, tunbridgeWellsInput } from '../domain/runSimulator';
import { startTestTable, storeStartedRun, type TestTable } from '../store/localTable';

let table: TestTable;
let ses: LocalSes;
let sesDir: string;
const context = {} as Context;

beforeAll(async () => {
  table = await startTestTable();
  sesDir = await mkdtemp(join(tmpdir(), 'ratify-ses-'));
  ses = await startLocalSes({ dir: sesDir, clock: table.clock });
  Object.assign(process.env, { AWS_ENDPOINT_URL_SES: ses.url, RATIFY_LINK_SECRET: 'test-link-secret-0123456789abcdef', RATIFY_PUBLIC_URL: 'https://ratify.example' });
  resetClients();
});

afterAll(async () => {
  await ses.close();
  await table.close();
  await rm(sesDir, { recursive: true, force: true });
});

async function newRun(runId: string) {
  const input = tunbridgeWellsInput();
  const at = table.clock.now();
  await storeStartedRun(buildRun({ ...input, stages: input.stages! }, runId, clerk, at), clerk, at);
}

/** The error a handler fails with (its `name` is the error type Step Functions matches in Retry and Catch). */
async function refusal(work: Promise<unknown>): Promise<Error> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e as Error,
  );
  if (!err) throw new Error('the event was accepted');
  return err;
}

describe('workflow function edges', () => {
  it('refuse an event without a runId, naming runId, before touching the run', async () => {
    const err = await refusal(reconcileHandler({ executionStartedAt: '2017-01-09T09:00:00.000Z' }, context));
    expect(err.name).toBe(INVALID_WORKFLOW_EVENT);
    expect(err.message).toMatch(/^ReconcileRun refused its event: runId: /);
  });

  it('refuse a field of the wrong type, naming it', async () => {
    const err = await refusal(awaitChangeHandler({ runId: 'run-e1', phase: 'AwaitMeeting', version: '3', taskToken: 'token-1' }, context));
    expect(err.name).toBe(INVALID_WORKFLOW_EVENT);
    expect(err.message).toMatch(/version: .*number/);
    expect(err.message).not.toMatch(/runId|phase|taskToken/);
    // Nothing was stored for a refused wait.
    expect(await getWaitToken('run-e1')).toBeUndefined();
  });

  it('refuse a phase the state machine has no wait for', async () => {
    const err = await refusal(awaitChangeHandler({ runId: 'run-e1', phase: 'Finished', version: 3, taskToken: 'token-1' }, context));
    expect(err.name).toBe(INVALID_WORKFLOW_EVENT);
    expect(err.message).toMatch(/phase: /);
  });

  it('name every bad field at once, and a field the ASL sends that no handler reads', async () => {
    const err = await refusal(handOverHandler({ runId: 42, executionName: 'run-e1' }, context));
    expect(err.name).toBe(INVALID_WORKFLOW_EVENT);
    expect(err.message).toMatch(/runId: /);
    expect(err.message).toMatch(/execution: /);
    expect(err.message).toMatch(/executionName: /);
  });

  it('refuse an event that is not an object at all', async () => {
    const err = await refusal(recordFailureHandler(null, context));
    expect(err).toMatchObject({ name: INVALID_WORKFLOW_EVENT, message: expect.stringMatching(/\(event\): /) });
  });

  it('refuse a failure whose Catch output is not {Error, Cause} strings, naming the nested field', async () => {
    const err = await refusal(recordFailureHandler({ runId: 'run-e1', failure: { Error: 500 } }, context));
    expect(err).toMatchObject({ name: INVALID_WORKFLOW_EVENT, message: expect.stringMatching(/failure\.Error: /) });
  });

  it('log the refusal with the run the event names, and without a run when it names none', async () => {
    const named = await printedLogLinesOf(() => refusal(awaitChangeHandler({ runId: 'run-e2', phase: 'AwaitNothing', version: 1, taskToken: 't' }, context)));
    expect(named.lines).toEqual([expect.objectContaining({ level: 'ERROR', message: 'refused a malformed workflow event', runId: 'run-e2' })]);
    const unnamed = await printedLogLinesOf(() => refusal(awaitChangeHandler({ phase: 'AwaitMeeting', version: 1, taskToken: 't' }, context)));
    expect(unnamed.lines).toHaveLength(1);
    expect(unnamed.lines[0]).not.toHaveProperty('runId');
  });

  it('hand a valid event to the function as before: Reconcile brings the run up to date and the wait stores its token', async () => {
    table.clock.set('2017-01-09T09:00:00Z');
    await newRun('run-e3');
    const next = (await reconcileHandler({ runId: 'run-e3', executionStartedAt: '2017-01-09T09:00:00.000Z' }, context)) as { phase: string; version: number; handover: boolean };
    expect(next).toMatchObject({ phase: 'AwaitPublication', handover: false });
    expect((await ses.emails()).length).toBeGreaterThan(0);
    // The same answer the function gives when called directly (nothing changed in between).
    expect(await reconcileRun({ runId: 'run-e3' })).toEqual(next);
    const waited = await awaitChangeHandler({ runId: 'run-e3', phase: next.phase, version: next.version, taskToken: 'token-e3' }, context);
    expect(waited).toEqual({ stored: true, wokeAtOnce: false });
    expect(await getWaitToken('run-e3')).toMatchObject({ token: 'token-e3', phase: 'AwaitPublication', version: next.version });
  });

  it('let a valid RecordFailure event fail as before when the run is missing (the execution then fails)', async () => {
    const err = await refusal(recordFailureHandler({ runId: 'run-missing', failure: { Error: 'Error', Cause: 'boom' } }, context));
    expect(err.name).not.toBe(INVALID_WORKFLOW_EVENT);
    expect(err.message).toMatch(/run run-missing is missing/);
  });
});
