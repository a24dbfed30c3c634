import { loadFixtures } from './fixtures';
import { expectOutcome } from './support/expectOutcome';
import { usesCallbacks } from './support/fixture';
import { runOnReference } from './support/referenceRunner';

// The reference has no callbacks, so fixtures with task tokens are left to the engine suite. Where a fixture
// records that the reference departs from AWS, the test pins down that departure, so a fixed reference shows up.
const fixtures = loadFixtures().filter((fixture) => !usesCallbacks(fixture));

describe('aws-local-stepfunctions, run on the conformance fixtures without callbacks', () => {
  test.each(fixtures.map((fixture) => [fixture.name, fixture] as const))(
    '%s ends as AWS documents, or as its recorded difference says',
    async (_name, fixture) => {
      const { outcome, invocations } = await runOnReference(fixture);

      expectOutcome(outcome, fixture.referenceDiffers?.reference ?? fixture.expected);
      if (fixture.invocations?.count !== undefined && !fixture.referenceDiffers) {
        expect(invocations).toHaveLength(fixture.invocations.count);
      }
    },
  );
});
