import { lambdaTasksMissingRetries } from '../../../infra/stack/lambdaTaskRetries';

const task = (Retry?: Array<{ ErrorEquals: string[] }>, Resource = 'arn:aws:states:::lambda:invoke') => ({ Type: 'Task', Resource, Retry, End: true });
const all = ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Throttling'];

describe('lambdaTasksMissingRetries', () => {
  it('accepts Lambda tasks that retry Lambda service errors, Lambda throttling and SES throttling', () => {
    expect(lambdaTasksMissingRetries({ States: { A: task([{ ErrorEquals: all }]) } })).toEqual([]);
    expect(
      lambdaTasksMissingRetries({
        States: { A: task([{ ErrorEquals: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException'] }, { ErrorEquals: ['SES.Throttling'] }]) },
      }),
    ).toEqual([]);
  });

  it('names each Lambda task and what it fails to retry', () => {
    const definition = {
      States: {
        Reconcile: task([{ ErrorEquals: ['Lambda.ServiceException'] }]),
        Await: task(undefined, 'arn:aws:states:::lambda:invoke.waitForTaskToken'),
        Pause: { Type: 'Wait', Seconds: 1, End: true },
      },
    };
    expect(lambdaTasksMissingRetries(JSON.stringify(definition))).toEqual([
      { state: 'Reconcile', missing: ['Lambda.TooManyRequestsException', 'Throttling or SES.Throttling'] },
      { state: 'Await', missing: ['Lambda.ServiceException', 'Lambda.TooManyRequestsException', 'Throttling or SES.Throttling'] },
    ]);
  });

  it('counts States.ALL and States.TaskFailed as covering every error', () => {
    expect(lambdaTasksMissingRetries({ States: { A: task([{ ErrorEquals: ['States.TaskFailed'] }]) } })).toEqual([]);
  });

  it('looks inside Parallel branches and Map processors, and at direct function ARNs', () => {
    const inner = { States: { Inner: task(undefined, '${NotifyFunctionArn}') } };
    const definition = { States: { P: { Type: 'Parallel', Branches: [inner], End: true }, M: { Type: 'Map', ItemProcessor: inner, End: true } } };
    expect(lambdaTasksMissingRetries(definition).map((m) => m.state)).toEqual(['P.Branches[0].Inner', 'M.ItemProcessor.Inner']);
  });

  it('leaves other tasks alone', () => {
    expect(lambdaTasksMissingRetries({ States: { S: task(undefined, 'arn:aws:states:::sqs:sendMessage') } })).toEqual([]);
  });
});
