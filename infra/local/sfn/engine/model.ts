import type { Machine } from '../asl/definition';
import type { Json } from '../asl/json';

/**
 * The runtime of an execution, as persisted after every tick: where each thread (the main one, Parallel
 * branches, Map iterations) stands, its data, its pending task or timer, its retry counters.
 */
export type Phase =
  | 'ready' // about to run its current state (entered=false: not yet entered)
  | 'running' // a Lambda call is in flight
  | 'callback' // waiting for SendTaskSuccess/Failure with the task token
  | 'waiting' // a Wait state's timer
  | 'retrying' // a Retrier's interval
  | 'join'; // a Parallel or Map state waiting for its children

export type TaskKind = 'invoke' | 'callback' | 'function';

export interface TaskRun {
  kind: TaskKind;
  /** Increases with every scheduling of the task; a late result of an earlier attempt is ignored. */
  attempt: number;
  functionName: string;
  payloadJson: string;
  token?: string;
  /** Callback tasks: the Lambda that received the token has returned. */
  submitted?: boolean;
  timeoutSeconds?: number;
  heartbeatSeconds?: number;
  timeoutTimer?: number;
  heartbeatTimer?: number;
}

export interface JoinState {
  kind: 'parallel' | 'map';
  results: Json[];
  remaining: number;
  /** Live child frame ids. */
  children: number[];
  /** Map only. */
  items?: Json[];
  effectiveInput?: Json;
  next?: number;
  running?: number;
  maxConcurrency?: number;
}

export interface Frame {
  id: number;
  scope: number;
  parent?: number;
  index?: number;
  state: string;
  input: Json;
  entered: boolean;
  enteredMs: number;
  /** Per-Retrier attempts for the current state entry, and their total ($$.State.RetryCount). */
  retries: Record<string, number>;
  retryCount: number;
  phase: Phase;
  prevEvent: number;
  task?: TaskRun;
  /** Counts schedulings of Task states in this frame, so a late Lambda answer can be recognised. */
  taskAttempt?: number;
  join?: JoinState;
  /** Wait: the output the state will leave with; its timer. Retry: the timer. */
  pendingOutput?: Json;
  timer?: number;
}

export type TimerKind = 'wait' | 'retry' | 'timeout' | 'heartbeat' | 'execution';

export interface TimerEntry {
  seq: number;
  due: number;
  exec: number;
  frame: number;
  kind: TimerKind;
}

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface PendingEvent {
  id: number;
  body: string;
}

export interface Execution {
  seq: number;
  arn: string;
  name: string;
  smId: number;
  smArn: string;
  smName: string;
  roleArn: string;
  defId: number;
  machine: Machine;
  status: ExecutionStatus;
  input: string;
  inputValue?: Json;
  output?: string;
  error?: string;
  cause?: string;
  startMs: number;
  stopMs?: number;
  traceHeader?: string;
  frames: Map<number, Frame>;
  nextFrame: number;
  eventCount: number;
  lastEvent: number;
  timers: Map<number, TimerEntry>;
  /** Unflushed history and token changes; `fresh` = not yet inserted. */
  pendingEvents: PendingEvent[];
  tokenWrites: Array<{ token: string; open: boolean }>;
  fresh: boolean;
  dirty: boolean;
}

interface PersistedRuntime {
  frames: Frame[];
  nextFrame: number;
  eventCount: number;
  lastEvent: number;
  timers: TimerEntry[];
}

/** The runtime of an execution before its first step (or before `restoreRuntime`): nothing run, nothing unflushed. */
export function emptyRuntime(): Pick<Execution, 'frames' | 'nextFrame' | 'eventCount' | 'lastEvent' | 'timers' | 'pendingEvents' | 'tokenWrites' | 'dirty'> {
  return { frames: new Map(), nextFrame: 0, eventCount: 0, lastEvent: 0, timers: new Map(), pendingEvents: [], tokenWrites: [], dirty: false };
}

export function serializeRuntime(exec: Execution): string | null {
  if (exec.status !== 'RUNNING') return null;
  const runtime: PersistedRuntime = {
    frames: [...exec.frames.values()],
    nextFrame: exec.nextFrame,
    eventCount: exec.eventCount,
    lastEvent: exec.lastEvent,
    timers: [...exec.timers.values()],
  };
  return JSON.stringify(runtime);
}

export function restoreRuntime(exec: Execution, text: string): void {
  const runtime = JSON.parse(text) as PersistedRuntime;
  exec.frames = new Map(runtime.frames.map((f) => [f.id, f]));
  exec.nextFrame = runtime.nextFrame;
  exec.eventCount = runtime.eventCount;
  exec.lastEvent = runtime.lastEvent;
  exec.timers = new Map(runtime.timers.map((t) => [t.seq, t]));
}
