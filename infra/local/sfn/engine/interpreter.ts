import { chooseNext } from '../asl/choice';
import { ErrorNames, StatesError, isTerminalError, runtimeError } from '../asl/errors';
import { evaluateIntrinsic } from '../asl/intrinsics';
import { PAYLOAD_LIMIT_BYTES, isObject, utf8Length, type Json, type JsonObject } from '../asl/json';
import { requirePath } from '../asl/paths';
import { applyTemplate } from '../asl/payloadTemplate';
import { asCatchers, asRetriers, canRetry, findCatcher, findRetrier, retryDelayMs } from '../asl/retryCatch';
import {
  applyInputPath,
  applyOutputPath,
  applyParameters,
  applyResultPath,
  catcherOutput,
  failStateError,
  noChoiceMatched,
  stateOutput,
  taskTimeouts,
  waitUntilMs,
  type ContextFn,
} from '../asl/stateIO';
import { NOT_TRUNCATED, eventBody, type EventDetails } from './history';
import { invokeResult, type InvocationOutcome } from './lambda';
import type { Execution, Frame, TaskKind, TimerEntry, TimerKind } from './model';

/**
 * Runs ASL states over an execution's frames. It never touches the clock, the store or Lambdas directly: the
 * engine (Host) gives it time, timers, tokens and Lambda calls, and persists whatever it changed.
 */
export interface Host {
  now(): number;
  region: string;
  maxHistoryEvents: number;
  touch(exec: Execution): void;
  addTimer(exec: Execution, frame: number, kind: TimerKind, due: number): number;
  cancelTimer(exec: Execution, seq: number | undefined): void;
  newToken(): string;
  openToken(exec: Execution, frame: Frame, token: string): void;
  closeToken(exec: Execution, token: string): void;
  /** Calls the Lambda of the frame's task (after the tick's commit when the task is a callback). */
  launch(exec: Execution, frame: Frame): void;
  /** The frame is ready to run its state. */
  enqueue(exec: Execution, frame: Frame): void;
  finished(exec: Execution): void;
}

const INVOKE = 'arn:aws:states:::lambda:invoke';
const INVOKE_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const LAMBDA_ARN = /^arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[^:]+(:[^:]+)?$/;
/** Synchronous states a frame may run in one go before yielding to others. */
const STEP_BUDGET = 500;

function iso(ms: number): string {
  return new Date(ms).toISOString();
}

function toStatesError(err: unknown): StatesError {
  if (err instanceof StatesError) return err;
  return runtimeError(`An internal error occurred while executing the state: ${(err as Error)?.message ?? String(err)}`);
}

function dataLimit(what: string, size: number): StatesError {
  return new StatesError(
    ErrorNames.dataLimitExceeded,
    `The ${what} has a size of ${size} bytes which exceeds the maximum of ${PAYLOAD_LIMIT_BYTES} bytes service limit.`,
  );
}

export class Interpreter {
  constructor(private readonly host: Host) {}

  // ---- lifecycle -------------------------------------------------------------------------------------------

  /** Records ExecutionStarted and makes the first state runnable. */
  start(exec: Execution): void {
    this.host.touch(exec);
    this.emit(exec, undefined, 'ExecutionStarted', {
      input: exec.input,
      inputDetails: NOT_TRUNCATED,
      roleArn: exec.roleArn,
    });
    const scope = exec.machine.scopes[0];
    const root = this.newFrame(exec, 0, undefined, undefined, scope.startAt, this.executionInput(exec), exec.lastEvent);
    if (exec.machine.timeoutSeconds !== undefined) {
      this.host.addTimer(exec, -1, 'execution', exec.startMs + exec.machine.timeoutSeconds * 1000);
    }
    this.host.enqueue(exec, root);
  }

  /** Runs a ready frame through as many synchronous states as it can. */
  run(exec: Execution, frame: Frame): void {
    this.host.touch(exec);
    let budget = STEP_BUDGET;
    while (exec.status === 'RUNNING' && frame.phase === 'ready' && exec.frames.get(frame.id) === frame) {
      if (budget-- === 0) {
        this.host.enqueue(exec, frame);
        return;
      }
      this.guard(exec, frame, () => this.runState(exec, frame));
      this.checkHistoryLimit(exec);
    }
  }

