// The two benchmark workloads, with the number of state transitions (states entered) each execution makes.

/** One execution that loops Pass -> Choice until the count reaches `iterations`. */
export function loopMachine(iterations: number): { definition: object; transitions: number } {
  return {
    definition: {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Result: { count: 0 }, Next: 'Increment' },
        Increment: { Type: 'Pass', Parameters: { 'count.$': 'States.MathAdd($.count, 1)' }, Next: 'More' },
        More: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: iterations, Next: 'Increment' }], Default: 'Done' },
        Done: { Type: 'Succeed' },
      },
    },
    // Init + (Increment + More) per iteration + Done
    transitions: 2 + 2 * iterations,
  };
}

/** A short run per execution: a Lambda call through lambda:invoke, then a four-round Pass/Choice loop. */
export const shortMachine = {
  definition: {
    StartAt: 'Init',
    States: {
      Init: { Type: 'Pass', Parameters: { 'id.$': '$.id', n: 0 }, Next: 'Call' },
      Call: {
        Type: 'Task',
        Resource: 'arn:aws:states:::lambda:invoke',
        Parameters: { FunctionName: 'echo', 'Payload.$': '$' },
        ResultSelector: { 'id.$': '$.Payload.id', 'n.$': '$.Payload.n' },
        Next: 'Increment',
      },
      Increment: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'n.$': 'States.MathAdd($.n, 1)' }, Next: 'More' },
      More: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericLessThan: 4, Next: 'Increment' }], Default: 'Done' },
      Done: { Type: 'Succeed' },
    },
  },
  // Init + Call + (Increment + More) x 4 + Done
  transitions: 11,
};

export const echo = async (event: unknown): Promise<unknown> => event;
