import { HANDOVER_AFTER_DAYS, handoverDue, nextExecutionName } from '../../../functions/actions/handOver';

const runId = '0a95cc05-0498-4c79-b9a3-44a1609637d3';

describe('handing a run over to a new execution', () => {
  it('is due 300 days after the execution started, well before the one-year limit', () => {
    expect(HANDOVER_AFTER_DAYS).toBe(300);
    const started = '2017-01-09T09:00:00.000Z';
    expect(handoverDue(started, new Date('2017-11-05T08:59:59Z'))).toBe(false);
    expect(handoverDue(started, new Date('2017-11-05T09:00:00Z'))).toBe(true);
    expect(handoverDue(undefined, new Date('2019-01-01T00:00:00Z'))).toBe(false);
  });

  it('names each next execution after the run, counting up', () => {
    expect(nextExecutionName(runId, runId)).toBe(`${runId}_2`);
    expect(nextExecutionName(runId, `${runId}_2`)).toBe(`${runId}_3`);
    expect(nextExecutionName(runId, `${runId}_19`)).toBe(`${runId}_20`);
  });
});