  stop(exec: Execution, error: string | undefined, cause: string | undefined): void {
    if (exec.status !== 'RUNNING') return;
    this.host.touch(exec);
    this.emit(exec, undefined, 'ExecutionAborted', omitEmpty({ error, cause }));
    exec.error = error;
    exec.cause = cause;
    this.finish(exec, 'ABORTED');
  }

  // ---- external events ---------------------------------------------------------------------------------

  onTimer(exec: Execution, timer: TimerEntry): void {
    if (exec.status !== 'RUNNING') return;
    this.host.touch(exec);
    if (timer.kind === 'execution') {
      this.emit(exec, undefined, 'ExecutionTimedOut', {
        error: ErrorNames.timeout,
        cause: `The execution timed out after ${exec.machine.timeoutSeconds} seconds.`,
      });
      exec.error = ErrorNames.timeout;
      exec.cause = `The execution timed out after ${exec.machine.timeoutSeconds} seconds.`;
      this.finish(exec, 'TIMED_OUT');
      return;
    }
    const frame = exec.frames.get(timer.frame);
    if (!frame) return;
    const state = this.stateOf(exec, frame);
    switch (timer.kind) {
      case 'wait':
        if (frame.phase === 'waiting' && frame.timer === timer.seq) {
          frame.timer = undefined;
          this.guard(exec, frame, () => this.exit(exec, frame, state, frame.pendingOutput ?? null));
        }
        break;
      case 'retry':
        if (frame.phase === 'retrying' && frame.timer === timer.seq) {
          frame.timer = undefined;
          frame.phase = 'ready';
        }
        break;
      case 'timeout':
      case 'heartbeat': {
        const task = frame.task;
        if (!task || (task.timeoutTimer !== timer.seq && task.heartbeatTimer !== timer.seq)) break;
        const error = ErrorNames.timeout;
        if (task.kind === 'function') {
          this.emit(exec, frame, 'LambdaFunctionTimedOut', { error });
        } else {
          this.emit(exec, frame, 'TaskTimedOut', { ...this.resourceOf(task.kind), error });
        }
        this.endTask(exec, frame);
        const alias = timer.kind === 'heartbeat' ? ErrorNames.heartbeatTimeout : undefined;
        this.stateFailed(exec, frame, new StatesError(error, '', alias));
        break;
      }
    }
    this.afterExternal(exec, frame);
  }

  onTaskOutcome(exec: Execution, frameId: number, attempt: number, outcome: InvocationOutcome): void {
    const frame = exec.frames.get(frameId);
    if (exec.status !== 'RUNNING' || !frame?.task || frame.task.attempt !== attempt) return;
    this.host.touch(exec);
    const task = frame.task;
    const state = this.stateOf(exec, frame);
    if (task.kind === 'callback') {
      if (frame.phase !== 'callback') return;
      if (outcome.ok) {
        if (!task.submitted) {
          task.submitted = true;
          const output = JSON.stringify(invokeResult(outcome.value, outcome.json, outcome.requestId, new Date(this.host.now())));
          this.emit(exec, frame, 'TaskSubmitted', { ...this.resourceOf('callback'), output, outputDetails: NOT_TRUNCATED });
        }
        return;
      }
      this.emit(exec, frame, 'TaskFailed', { ...this.resourceOf('callback'), error: outcome.error, cause: outcome.cause });
      this.endTask(exec, frame);
      this.stateFailed(exec, frame, new StatesError(outcome.error, outcome.cause));
      this.afterExternal(exec, frame);
      return;
    }
    if (frame.phase !== 'running') return;
    if (outcome.ok) {
      const result = task.kind === 'invoke' ? invokeResult(outcome.value, outcome.json, outcome.requestId, new Date(this.host.now())) : outcome.value;
      const output = task.kind === 'invoke' ? JSON.stringify(result) : outcome.json;
      if (task.kind === 'function') this.emit(exec, frame, 'LambdaFunctionSucceeded', { output, outputDetails: NOT_TRUNCATED });
      else this.emit(exec, frame, 'TaskSucceeded', { ...this.resourceOf(task.kind), output, outputDetails: NOT_TRUNCATED });
      this.endTask(exec, frame);
      this.guard(exec, frame, () => {
        const size = utf8Length(output);
        if (size > PAYLOAD_LIMIT_BYTES) throw dataLimit('state/task returned a result that', size);
        this.exit(exec, frame, state, stateOutput(state, frame.input, result, this.context(exec, frame)));
      });
    } else {
      if (task.kind === 'function') this.emit(exec, frame, 'LambdaFunctionFailed', { error: outcome.error, cause: outcome.cause });
      else this.emit(exec, frame, 'TaskFailed', { ...this.resourceOf(task.kind), error: outcome.error, cause: outcome.cause });
      this.endTask(exec, frame);
      this.stateFailed(exec, frame, new StatesError(outcome.error, outcome.cause));
    }
    this.afterExternal(exec, frame);
  }

