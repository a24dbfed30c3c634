import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { runtimeError } from '../asl/errors';
import type { EngineClock, LocalLambda } from '../types';
import { executionArn, parseExecutionArn, stateMachineArn, type Place } from './arns';
import { Interpreter, type Host } from './interpreter';
import { invokeLambda, lambdaError, type InvocationOutcome } from './lambda';
import { emptyRuntime, restoreRuntime, serializeRuntime, type Execution, type Frame, type TimerEntry, type TimerKind } from './model';
import { StateMachines, type StateMachineRecord } from './stateMachines';
import type { ExecutionRow, Store, StoredEvent } from './store';
import { TimerQueue } from './timerQueue';

/**
 * The executor: a run queue of ready frames and Lambda answers, timers in the store driven by the clock, and
 * group commit. A tick runs queued work (bounded in time), then writes every execution it changed, with its
 * new history, in one transaction. Commits happen when someone waits for one (API calls answer only once their
 * effect is stored), before a callback task hands out its token, when the engine falls quiet, and at least
 * every few milliseconds while Lambdas are running.
 */
export interface EngineConfig {
  store: Store;
  clock: EngineClock;
  place: Place;
  resolveLambda(functionArnOrName: string): LocalLambda | undefined;
  maxHistoryEvents: number;
}

type Work =
  | { kind: 'run'; exec: number; frame: number }
  | { kind: 'outcome'; exec: number; frame: number; attempt: number; outcome: InvocationOutcome };

/** What DescribeExecution needs, from memory or from the store. */
export interface ExecutionView {
  seq: number;
  arn: string;
  smId: number;
  name: string;
  status: string;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startMs: number;
  stopMs?: number;
  traceHeader?: string;
}

export type TokenLookup = { kind: 'open'; exec: Execution; frame: Frame } | { kind: 'closed' } | { kind: 'unknown' };

const TICK_BUDGET_MS = 25;
const COMMIT_INTERVAL_MS = 10;
/** Real-clock timers sleep at most this long before looking again (setTimeout cannot sleep for 300 days). */
const MAX_SLEEP_MS = 3_600_000;
const DEFAULT_LAMBDA_BUDGET_MS = 900_000;
const CHECKPOINT_DELAY_MS = 250;

export class Engine implements Host {
  readonly machines: StateMachines;
  readonly region: string;
  readonly maxHistoryEvents: number;
  private readonly store: Store;
  private readonly clock: EngineClock;
  private readonly place: Place;
  private readonly resolveLambda: (name: string) => LocalLambda | undefined;
  private readonly interpreter: Interpreter;

  private readonly executions = new Map<number, Execution>();
  private readonly byArn = new Map<string, Execution>();
  private readonly tokens = new Map<string, { exec: number; frame: number; open: boolean }>();
  private readonly execTokens = new Map<number, string[]>();
  private readonly timers = new TimerQueue<TimerEntry>();
  private readonly dirty = new Set<Execution>();
  private queue: Work[] = [];
  private queueHead = 0;
  private readonly queued = new Set<string>();
  private effects: Array<{ exec: number; frame: number; attempt: number }> = [];
  private effectsNeedCommit = false;
  private commitWaiters: Array<() => void> = [];
  private idleWaiters: Array<() => void> = [];
  private nextSeq: number;
  private nextTimerSeq = 1;
  private inflightLambdas = 0;
  private inflightRequests = 0;
  private tickScheduled = false;
  private lastCommit = 0;
  private wake?: NodeJS.Timeout;
  private wakeDue?: number;
  private flushTimer?: NodeJS.Timeout;
  private checkpointTimer?: NodeJS.Timeout;
  private uncheckpointed = 0;
  private commitFailures = 0;
  private closed = false;
  private readonly tickFn = () => this.tick();

  constructor(config: EngineConfig) {
    this.store = config.store;
    this.clock = config.clock;
    this.place = config.place;
    this.region = config.place.region;
    this.resolveLambda = config.resolveLambda;
    this.maxHistoryEvents = config.maxHistoryEvents;
    this.machines = new StateMachines(this.store);
    this.interpreter = new Interpreter(this);
    this.nextSeq = this.store.maxExecutionSeq() + 1;
    this.recover();
  }

  get virtual(): boolean {
    return typeof this.clock.set === 'function';
  }

  // ---- Host ----------------------------------------------------------------------------------------------

  now(): number {
    return this.clock.now().getTime();
  }

  touch(exec: Execution): void {
    if (!exec.dirty) {
      exec.dirty = true;
      this.dirty.add(exec);
    }
  }

