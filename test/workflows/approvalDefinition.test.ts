import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { functionDefs } from '../../infra/definitions/functions';
import { approvalDefinitionPath } from '../../infra/definitions/stateMachine';
import { phases } from '../../functions/domain/runPhase';

type State = Record<string, any>;
const definition = JSON.parse(readFileSync(approvalDefinitionPath, 'utf8')) as { StartAt: string; States: Record<string, State> };
const states = definition.States;
const lambdaTasks = Object.entries(states).filter(([, s]) => s.Type === 'Task');

describe('workflows/approval.asl.json', () => {
  it('is valid Amazon States Language', () => {
    const out = execFileSync(join('node_modules', '.bin', 'asl-validator'), ['--json-path', approvalDefinitionPath], { encoding: 'utf8' });
    expect(out).toContain('is valid');
  });

  it('starts with Reconcile and has one wait state for every phase the planner can answer', () => {
    expect(definition.StartAt).toBe('Reconcile');
    for (const phase of phases) expect(states[phase]).toBeDefined();
    const routed = states.RouteByPhase.Choices.filter((c: State) => c.StringEquals).map((c: State) => c.StringEquals).sort();
    expect(routed).toEqual([...phases].sort());
  });

  it('waits with a callback task whose timeout is the next timer, back to Reconcile on change or timeout', () => {
    for (const phase of phases.filter((p) => p !== 'Finished')) {
      const s = states[phase];
      expect(s.Resource).toBe('arn:aws:states:::lambda:invoke.waitForTaskToken');
      expect(s.TimeoutSecondsPath).toBe('$.next.timeoutSeconds');
      expect(s.Parameters.Payload['taskToken.$']).toBe('$$.Task.Token');
      expect(s.Next).toBe('Reconcile');
      expect(s.Catch).toEqual([
        expect.objectContaining({ ErrorEquals: ['States.Timeout'], Next: 'Reconcile' }),
        expect.objectContaining({ ErrorEquals: ['States.ALL'], Next: 'RecordFailure' }),
      ]);
    }
    expect(states.Finished.Type).toBe('Succeed');
  });

  it('never lets Reconcile or a wait fail the execution: after their retries the failure is recorded and tried again later', () => {
    const guarded = lambdaTasks.filter(([name]) => name !== 'RecordFailure' && name !== 'AwaitRepair');
    expect(guarded.map(([name]) => name)).toContain('Reconcile');
    for (const [name, s] of guarded) {
      expect([name, s.Catch.at(-1)]).toEqual([name, { ErrorEquals: ['States.ALL'], ResultPath: '$.failure', Next: 'RecordFailure' }]);
    }
    expect(states.RecordFailure.Parameters.Payload).toEqual({ 'runId.$': '$.runId', 'failure.$': '$.failure' });
    expect(states.RecordFailure.Next).toBe('AwaitRepair');
    // The wait after a failure ends at the next try, or earlier when someone acts on the run; if it fails too, a plain Wait.
    expect(states.AwaitRepair).toMatchObject({ Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken', TimeoutSecondsPath: '$.retry.retryInSeconds', Next: 'Reconcile' });
    expect(states.AwaitRepair.Catch.map((c: State) => [c.ErrorEquals, c.Next])).toEqual([
      [['States.Timeout'], 'Reconcile'],
      [['States.ALL'], 'RestAfterFailure'],
    ]);
    expect(states.RestAfterFailure).toMatchObject({ Type: 'Wait', SecondsPath: '$.retry.retryInSeconds', Next: 'Reconcile' });
  });

  it('retries every Lambda task on Lambda service errors and on our throttling errors', () => {
    for (const [, s] of lambdaTasks) {
      const retried = s.Retry.flatMap((r: State) => r.ErrorEquals);
      expect(retried).toEqual(
        expect.arrayContaining(['Lambda.ServiceException', 'Lambda.AWSLambdaException', 'Lambda.SdkClientException', 'Lambda.TooManyRequestsException', 'Throttling', 'ServiceUnavailable', 'SES.Throttling']),
      );
    }
  });

  it('keeps the execution input small: only the run id (and when its execution started) goes to the functions', () => {
    expect(states.Reconcile.Parameters.Payload).toEqual({ 'runId.$': '$.runId', 'executionStartedAt.$': '$$.Execution.StartTime' });
  });

  it('hands a long run over to a new execution before the one-year limit, first thing after Reconcile', () => {
    expect(states.RouteByPhase.Choices[0]).toEqual({ Variable: '$.next.handover', BooleanEquals: true, Next: 'HandOver' });
    expect(states.Reconcile.ResultSelector['handover.$']).toBe('$.Payload.handover');
    expect(states.HandOver.Parameters.Payload).toEqual({ 'runId.$': '$.runId', 'execution.$': '$$.Execution.Name' });
    expect(states.HandOver.Next).toBe('HandedOver');
    expect(states.HandedOver.Type).toBe('Succeed');
  });

  it('names only substitutions of workflow functions in the functions list', () => {
    const text = readFileSync(approvalDefinitionPath, 'utf8');
    const used = [...text.matchAll(/\$\{([A-Za-z0-9_]+)\}/g)].map((m) => m[1]);
    const known = functionDefs.flatMap((d) => (d.kind === 'workflow' ? [d.substitution] : []));
    expect(new Set(used)).toEqual(new Set(known));
  });
});