  /** SendTaskSuccess / SendTaskFailure for a callback task that is still waiting. */
  completeCallback(exec: Execution, frame: Frame, outcome: { ok: true; outputJson: string } | { ok: false; error?: string; cause?: string }): void {
    this.host.touch(exec);
    const state = this.stateOf(exec, frame);
    if (outcome.ok) {
      this.emit(exec, frame, 'TaskSucceeded', { ...this.resourceOf('callback'), output: outcome.outputJson, outputDetails: NOT_TRUNCATED });
      this.endTask(exec, frame);
      this.guard(exec, frame, () => {
        const result = JSON.parse(outcome.outputJson) as Json;
        this.exit(exec, frame, state, stateOutput(state, frame.input, result, this.context(exec, frame)));
      });
    } else {
      this.emit(exec, frame, 'TaskFailed', { ...this.resourceOf('callback'), ...omitEmpty({ error: outcome.error, cause: outcome.cause }) });
      this.endTask(exec, frame);
      this.stateFailed(exec, frame, new StatesError(outcome.error ?? '', outcome.cause ?? ''));
    }
    this.afterExternal(exec, frame);
  }

  heartbeat(exec: Execution, frame: Frame): void {
    const task = frame.task;
    if (!task?.heartbeatSeconds) return;
    this.host.touch(exec);
    this.host.cancelTimer(exec, task.heartbeatTimer);
    task.heartbeatTimer = this.host.addTimer(exec, frame.id, 'heartbeat', this.host.now() + task.heartbeatSeconds * 1000);
  }

  // ---- states --------------------------------------------------------------------------------------------

  private runState(exec: Execution, frame: Frame): void {
    const state = this.stateOf(exec, frame);
    const type = state.Type as string;
    if (!frame.entered) {
      frame.entered = true;
      frame.enteredMs = this.host.now();
      frame.retries = {};
      frame.retryCount = 0;
      this.emit(exec, frame, `${type}StateEntered`, { name: frame.state, input: JSON.stringify(frame.input), inputDetails: NOT_TRUNCATED });
    }
    const context = this.context(exec, frame);
    switch (type) {
      case 'Pass': {
        const effective = applyInputPath(state, frame.input, context);
        const result = 'Result' in state ? (state.Result as Json) : applyParameters(state, effective, context);
        const placed = applyResultPath(state.ResultPath, frame.input, result);
        this.exit(exec, frame, state, applyOutputPath(state, placed, context));
        return;
      }
      case 'Choice': {
        const effective = applyInputPath(state, frame.input, context);
        const next = chooseNext((state.Choices as JsonObject[]) ?? [], effective, context) ?? (state.Default as string | undefined);
        if (next === undefined) throw noChoiceMatched(frame.state);
        this.exit(exec, frame, state, applyOutputPath(state, effective, context), next);
        return;
      }
      case 'Succeed': {
        const effective = applyInputPath(state, frame.input, context);
        this.exit(exec, frame, state, applyOutputPath(state, effective, context));
        return;
      }
      case 'Fail':
        throw failStateError(state, frame.input, context, (expr) => evaluateIntrinsic(expr, frame.input, context));
      case 'Wait': {
        const effective = applyInputPath(state, frame.input, context);
        const due = waitUntilMs(state, effective, this.host.now(), context);
        frame.pendingOutput = applyOutputPath(state, effective, context);
        frame.phase = 'waiting';
        frame.timer = this.host.addTimer(exec, frame.id, 'wait', due);
        return;
      }
      case 'Task':
        this.scheduleTask(exec, frame, state);
        return;
      case 'Parallel':
        this.startParallel(exec, frame, state, context);
        return;
      case 'Map':
        this.startMap(exec, frame, state, context);
        return;
      default:
        throw runtimeError(`State '${frame.state}' has an unknown Type '${type}'`);
    }
  }