  addTimer(exec: Execution, frame: number, kind: TimerKind, due: number): number {
    const timer: TimerEntry = { seq: this.nextTimerSeq++, due, exec: exec.seq, frame, kind };
    exec.timers.set(timer.seq, timer);
    this.timers.add(timer);
    this.touch(exec);
    return timer.seq;
  }

  cancelTimer(exec: Execution, seq: number | undefined): void {
    if (seq === undefined) return;
    exec.timers.delete(seq);
    this.timers.cancel(seq);
    this.touch(exec);
  }

  /** 256 random bits: unguessable, and valid exactly while its task waits. */
  newToken(): string {
    return randomBytes(32).toString('base64url');
  }

  openToken(exec: Execution, frame: Frame, token: string): void {
    this.tokens.set(token, { exec: exec.seq, frame: frame.id, open: true });
    let list = this.execTokens.get(exec.seq);
    if (!list) this.execTokens.set(exec.seq, (list = []));
    list.push(token);
    exec.tokenWrites.push({ token, open: true });
    this.touch(exec);
  }

  closeToken(exec: Execution, token: string): void {
    const entry = this.tokens.get(token);
    if (entry?.open) {
      entry.open = false;
      exec.tokenWrites.push({ token, open: false });
      this.touch(exec);
    }
  }

  launch(exec: Execution, frame: Frame): void {
    const task = frame.task!;
    this.effects.push({ exec: exec.seq, frame: frame.id, attempt: task.attempt });
    if (task.kind === 'callback') this.effectsNeedCommit = true;
    this.schedule();
  }

  enqueue(exec: Execution, frame: Frame): void {
    const key = `${exec.seq}:${frame.id}`;
    if (this.queued.has(key)) return;
    this.queued.add(key);
    this.queue.push({ kind: 'run', exec: exec.seq, frame: frame.id });
    this.schedule();
  }

  finished(exec: Execution): void {
    this.touch(exec);
  }

  // ---- executions ------------------------------------------------------------------------------------------

  startExecution(machine: StateMachineRecord, name: string, input: string, traceHeader?: string): Execution {
    const exec: Execution = {
      seq: this.nextSeq++,
      arn: executionArn(this.place, machine.name, name),
      name,
      smId: machine.id,
      smArn: machine.arn,
      smName: machine.name,
      roleArn: machine.role_arn,
      defId: machine.def_id,
      machine: this.machines.machine(machine.def_id),
      status: 'RUNNING',
      input,
      startMs: this.now(),
      traceHeader,
      ...emptyRuntime(),
      fresh: true,
    };
    this.register(exec);
    this.interpreter.start(exec);
    return exec;
  }

  /** The live execution with this ARN, if it is in memory (running, or finished and not yet stored). */
  liveExecution(arn: string): Execution | undefined {
    return this.byArn.get(arn);
  }

  findExecution(arn: string): ExecutionView | undefined {
    const live = this.byArn.get(arn);
    if (live) return live;
    const row = this.store.executionByArn(arn);
    return row ? viewOf(row) : undefined;
  }

  listExecutions(smId: number, status: string | undefined, beforeSeq: number, limit: number): ExecutionView[] {
    this.commitNow();
    return this.store.listExecutions(smId, status, beforeSeq, limit).map((row) => ({
      seq: row.seq,
      arn: row.arn,
      smId: row.sm_id,
      name: row.name,
      status: row.status,
      input: '',
      startMs: row.start_ms,
      stopMs: row.stop_ms ?? undefined,
    }));
  }

  history(execSeq: number, afterId: number, limit: number, reverse: boolean): StoredEvent[] {
    this.commitNow();
    return this.store.events(execSeq, afterId, limit, reverse);
  }

  hasRunningExecutions(smId: number): boolean {
    for (const exec of this.executions.values()) if (exec.smId === smId && exec.status === 'RUNNING') return true;
    return false;
  }

  stopExecution(exec: Execution, error: string | undefined, cause: string | undefined): void {
    this.interpreter.stop(exec, error, cause);
    this.schedule();
  }

  lookupToken(token: string): TokenLookup {
    const entry = this.tokens.get(token);
    if (entry) {
      const exec = this.executions.get(entry.exec);
      const frame = exec?.frames.get(entry.frame);
      if (!entry.open || !exec || exec.status !== 'RUNNING' || !frame || frame.task?.token !== token || frame.phase !== 'callback') {
        return { kind: 'closed' };
      }
      return { kind: 'open', exec, frame };
    }
    return this.store.token(token) ? { kind: 'closed' } : { kind: 'unknown' };
  }

