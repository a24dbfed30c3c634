// The Lambda functions fixtures call, shared by the engine runs, the reference runs, the crash test and the bench.
// Each run gets its own set, so counters (flaky attempts) and captured task tokens never leak between runs.

export type TestLambda = (event: unknown, context?: unknown) => Promise<unknown>;

export interface Invocation {
  functionName: string;
  at: Date;
  event: unknown;
}

export interface TestLambdas {
  /** Resolves a function name, a function ARN or a qualified ARN to a test Lambda. */
  resolve(functionArnOrName: string): TestLambda | undefined;
  readonly invocations: Invocation[];
  /** Task tokens received by `captureToken` / `captureTokenAndHold`, oldest first. */
  readonly tokens: string[];
  /** Lets every `captureTokenAndHold` call return. */
  releaseHeld(): void;
}

export interface Clock {
  now(): Date;
}

type Event = Record<string, unknown>;

function asEvent(event: unknown): Event {
  return event !== null && typeof event === 'object' && !Array.isArray(event) ? (event as Event) : {};
}

function namedError(name: string, message: string): Error {
  const error = new Error(message);
  error.name = name;
  return error;
}

/** `arn:aws:lambda:region:account:function:name[:qualifier]` or a bare name -> the name. */
export function functionNameOf(functionArnOrName: string): string {
  const match = /^arn:aws[\w-]*:lambda:[^:]*:[^:]*:function:([^:]+)/.exec(functionArnOrName);
  return match ? match[1] : functionArnOrName;
}

const REAL_WAIT_CAP_MS = 3_000;

export function createTestLambdas(clock: Clock): TestLambdas {
  const invocations: Invocation[] = [];
  const tokens: string[] = [];
  const attempts = new Map<string, number>();
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));

  const nextAttempt = (key: string): number => {
    const attempt = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, attempt);
    return attempt;
  };

  const lambdas: Record<string, (event: Event) => Promise<unknown>> = {
    echo: async (event) => event,
    sum: async (event) => ({ sum: Number(event.a) + Number(event.b) }),
    greet: async (event) => ({ greeting: `Hello, ${String(event.name)}` }),
    increment: async (event) => ({ ...event, count: Number(event.count ?? 0) + 1 }),
    fail: async (event) => {
      throw namedError(String(event.errorName ?? 'CustomError'), String(event.message ?? 'failed on purpose'));
    },
    /** Fails `failTimes` times with `errorName` (TransientError), then answers `{attempts, received}`. */
    flaky: async (event) => {
      const attempt = nextAttempt(`flaky:${String(event.key ?? '')}`);
      if (attempt <= Number(event.failTimes ?? 0)) {
        throw namedError(String(event.errorName ?? 'TransientError'), `attempt ${attempt} failed`);
      }
      return { attempts: attempt, received: event };
    },
    /** The n-th call throws `errors[n-1]`; once the list is used up it answers `{attempts}`. */
    failSequence: async (event) => {
      const attempt = nextAttempt('failSequence');
      const errors = Array.isArray(event.errors) ? event.errors.map(String) : [];
      if (attempt <= errors.length) throw namedError(errors[attempt - 1], `attempt ${attempt} failed`);
      return { attempts: attempt };
    },
    /** Runs for `seconds` of the run's clock (capped in real time so a stuck clock cannot hang a test). */
    slow: async (event) => {
      const until = clock.now().getTime() + Number(event.seconds ?? 0) * 1000;
      const realDeadline = Date.now() + REAL_WAIT_CAP_MS;
      while (clock.now().getTime() < until && Date.now() < realDeadline) {
        await new Promise((resolve) => setTimeout(resolve, 5).unref?.());
      }
      return { slept: Number(event.seconds ?? 0) };
    },
    captureToken: async (event) => {
      tokens.push(String(event.token));
      return { accepted: true };
    },
    captureTokenAndHold: async (event) => {
      tokens.push(String(event.token));
      await released;
      return { held: true };
    },
  };

  return {
    invocations,
    tokens,
    releaseHeld: () => release(),
    resolve(functionArnOrName) {
      const functionName = functionNameOf(functionArnOrName);
      const lambda = lambdas[functionName];
      if (!lambda) return undefined;
      return async (event: unknown) => {
        invocations.push({ functionName, at: clock.now(), event });
        return lambda(asEvent(event));
      };
    },
  };
}
