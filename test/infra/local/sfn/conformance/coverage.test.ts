import { loadFixtures } from './fixtures';
import type { CoverageTag } from './support/fixture';

// The items the issue requires the conformance suite to cover, each by at least one fixture.
const REQUIRED: CoverageTag[] = [
  'Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map',
  'InputPath', 'Parameters', 'ResultSelector', 'ResultPath', 'OutputPath',
  '$$.Execution', '$$.State', '$$.Task.Token', '$$.Map.Item',
  'States.Format', 'States.StringToJson', 'States.JsonToString', 'States.Array', 'States.ArrayPartition',
  'States.ArrayContains', 'States.ArrayRange', 'States.ArrayGetItem', 'States.ArrayLength', 'States.ArrayUnique',
  'States.MathAdd', 'States.MathRandom', 'States.UUID', 'States.Hash', 'States.Base64Encode', 'States.Base64Decode',
  'States.StringSplit',
  'Retry.IntervalSeconds', 'Retry.MaxAttempts', 'Retry.BackoffRate', 'Retry.MaxDelaySeconds', 'Retry.JitterStrategy',
  'Catch', 'States.ALL', 'States.TaskFailed', 'States.Timeout', 'States.HeartbeatTimeout', 'States.Runtime',
  'lambda:invoke', 'lambda-arn', 'lambda:invoke.waitForTaskToken',
];

describe('the conformance fixtures', () => {
  const fixtures = loadFixtures();

  test('number at least forty, with unique names', () => {
    expect(fixtures.length).toBeGreaterThanOrEqual(40);
    expect(new Set(fixtures.map((fixture) => fixture.name)).size).toBe(fixtures.length);
  });

  test.each(REQUIRED)('cover %s', (tag) => {
    expect(fixtures.filter((fixture) => fixture.covers.includes(tag)).map((fixture) => fixture.name)).not.toEqual([]);
  });

  test('state in their definitions every state type they claim to cover', () => {
    const types = ['Task', 'Pass', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map'] as const;
    for (const fixture of fixtures) {
      const text = JSON.stringify(fixture.definition);
      for (const type of types.filter((claimed) => fixture.covers.includes(claimed))) {
        expect({ fixture: fixture.name, has: text.includes(`"Type":"${type}"`) }).toEqual({ fixture: fixture.name, has: true });
      }
    }
  });
});
