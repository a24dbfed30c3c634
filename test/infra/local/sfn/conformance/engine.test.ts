import { loadFixtures } from './fixtures';
import { expectOutcome } from './support/expectOutcome';
import { runOnEngine } from './support/engineRunner';

// Every fixture, callbacks included, through our engine: it must end as AWS documents (the fixture's
// `expected`), and where the fixture times Lambda calls, call at those instants of the virtual clock.
const fixtures = loadFixtures();

describe('our Step Functions engine, run on the conformance fixtures', () => {
  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))('%s ends as AWS documents', async (_name, fixture) => {
    const run = await runOnEngine(fixture);

    expect(run.statusChecks.filter((check) => check.actual !== check.expected)).toEqual([]);
    expectOutcome(run.outcome, fixture.expected);
    const expected = fixture.invocations;
    if (expected?.count !== undefined) expect(run.invocations).toHaveLength(expected.count);
    if (expected?.atSeconds) expect(run.invokedAtSeconds).toEqual(expected.atSeconds);
    if (expected?.gapsAtMostSeconds) {
      const gaps = run.invokedAtSeconds.slice(1).map((at, i) => at - run.invokedAtSeconds[i]);
      expect(gaps).toHaveLength(expected.gapsAtMostSeconds.length);
      gaps.forEach((gap, i) => {
        expect(gap).toBeGreaterThanOrEqual(0);
        expect(gap).toBeLessThanOrEqual(expected.gapsAtMostSeconds![i]);
      });
    }
  });
});
