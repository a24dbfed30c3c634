import { startStepFunctionsEngine, type LocalStepFunctions } from '../../../../../../infra/local/sfn';
import type { Fixture, Outcome, Step } from './fixture';
import { ACCOUNT_ID, CLOCK_START, EXECUTION_NAME, REGION, ROLE_ARN } from './identity';
import { createTestLambdas, type Invocation, type TestLambdas } from './testLambdas';

export interface EngineRunResult {
  outcome: Outcome;
  invocations: Invocation[];
  /** Seconds after the start (CLOCK_START on the virtual clock) of each Lambda invocation, oldest first. */
  invokedAtSeconds: number[];
  /** `expectStatus` steps, with the status the execution really had then. */
  statusChecks: { step: number; expected: string; actual: string }[];
}

const DAY_MS = 86_400_000;
/** Settling moves the clock a day at a time; no fixture waits longer than this. */
const SETTLE_DAYS = 60;
const TOKEN_WAIT_MS = 5_000;
const REAL_TIME_LIMIT_MS = 10_000;

export interface VirtualClock {
  now(): Date;
  set(instant: Date): void;
}

export function virtualClock(start: Date): VirtualClock {
  let current = start.getTime();
  return { now: () => new Date(current), set: (instant) => (current = instant.getTime()) };
}

async function describe(engine: LocalStepFunctions, executionArn: string): Promise<Outcome> {
  const described = await engine.client.describeExecution({ executionArn });
  const outcome: Outcome = { status: described.status as Outcome['status'] };
  if (described.output !== undefined) outcome.output = JSON.parse(described.output);
  if (described.error !== undefined) outcome.error = described.error;
  if (described.cause !== undefined) outcome.cause = described.cause;
  return outcome;
}

/** The newest task token, once a Lambda has received one (without waiting for that Lambda to return). */
async function newestToken(lambdas: TestLambdas, engine: LocalStepFunctions, whileLambdaRuns: boolean): Promise<string> {
  if (!whileLambdaRuns) await engine.waitForIdle();
  const deadline = Date.now() + TOKEN_WAIT_MS;
  while (lambdas.tokens.length === 0) {
    if (Date.now() > deadline) throw new Error('no task token was issued');
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
  return lambdas.tokens[lambdas.tokens.length - 1];
}

/** Runs a fixture through our engine, in memory, on a virtual clock that starts at CLOCK_START (or the real one). */
export async function runOnEngine(fixture: Fixture): Promise<EngineRunResult> {
  const clock = virtualClock(CLOCK_START);
  const realClock = { now: () => new Date() };
  const lambdas = createTestLambdas(fixture.realTime ? realClock : clock);
  const startedAt = fixture.realTime ? new Date() : CLOCK_START;
  const engine = await startStepFunctionsEngine({
    ...(fixture.realTime ? {} : { clock }),
    resolveLambda: lambdas.resolve,
    region: REGION,
    accountId: ACCOUNT_ID,
  });
  const statusChecks: EngineRunResult['statusChecks'] = [];
  try {
    const { stateMachineArn } = await engine.client.createStateMachine({
      name: fixture.name,
      definition: JSON.stringify(fixture.definition),
      roleArn: ROLE_ARN,
    });
    const { executionArn } = await engine.client.startExecution({
      stateMachineArn,
      name: EXECUTION_NAME,
      input: JSON.stringify(fixture.input),
    });

    const perform = async (step: Step, index: number): Promise<void> => {
      switch (step.do) {
        case 'advance':
          await engine.advanceTo(new Date(clock.now().getTime() + step.seconds * 1000));
          return;
        case 'sendTaskSuccess':
          await engine.client.sendTaskSuccess({
            taskToken: await newestToken(lambdas, engine, step.whileLambdaRuns ?? false),
            output: JSON.stringify(step.output),
          });
          return;
        case 'sendTaskFailure':
          await engine.client.sendTaskFailure({
            taskToken: await newestToken(lambdas, engine, false),
            error: step.error,
            ...(step.cause === undefined ? {} : { cause: step.cause }),
          });
          return;
        case 'sendTaskHeartbeat':
          await engine.client.sendTaskHeartbeat({ taskToken: await newestToken(lambdas, engine, false) });
          return;
        case 'expectStatus':
          await engine.waitForIdle();
          statusChecks.push({ step: index, expected: step.status, actual: (await describe(engine, executionArn)).status });
          return;
      }
    };
    for (const [index, step] of fixture.steps.entries()) await perform(step, index);
    lambdas.releaseHeld();

    // Let the execution finish: timers (waits, retries, timeouts) fire as the clock moves on.
    let outcome = await describe(engine, executionArn);
    const realDeadline = Date.now() + REAL_TIME_LIMIT_MS;
    while (fixture.realTime && outcome.status === 'RUNNING' && Date.now() < realDeadline) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      outcome = await describe(engine, executionArn);
    }
    for (let day = 0; !fixture.realTime && outcome.status === 'RUNNING' && day < SETTLE_DAYS; day++) {
      await engine.waitForIdle();
      outcome = await describe(engine, executionArn);
      if (outcome.status === 'RUNNING') await engine.advanceTo(new Date(clock.now().getTime() + DAY_MS));
    }
    return {
      outcome,
      invocations: lambdas.invocations,
      invokedAtSeconds: lambdas.invocations.map((call) => (call.at.getTime() - startedAt.getTime()) / 1000),
      statusChecks,
    };
  } finally {
    lambdas.releaseHeld();
    await engine.close();
  }
}
