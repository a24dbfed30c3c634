// The state machine the crash test runs: waits, a Lambda call, a callback, a Parallel with a wait and a Map.
// Its output depends only on its input, so a run that was killed and resumed must end exactly as one that was not.
export const CRASH_MACHINE_NAME = 'crash-test';

export const crashDefinition = {
  StartAt: 'Init',
  States: {
    Init: { Type: 'Pass', Parameters: { 'id.$': '$.id', 'items.$': '$.items', count: 0 }, Next: 'Count' },
    Count: {
      Type: 'Pass',
      Parameters: { 'id.$': '$.id', 'items.$': '$.items', 'count.$': 'States.MathAdd($.count, 1)' },
      Next: 'Nap',
    },
    Nap: { Type: 'Wait', Seconds: 1, Next: 'Again' },
    Again: { Type: 'Choice', Choices: [{ Variable: '$.count', NumericLessThan: 3, Next: 'Count' }], Default: 'Record' },
    Record: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: 'record', Payload: { 'id.$': '$.id', 'n.$': '$.count' } },
      ResultSelector: { 'doubled.$': '$.Payload.doubled' },
      ResultPath: '$.recorded',
      Next: 'Approve',
    },
    Approve: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: { FunctionName: 'captureToken', Payload: { 'token.$': '$$.Task.Token', 'execution.$': '$$.Execution.Name' } },
      TimeoutSeconds: 3600,
      ResultPath: '$.approval',
      Next: 'Fan',
    },
    Fan: {
      Type: 'Parallel',
      Branches: [
        {
          StartAt: 'Pause',
          States: {
            Pause: { Type: 'Wait', Seconds: 1, Next: 'Label' },
            Label: { Type: 'Pass', Parameters: { 'label.$': "States.Format('run {}', $.id)" }, End: true },
          },
        },
        {
          StartAt: 'Ten',
          States: {
            Ten: {
              Type: 'Task',
              Resource: 'arn:aws:lambda:eu-west-2:123456789012:function:record',
              Parameters: { 'id.$': '$.id', n: 10 },
              End: true,
            },
          },
        },
      ],
      ResultPath: '$.fan',
      Next: 'Each',
    },
    Each: {
      Type: 'Map',
      ItemsPath: '$.items',
      ItemSelector: { 'id.$': '$.id', 'n.$': '$$.Map.Item.Value' },
      ItemProcessor: {
        StartAt: 'RecordItem',
        States: {
          RecordItem: { Type: 'Task', Resource: 'arn:aws:lambda:eu-west-2:123456789012:function:record', End: true },
        },
      },
      ResultPath: '$.each',
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
  },
};

export function crashInput(index: number): { id: string; items: number[] } {
  return { id: `run-${index}`, items: [index, index + 1, index + 2] };
}

/** What the callback sends back for an execution. */
export function approvalFor(executionName: string): { approvedBy: string } {
  return { approvedBy: `clerk-of-${executionName}` };
}