  private scheduleTask(exec: Execution, frame: Frame, state: JsonObject): void {
    const resource = state.Resource as string;
    const kind: TaskKind | undefined =
      resource === INVOKE ? 'invoke' : resource === INVOKE_CALLBACK ? 'callback' : LAMBDA_ARN.test(resource) ? 'function' : undefined;
    if (!kind) throw runtimeError(`The resource '${resource}' of state '${frame.state}' is not supported by the local engine`);
    const token = kind === 'callback' ? this.host.newToken() : undefined;
    const context = this.context(exec, frame, token ? { Task: { Token: token } } : undefined);
    const effective = applyInputPath(state, frame.input, context);
    const parameters = applyParameters(state, effective, context);
    const { timeoutSeconds, heartbeatSeconds } = taskTimeouts(state, effective, context);
    let functionName: string;
    let payload: Json;
    if (kind === 'function') {
      functionName = resource;
      payload = parameters;
    } else {
      if (!isObject(parameters) || typeof parameters.FunctionName !== 'string') {
        throw runtimeError(`The Parameters of state '${frame.state}' must name a FunctionName for ${resource}`);
      }
      functionName = typeof parameters.Qualifier === 'string' ? `${parameters.FunctionName}:${parameters.Qualifier}` : parameters.FunctionName;
      payload = parameters.Payload === undefined ? {} : parameters.Payload;
    }
    const payloadJson = JSON.stringify(payload);
    const size = utf8Length(payloadJson);
    if (size > PAYLOAD_LIMIT_BYTES) throw dataLimit('state input after Parameters', size);
    const attempt = (frame.taskAttempt ?? 0) + 1;
    frame.taskAttempt = attempt;
    if (kind === 'function') {
      this.emit(exec, frame, 'LambdaFunctionScheduled', omitUndefined({
        resource,
        input: payloadJson,
        inputDetails: NOT_TRUNCATED,
        timeoutInSeconds: timeoutSeconds,
      }));
      this.emit(exec, frame, 'LambdaFunctionStarted');
    } else {
      this.emit(exec, frame, 'TaskScheduled', omitUndefined({
        ...this.resourceOf(kind),
        region: this.host.region,
        parameters: JSON.stringify(parameters),
        timeoutInSeconds: timeoutSeconds,
        heartbeatInSeconds: kind === 'callback' ? heartbeatSeconds : undefined,
      }));
      this.emit(exec, frame, 'TaskStarted', this.resourceOf(kind));
    }
    frame.task = { kind, attempt, functionName, payloadJson, token, timeoutSeconds, heartbeatSeconds };
    const now = this.host.now();
    if (timeoutSeconds !== undefined) frame.task.timeoutTimer = this.host.addTimer(exec, frame.id, 'timeout', now + timeoutSeconds * 1000);
    if (kind === 'callback' && heartbeatSeconds !== undefined) {
      frame.task.heartbeatTimer = this.host.addTimer(exec, frame.id, 'heartbeat', now + heartbeatSeconds * 1000);
    }
    if (token) this.host.openToken(exec, frame, token);
    frame.phase = kind === 'callback' ? 'callback' : 'running';
    this.host.launch(exec, frame);
  }

  private startParallel(exec: Execution, frame: Frame, state: JsonObject, context: ContextFn): void {
    const effective = applyInputPath(state, frame.input, context);
    const input = applyParameters(state, effective, context);
    const scopes = exec.machine.scopes[frame.scope].children[frame.state];
    this.emit(exec, frame, 'ParallelStateStarted');
    frame.join = { kind: 'parallel', results: scopes.map(() => null), remaining: scopes.length, children: [] };
    frame.phase = 'join';
    scopes.forEach((scopeId, index) => {
      const child = this.newFrame(exec, scopeId, frame, index, exec.machine.scopes[scopeId].startAt, input, frame.prevEvent);
      frame.join!.children.push(child.id);
      this.host.enqueue(exec, child);
    });
  }