  completeTask(exec: Execution, frame: Frame, outcome: { ok: true; outputJson: string } | { ok: false; error?: string; cause?: string }): void {
    this.interpreter.completeCallback(exec, frame, outcome);
    this.schedule();
  }

  heartbeat(exec: Execution, frame: Frame): void {
    this.interpreter.heartbeat(exec, frame);
    this.schedule();
  }

  // ---- durability and idleness -------------------------------------------------------------------------

  /** Resolves once everything changed so far is in the store. */
  durable(): Promise<void> {
    if (this.dirty.size === 0 || this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.commitWaiters.push(resolve);
      this.schedule();
    });
  }

  beginRequest(): void {
    this.inflightRequests++;
  }

  endRequest(): void {
    this.inflightRequests--;
    this.schedule();
  }

  waitForIdle(): Promise<void> {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.idleWaiters.push(resolve);
      this.schedule();
    });
  }

  /** Virtual clock: fires due timers in time order, each at its own instant, then settles at `instant`. */
  async advanceTo(instant: Date): Promise<void> {
    const set = this.clock.set?.bind(this.clock);
    if (!set) throw new Error('advanceTo needs a virtual clock (one with set)');
    const target = instant.getTime();
    await this.waitForIdle();
    for (;;) {
      if (this.closed) return;
      const next = this.timers.peek();
      if (!next || next.due > target) break;
      if (next.due > this.now()) set(new Date(next.due));
      await this.waitForIdle();
    }
    if (target > this.now()) set(instant);
    await this.waitForIdle();
  }

  close(): void {
    if (this.closed) return;
    this.commitNow();
    this.closed = true;
    clearTimeout(this.wake);
    clearTimeout(this.flushTimer);
    clearTimeout(this.checkpointTimer);
    this.timers.clear();
    for (const resolve of [...this.commitWaiters, ...this.idleWaiters]) resolve();
    this.commitWaiters = [];
    this.idleWaiters = [];
  }

  // ---- the tick ------------------------------------------------------------------------------------------

  private schedule(): void {
    if (!this.tickScheduled && !this.closed) {
      this.tickScheduled = true;
      setImmediate(this.tickFn);
    }
  }

  private tick(): void {
    this.tickScheduled = false;
    if (this.closed) return;
    const started = performance.now();
    this.fireDueTimers();
    let processed = 0;
    while (this.queueHead < this.queue.length) {
      const work = this.queue[this.queueHead++];
      this.process(work);
      if ((++processed & 63) === 0 && performance.now() - started > TICK_BUDGET_MS) break;
    }
    if (this.queueHead > 1024 && this.queueHead * 2 > this.queue.length) {
      this.queue = this.queue.slice(this.queueHead);
      this.queueHead = 0;
    }
    const pending = this.queueHead < this.queue.length;
    const quiet = !pending && this.inflightLambdas === 0 && this.effects.length === 0;
    if (
      this.dirty.size > 0 &&
      (this.commitWaiters.length > 0 || this.effectsNeedCommit || quiet || performance.now() - this.lastCommit >= COMMIT_INTERVAL_MS)
    ) {
      this.tryCommit();
    }
    if (this.dirty.size === 0) this.releaseCommitWaiters();
    // Effects that need their state stored first wait while the store refuses writes.
    if (!this.effectsNeedCommit || this.dirty.size === 0) this.launchEffects();
    if (pending || this.hasDueTimer()) this.schedule();
    else if (this.dirty.size > 0) this.armFlush();
    this.armWake();
    this.checkIdle();
    if (!pending) this.armCheckpoint();
  }

  private process(work: Work): void {
    if (work.kind === 'run') this.queued.delete(`${work.exec}:${work.frame}`);
    const exec = this.executions.get(work.exec);
    if (!exec || exec.status !== 'RUNNING') return;
    try {
      if (work.kind === 'run') {
        const frame = exec.frames.get(work.frame);
        if (frame?.phase === 'ready') this.interpreter.run(exec, frame);
      } else {
        this.interpreter.onTaskOutcome(exec, work.frame, work.attempt, work.outcome);
      }
    } catch (err) {
      this.crashed(exec, err);
    }
  }

  private fireDueTimers(): void {
    const now = this.now();
    for (let timer = this.timers.popDue(now); timer; timer = this.timers.popDue(now)) {
      const exec = this.executions.get(timer.exec);
      if (!exec || !exec.timers.has(timer.seq)) continue;
      exec.timers.delete(timer.seq);
      this.touch(exec);
      try {
        this.interpreter.onTimer(exec, timer);
      } catch (err) {
        this.crashed(exec, err);
      }
    }
  }

  /** A bug in the engine fails the one execution it hit, never the process. */
  private crashed(exec: Execution, err: unknown): void {
    console.error(`Step Functions engine: internal error in ${exec.arn}:`, err);
    try {
      this.interpreter.fail(exec, runtimeError(`Internal error of the local engine: ${(err as Error)?.message ?? String(err)}`));
    } catch (again) {
      console.error(`Step Functions engine: could not fail ${exec.arn}:`, again);
    }
  }

  private hasDueTimer(): boolean {
    const top = this.timers.peek();
    return top !== undefined && top.due <= this.now();
  }

  private commitNow(): void {
    if (this.dirty.size > 0 && !this.closed) this.commit();
  }

  /** A store that refuses a write (disk full, say) must not stop the process: the batch stays dirty and is retried. */
  private tryCommit(): void {
    try {
      this.commit();
      this.commitFailures = 0;
    } catch (err) {
      if (this.commitFailures++ === 0) console.error('Step Functions engine: could not store the latest changes, retrying:', err);
    }
  }

  private commit(): void {
    const batch = [...this.dirty];
    this.store.transaction(() => {
      for (const exec of batch) {
        const runtime = serializeRuntime(exec);
        const row = {
          seq: exec.seq,
          status: exec.status,
          output: exec.output ?? null,
          error: exec.error ?? null,
          cause: exec.cause ?? null,
          stop_ms: exec.stopMs ?? null,
          runtime,
        };
        if (exec.fresh) {
          this.store.insertExecution({
            ...row,
            arn: exec.arn,
            sm_id: exec.smId,
            name: exec.name,
            input: exec.input,
            start_ms: exec.startMs,
            def_id: exec.defId,
            trace_header: exec.traceHeader ?? null,
          });
        } else {
          this.store.updateExecution(row);
        }
        this.store.insertEvents(exec.seq, exec.pendingEvents);
        for (const write of exec.tokenWrites) {
          if (write.open) this.store.insertToken(write.token, exec.seq);
          else this.store.closeToken(write.token);
        }
      }
    });
    this.dirty.clear();
    for (const exec of batch) {
      exec.fresh = false;
      exec.dirty = false;
      exec.pendingEvents = [];
      exec.tokenWrites = [];
      if (exec.status !== 'RUNNING') this.evict(exec);
    }
    this.lastCommit = performance.now();
    this.uncheckpointed++;
    this.releaseCommitWaiters();
  }

  /** Once the engine has been quiet for a moment, fold the WAL into the database (off the hot path). */
  private armCheckpoint(): void {
    if (this.uncheckpointed === 0 || this.checkpointTimer) return;
    this.checkpointTimer = setTimeout(() => {
      this.checkpointTimer = undefined;
      if (this.closed) return;
      if (!this.isIdle()) {
        this.armCheckpoint();
        return;
      }
      this.uncheckpointed = 0;
      this.store.checkpoint();
    }, CHECKPOINT_DELAY_MS);
    this.checkpointTimer.unref();
  }

  private evict(exec: Execution): void {
    this.executions.delete(exec.seq);
    this.byArn.delete(exec.arn);
    for (const token of this.execTokens.get(exec.seq) ?? []) this.tokens.delete(token);
    this.execTokens.delete(exec.seq);
    const machine = this.machines.getById(exec.smId);
    if (machine?.status === 'DELETING' && !this.hasRunningExecutions(machine.id)) this.machines.delete(machine);
  }

  private releaseCommitWaiters(): void {
    if (this.commitWaiters.length === 0) return;
    const waiters = this.commitWaiters;
    this.commitWaiters = [];
    for (const resolve of waiters) resolve();
  }

  private launchEffects(): void {
    if (this.effects.length === 0) return;
    const effects = this.effects;
    this.effects = [];
    this.effectsNeedCommit = false;
    for (const effect of effects) {
      const exec = this.executions.get(effect.exec);
      const task = exec?.frames.get(effect.frame)?.task;
      if (!exec || exec.status !== 'RUNNING' || !task || task.attempt !== effect.attempt) continue;
      this.inflightLambdas++;
      const budget = task.kind !== 'callback' && task.timeoutSeconds ? task.timeoutSeconds * 1000 : DEFAULT_LAMBDA_BUDGET_MS;
      invokeLambda(this.resolveLambda, this.place, { functionName: task.functionName, payloadJson: task.payloadJson, timeoutMs: budget })
        .catch((err: unknown): InvocationOutcome => ({ ok: false, ...lambdaError(err) }))
        .then((outcome) => {
          this.inflightLambdas--;
          if (this.closed) return;
          this.queue.push({ kind: 'outcome', exec: effect.exec, frame: effect.frame, attempt: effect.attempt, outcome });
          this.schedule();
        });
    }
  }

  private armFlush(): void {
    if (this.flushTimer) return;
    this.flushTimer = setTimeout(() => {
      this.flushTimer = undefined;
      this.schedule();
    }, COMMIT_INTERVAL_MS);
    this.flushTimer.unref();
  }

  /** Real clock only: sleep until the next timer (at most an hour at a time). */
  private armWake(): void {
    if (this.virtual) return;
    const top = this.timers.peek();
    if (!top) {
      clearTimeout(this.wake);
      this.wake = undefined;
      this.wakeDue = undefined;
      return;
    }
    if (this.wake && this.wakeDue === top.due) return;
    clearTimeout(this.wake);
    this.wakeDue = top.due;
    const delay = Math.max(0, Math.min(top.due - this.now(), MAX_SLEEP_MS));
    this.wake = setTimeout(() => {
      this.wake = undefined;
      this.wakeDue = undefined;
      this.schedule();
    }, delay);
    this.wake.unref();
  }

  private isIdle(): boolean {
    return (
      this.queueHead >= this.queue.length &&
      this.inflightLambdas === 0 &&
      this.inflightRequests === 0 &&
      this.effects.length === 0 &&
      this.dirty.size === 0 &&
      !this.hasDueTimer()
    );
  }

  private checkIdle(): void {
    if (this.idleWaiters.length === 0 || !this.isIdle()) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const resolve of waiters) resolve();
  }

  // ---- recovery --------------------------------------------------------------------------------------------

  private register(exec: Execution): void {
    this.executions.set(exec.seq, exec);
    this.byArn.set(exec.arn, exec);
  }

  /** Picks every running execution up from its last stored state. */
  private recover(): void {
    for (const row of this.store.runningExecutions()) {
      if (!row.runtime) continue;
      const machine = this.machines.getById(row.sm_id);
      const smName = parseExecutionArn(row.arn)?.stateMachineName ?? machine?.name ?? '';
      const exec: Execution = {
        seq: row.seq,
        arn: row.arn,
        name: row.name,
        smId: row.sm_id,
        smArn: machine?.arn ?? stateMachineArn(this.place, smName),
        smName,
        roleArn: machine?.role_arn ?? '',
        defId: row.def_id,
        machine: this.machines.machine(row.def_id),
        status: 'RUNNING',
        input: row.input,
        startMs: row.start_ms,
        traceHeader: row.trace_header ?? undefined,
        ...emptyRuntime(),
        fresh: false,
      };
      restoreRuntime(exec, row.runtime);
      this.register(exec);
      for (const timer of exec.timers.values()) {
        this.timers.add(timer);
        this.nextTimerSeq = Math.max(this.nextTimerSeq, timer.seq + 1);
      }
      for (const frame of exec.frames.values()) {
        const task = frame.task;
        if (frame.phase === 'ready') this.enqueue(exec, frame);
        if (task?.token) {
          this.tokens.set(task.token, { exec: exec.seq, frame: frame.id, open: true });
          this.execTokens.set(exec.seq, [...(this.execTokens.get(exec.seq) ?? []), task.token]);
        }
        // A Lambda call that was in flight when the process stopped is made again (at-least-once, as on AWS).
        if (task && (frame.phase === 'running' || (frame.phase === 'callback' && !task.submitted))) {
          this.effects.push({ exec: exec.seq, frame: frame.id, attempt: task.attempt });
        }
      }
    }
    if (this.effects.length > 0 || this.timers.size > 0) this.schedule();
  }
}

function viewOf(row: ExecutionRow): ExecutionView {
  return {
    seq: row.seq,
    arn: row.arn,
    smId: row.sm_id,
    name: row.name,
    status: row.status,
    input: row.input,
    output: row.output ?? undefined,
    error: row.error ?? undefined,
    cause: row.cause ?? undefined,
    startMs: row.start_ms,
    stopMs: row.stop_ms ?? undefined,
    traceHeader: row.trace_header ?? undefined,
  };
}
