/**
 * A Map that sends each case through one Choice state; each target is a Pass state named after the label it
 * returns. Lets one fixture check a Choice state's rules against many inputs.
 */
export function classifierDefinition(choice: Record<string, unknown>, labels: string[]): Record<string, unknown> {
  const targets = Object.fromEntries(labels.map((label) => [label, { Type: 'Pass', Result: label, End: true }]));
  return {
    StartAt: 'Classify',
    States: {
      Classify: {
        Type: 'Map',
        ItemsPath: '$.cases',
        ItemProcessor: { StartAt: 'Route', States: { Route: { Type: 'Choice', ...choice }, ...targets } },
        End: true,
      },
    },
  };
}