  private startMap(exec: Execution, frame: Frame, state: JsonObject, context: ContextFn): void {
    const effective = applyInputPath(state, frame.input, context);
    const items = typeof state.ItemsPath === 'string' ? requirePath(state.ItemsPath, effective, context, 'ItemsPath') : effective;
    if (!Array.isArray(items)) {
      throw runtimeError(`The Map state '${frame.state}' needs an array of items, not ${JSON.stringify(items)}`);
    }
    let maxConcurrency = typeof state.MaxConcurrency === 'number' ? state.MaxConcurrency : 0;
    if (typeof state.MaxConcurrencyPath === 'string') {
      const value = requirePath(state.MaxConcurrencyPath, effective, context, 'MaxConcurrencyPath');
      if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
        throw runtimeError(`MaxConcurrencyPath must select a non-negative integer, not ${JSON.stringify(value)}`);
      }
      maxConcurrency = value;
    }
    this.emit(exec, frame, 'MapStateStarted', { length: items.length });
    frame.join = {
      kind: 'map',
      results: items.map(() => null),
      remaining: items.length,
      children: [],
      items,
      effectiveInput: effective,
      next: 0,
      running: 0,
      maxConcurrency,
    };
    frame.phase = 'join';
    if (items.length === 0) this.joinSucceeded(exec, frame);
    else this.startMapItems(exec, frame);
  }

  private startMapItems(exec: Execution, parent: Frame): void {
    const join = parent.join!;
    const state = this.stateOf(exec, parent);
    const selector = state.ItemSelector ?? state.Parameters;
    const scopeId = exec.machine.scopes[parent.scope].children[parent.state][0];
    const items = join.items!;
    while (join.next! < items.length && (join.maxConcurrency === 0 || join.running! < join.maxConcurrency!)) {
      const index = join.next!++;
      join.running!++;
      const value = items[index];
      const input =
        selector === undefined
          ? value
          : applyTemplate(selector, join.effectiveInput ?? null, this.context(exec, parent, { Map: { Item: { Index: index, Value: value } } }));
      this.emit(exec, parent, 'MapIterationStarted', { name: parent.state, index });
      const child = this.newFrame(exec, scopeId, parent, index, exec.machine.scopes[scopeId].startAt, input, parent.prevEvent);
      join.children.push(child.id);
      this.host.enqueue(exec, child);
    }
  }

  // ---- leaving states --------------------------------------------------------------------------------------

  /** Records the state's exit and moves the frame to its next state, or ends the frame. */
  private exit(exec: Execution, frame: Frame, state: JsonObject, output: Json, next?: string): void {
    const json = JSON.stringify(output);
    const size = utf8Length(json);
    if (size > PAYLOAD_LIMIT_BYTES) throw dataLimit(`state output of '${frame.state}'`, size);
    this.emit(exec, frame, `${state.Type as string}StateExited`, { name: frame.state, output: json, outputDetails: NOT_TRUNCATED });
    frame.task = undefined;
    frame.join = undefined;
    frame.pendingOutput = undefined;
    frame.timer = undefined;
    const target = next ?? (state.Type === 'Succeed' || state.End === true ? undefined : (state.Next as string | undefined));
    if (target === undefined) {
      this.frameSucceeded(exec, frame, output, json);
      return;
    }
    frame.state = target;
    frame.input = output;
    frame.entered = false;
    frame.phase = 'ready';
  }

  private frameSucceeded(exec: Execution, frame: Frame, output: Json, json: string): void {
    exec.frames.delete(frame.id);
    if (frame.parent === undefined) {
      this.emit(exec, undefined, 'ExecutionSucceeded', { output: json, outputDetails: NOT_TRUNCATED });
      exec.output = json;
      this.finish(exec, 'SUCCEEDED');
      return;
    }
    const parent = exec.frames.get(frame.parent);
    const join = parent?.join;
    if (!parent || !join) return;
    join.results[frame.index!] = output;
    join.remaining--;
    join.children = join.children.filter((id) => id !== frame.id);
    parent.prevEvent = frame.prevEvent;
    if (join.kind === 'map') {
      this.emit(exec, parent, 'MapIterationSucceeded', { name: parent.state, index: frame.index });
      join.running!--;
      this.guard(exec, parent, () => this.startMapItems(exec, parent));
    }
    if (join.remaining === 0 && parent.join === join) this.joinSucceeded(exec, parent);
  }

  private joinSucceeded(exec: Execution, parent: Frame): void {
    this.guard(exec, parent, () => {
      const state = this.stateOf(exec, parent);
      const results = parent.join!.results;
      parent.join = undefined;
      this.emit(exec, parent, state.Type === 'Map' ? 'MapStateSucceeded' : 'ParallelStateSucceeded');
      this.exit(exec, parent, state, stateOutput(state, parent.input, results, this.context(exec, parent)));
    });
    if (parent.phase === 'ready' && exec.frames.get(parent.id) === parent) this.host.enqueue(exec, parent);
  }

  /** An error in a state: its Retriers, then its Catchers, else the frame (branch or execution) fails. */
  private stateFailed(exec: Execution, frame: Frame, error: StatesError): void {
    if (exec.status !== 'RUNNING') return;
    if (isTerminalError(error.error)) {
      this.failExecution(exec, error);
      return;
    }
    const state = this.stateOf(exec, frame);
    if (state.Type === 'Task' || state.Type === 'Parallel' || state.Type === 'Map') {
      const retriers = asRetriers(state.Retry);
      const index = findRetrier(retriers, error.error, error.alias);
      if (index >= 0) {
        const retrier = retriers![index];
        const attempts = frame.retries[index] ?? 0;
        if (canRetry(retrier, attempts)) {
          frame.retries[index] = attempts + 1;
          frame.retryCount++;
          frame.task = undefined;
          frame.join = undefined;
          frame.phase = 'retrying';
          frame.timer = this.host.addTimer(exec, frame.id, 'retry', this.host.now() + retryDelayMs(retrier, attempts));
          return;
        }
      }
      const catcher = findCatcher(asCatchers(state.Catch), error.error, error.alias);
      if (catcher) {
        try {
          const output = catcherOutput(catcher.ResultPath, frame.input, error.error, error.causeText);
          this.exit(exec, frame, state, output, catcher.Next);
        } catch (err) {
          this.frameFailed(exec, frame, toStatesError(err));
        }
        return;
      }
    }
    this.frameFailed(exec, frame, error);
  }

  private frameFailed(exec: Execution, frame: Frame, error: StatesError): void {
    if (isTerminalError(error.error) || frame.parent === undefined) {
      this.failExecution(exec, error);
      return;
    }
    this.abortFrame(exec, frame, false);
    const parent = exec.frames.get(frame.parent);
    const join = parent?.join;
    if (!parent || !join) return;
    parent.prevEvent = Math.max(parent.prevEvent, frame.prevEvent);
    if (join.kind === 'map') this.emit(exec, parent, 'MapIterationFailed', { name: parent.state, index: frame.index });
    for (const id of join.children) {
      const sibling = exec.frames.get(id);
      if (!sibling) continue;
      if (join.kind === 'map') this.emit(exec, parent, 'MapIterationAborted', { name: parent.state, index: sibling.index });
      this.abortFrame(exec, sibling, true);
    }
    parent.join = undefined;
    this.emit(exec, parent, join.kind === 'map' ? 'MapStateFailed' : 'ParallelStateFailed');
    this.stateFailed(exec, parent, error);
    if (parent.phase === 'ready' && exec.frames.get(parent.id) === parent) this.host.enqueue(exec, parent);
  }

  /** Removes a frame and its descendants, cancelling their timers and tokens. */
  private abortFrame(exec: Execution, frame: Frame, recordAbort: boolean): void {
    for (const id of frame.join?.children ?? []) {
      const child = exec.frames.get(id);
      if (child) this.abortFrame(exec, child, false);
    }
    if (recordAbort && frame.entered && frame.phase !== 'ready' && frame.phase !== 'join') {
      this.emit(exec, frame, `${this.stateOf(exec, frame).Type as string}StateAborted`);
    }
    this.endTask(exec, frame);
    this.host.cancelTimer(exec, frame.timer);
    exec.frames.delete(frame.id);
  }

  /** Fails the execution outright (engine errors, history limit). */
  fail(exec: Execution, error: StatesError): void {
    this.failExecution(exec, error);
  }

  private failExecution(exec: Execution, error: StatesError): void {
    if (exec.status !== 'RUNNING') return;
    this.emit(exec, undefined, 'ExecutionFailed', omitEmpty({ error: error.error, cause: error.causeText }));
    exec.error = error.error || undefined;
    exec.cause = error.causeText || undefined;
    this.finish(exec, 'FAILED');
  }

  private finish(exec: Execution, status: Execution['status']): void {
    exec.status = status;
    exec.stopMs = this.host.now();
    for (const frame of exec.frames.values()) this.endTask(exec, frame);
    for (const seq of [...exec.timers.keys()]) this.host.cancelTimer(exec, seq);
    exec.frames.clear();
    this.host.finished(exec);
  }

  private checkHistoryLimit(exec: Execution): void {
    if (exec.status === 'RUNNING' && exec.eventCount >= this.host.maxHistoryEvents - 1) {
      this.failExecution(
        exec,
        runtimeError(`The execution reached the maximum number of history events (${this.host.maxHistoryEvents}).`),
      );
    }
  }

  // ---- helpers -----------------------------------------------------------------------------------------------

  private afterExternal(exec: Execution, frame: Frame): void {
    this.checkHistoryLimit(exec);
    if (exec.status === 'RUNNING' && frame.phase === 'ready' && exec.frames.get(frame.id) === frame) this.host.enqueue(exec, frame);
  }

  private guard(exec: Execution, frame: Frame, fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.stateFailed(exec, frame, toStatesError(err));
    }
  }

  private endTask(exec: Execution, frame: Frame): void {
    const task = frame.task;
    if (!task) return;
    this.host.cancelTimer(exec, task.timeoutTimer);
    this.host.cancelTimer(exec, task.heartbeatTimer);
    if (task.token) this.host.closeToken(exec, task.token);
    frame.task = undefined;
  }

  private resourceOf(kind: TaskKind): { resourceType: string; resource: string } {
    return { resourceType: 'lambda', resource: kind === 'callback' ? 'invoke.waitForTaskToken' : 'invoke' };
  }

  stateOf(exec: Execution, frame: Frame): JsonObject {
    const state = exec.machine.scopes[frame.scope].states[frame.state];
    if (!state) throw runtimeError(`The state '${frame.state}' does not exist`);
    return state;
  }

  private newFrame(exec: Execution, scope: number, parent: Frame | undefined, index: number | undefined, state: string, input: Json, prevEvent: number): Frame {
    const frame: Frame = {
      id: exec.nextFrame++,
      scope,
      parent: parent?.id,
      index,
      state,
      input,
      entered: false,
      enteredMs: 0,
      retries: {},
      retryCount: 0,
      phase: 'ready',
      prevEvent,
    };
    exec.frames.set(frame.id, frame);
    return frame;
  }

  private emit(exec: Execution, frame: Frame | undefined, type: string, details?: EventDetails): number {
    const id = ++exec.eventCount;
    const previous = frame ? frame.prevEvent : exec.lastEvent;
    exec.pendingEvents.push({ id, body: eventBody(type, id, previous, this.host.now(), details) });
    if (frame) frame.prevEvent = id;
    exec.lastEvent = id;
    return id;
  }

  private executionInput(exec: Execution): Json {
    if (exec.inputValue === undefined) exec.inputValue = JSON.parse(exec.input) as Json;
    return exec.inputValue;
  }

  private context(exec: Execution, frame: Frame, extra?: JsonObject): ContextFn {
    let built: Json | undefined;
    return () =>
      (built ??= {
        Execution: {
          Id: exec.arn,
          Input: this.executionInput(exec),
          Name: exec.name,
          RoleArn: exec.roleArn,
          StartTime: iso(exec.startMs),
          RedriveCount: 0,
        },
        State: { EnteredTime: iso(frame.enteredMs || this.host.now()), Name: frame.state, RetryCount: frame.retryCount },
        StateMachine: { Id: exec.smArn, Name: exec.smName },
        ...extra,
      });
  }
}

function omitEmpty(fields: Record<string, string | undefined>): EventDetails {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined && v !== ''));
}

function omitUndefined(fields: Record<string, unknown>): EventDetails {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
