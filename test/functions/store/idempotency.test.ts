import { letRealTimePass, resetRealTime } from '../../../functions/platform/clock';
import { claimIdempotencyKey, IDEMPOTENCY_LOCK_SECONDS, IDEMPOTENCY_TTL_SECONDS, recordIdempotentAnswer } from '../../../functions/store/idempotency';
import { startTestTable, type TestTable } from './localTable';

let table: TestTable;
beforeAll(async () => {
  table = await startTestTable();
});
afterEach(() => resetRealTime());
afterAll(async () => {
  await table.close();
});

describe('Idempotency-Key claims', () => {
  it('keep a claim in progress however far the stack clock moves, until its lock runs out in real time', async () => {
    table.clock.set('2017-01-09T09:00:00Z');
    expect(await claimIdempotencyKey('clerk@example.gov.uk', 'k1', 'h')).toMatchObject({ kind: 'claimed' });
    table.clock.set('2017-01-12T09:00:00Z');
    expect(await claimIdempotencyKey('clerk@example.gov.uk', 'k1', 'h')).toEqual({ kind: 'in-progress' });
    letRealTimePass((IDEMPOTENCY_LOCK_SECONDS + 1) * 1000);
    expect(await claimIdempotencyKey('clerk@example.gov.uk', 'k1', 'other')).toEqual({ kind: 'claimed', claimId: expect.any(String) });
  });

  it('keep a finished answer for its 24 hours by the stack clock', async () => {
    table.clock.set('2017-01-09T09:00:00Z');
    const claim = await claimIdempotencyKey('clerk@example.gov.uk', 'k2', 'h');
    if (claim.kind !== 'claimed') throw new Error('not claimed');
    await recordIdempotentAnswer('clerk@example.gov.uk', 'k2', claim.claimId, { statusCode: 201, body: '{}' });
    letRealTimePass((IDEMPOTENCY_LOCK_SECONDS + 1) * 1000);
    expect(await claimIdempotencyKey('clerk@example.gov.uk', 'k2', 'h')).toMatchObject({ kind: 'replay' });
    table.clock.set(new Date(Date.parse('2017-01-09T09:00:00Z') + (IDEMPOTENCY_TTL_SECONDS + 1) * 1000));
    expect(await claimIdempotencyKey('clerk@example.gov.uk', 'k2', 'h')).toMatchObject({ kind: 'claimed' });
  });
});
