import type {
  CreateStateMachineOutput,
  DeleteStateMachineOutput,
  DescribeExecutionOutput,
  DescribeStateMachineForExecutionOutput,
  DescribeStateMachineOutput,
  GetExecutionHistoryOutput,
  HistoryEvent,
  ListExecutionsOutput,
  ListStateMachinesOutput,
  SendTaskFailureOutput,
  SendTaskHeartbeatOutput,
  SendTaskSuccessOutput,
  StartExecutionOutput,
  StopExecutionOutput,
  UpdateStateMachineOutput,
} from '@aws-sdk/client-sfn';
import { randomUUID } from 'node:crypto';
import { validateDefinition } from '../asl/definition';
import { PAYLOAD_LIMIT_BYTES } from '../asl/json';
import { ROLE_ARN, executionArn, isValidResourceName, parseExecutionArn, parseStateMachineArn, stateMachineArn, type Place } from '../engine/arns';
import type { Engine, ExecutionView } from '../engine/engine';
import { readEvent } from '../engine/history';
import type { StateMachineRecord } from '../engine/stateMachines';
import { SfnApiError, apiErrors, validationFromZod } from './errors';
import { schemas, type ActionInput, type ActionName } from './schemas';

/**
 * The Step Functions API actions, in-process. Inputs and outputs have the shapes of @aws-sdk/client-sfn's
 * commands (dates as Date); the HTTP server only decodes requests and encodes these answers. Every action
 * that changes something answers once the change is in the store.
 */
/** SDK output types with the members this engine always fills made non-optional. */
type Sure<T, K extends keyof T> = T & { [P in K]-?: NonNullable<T[P]> };

const DEFAULT_PAGE = 100;
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
const DEFAULT_LOGGING = { level: 'OFF', includeExecutionData: false } as const;

function parse<A extends ActionName>(action: A, input: unknown): ActionInput<A> {
  const result = schemas[action].safeParse(input ?? {});
  if (!result.success) throw validationFromZod(result.error, input);
  return result.data as ActionInput<A>;
}

function payloadTooLarge(field: string): SfnApiError {
  return apiErrors.validation([`Value at '${field}' failed to satisfy constraint: Member must have length less than or equal to ${PAYLOAD_LIMIT_BYTES}`]);
}

function checkPayload(text: string, field: string): void {
  if (text.length > PAYLOAD_LIMIT_BYTES / 3 && Buffer.byteLength(text, 'utf8') > PAYLOAD_LIMIT_BYTES) throw payloadTooLarge(field);
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

function pageToken(position: number): string {
  return Buffer.from(JSON.stringify({ p: position })).toString('base64url');
}

function readPageToken(token: string | undefined, fallback: number): number {
  if (token === undefined) return fallback;
  try {
    const { p } = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as { p: unknown };
    if (typeof p === 'number' && Number.isInteger(p)) return p;
  } catch {
    // fall through
  }
  throw apiErrors.invalidToken(token);
}

function pageSize(maxResults: number | undefined): number {
  return maxResults ? maxResults : DEFAULT_PAGE;
}

export class StepFunctionsApi {
  constructor(
    private readonly engine: Engine,
    private readonly place: Place,
  ) {}

  // ---- state machines ----------------------------------------------------------------------------------

  async createStateMachine(raw: unknown): Promise<Sure<CreateStateMachineOutput, 'stateMachineArn' | 'creationDate'>> {
    const input = parse('CreateStateMachine', raw);
    if (!isValidResourceName(input.name)) throw apiErrors.invalidName(input.name);
    if (!ROLE_ARN.test(input.roleArn)) throw apiErrors.invalidArn(input.roleArn);
    const type = input.type ?? 'STANDARD';
    if (type !== 'STANDARD') throw apiErrors.typeNotSupported(type);
    const validation = validateDefinition(input.definition);
    if (!validation.ok) throw apiErrors.invalidDefinition(validation.message);
    const arn = stateMachineArn(this.place, input.name);
    const config = {
      loggingConfiguration: input.loggingConfiguration ?? DEFAULT_LOGGING,
      tracingConfiguration: input.tracingConfiguration ?? { enabled: false },
    };
    const existing = this.engine.machines.get(arn);
    if (existing) {
      if (existing.status === 'DELETING') throw apiErrors.stateMachineDeleting(arn);
      // Idempotent as on AWS: same name, definition, type, logging and tracing return the existing machine.
      const same =
        this.engine.machines.definition(existing.def_id) === input.definition &&
        existing.type === type &&
        JSON.stringify(existing.config.loggingConfiguration) === JSON.stringify(config.loggingConfiguration) &&
        JSON.stringify(existing.config.tracingConfiguration) === JSON.stringify(config.tracingConfiguration);
      if (!same) throw apiErrors.stateMachineAlreadyExists(arn);
      return { stateMachineArn: arn, creationDate: new Date(existing.created_ms) };
    }
    const created = this.engine.machines.create(
      {
        arn,
        name: input.name,
        type,
        role_arn: input.roleArn,
        created_ms: this.engine.now(),
        updated_ms: null,
        revision_id: null,
        config,
        status: 'ACTIVE',
      },
      input.definition,
    );
    return { stateMachineArn: created.arn, creationDate: new Date(created.created_ms) };
  }

  async describeStateMachine(raw: unknown): Promise<Sure<DescribeStateMachineOutput, 'stateMachineArn' | 'name' | 'definition' | 'roleArn' | 'type' | 'creationDate'>> {
    const input = parse('DescribeStateMachine', raw);
    const machine = this.machine(input.stateMachineArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      status: machine.status as DescribeStateMachineOutput['status'],
      definition: this.engine.machines.definition(machine.def_id),
      roleArn: machine.role_arn,
      type: machine.type as 'STANDARD',
      creationDate: new Date(machine.created_ms),
      loggingConfiguration: machine.config.loggingConfiguration as DescribeStateMachineOutput['loggingConfiguration'],
      tracingConfiguration: machine.config.tracingConfiguration as DescribeStateMachineOutput['tracingConfiguration'],
      ...(machine.revision_id ? { revisionId: machine.revision_id } : {}),
    };
  }

  async listStateMachines(raw: unknown): Promise<Sure<ListStateMachinesOutput, 'stateMachines'>> {
    const input = parse('ListStateMachines', raw);
    const after = readPageToken(input.nextToken, 0);
    const size = pageSize(input.maxResults);
    const machines = this.engine.machines.list().filter((m) => m.id > after);
    const page = machines.slice(0, size);
    return {
      stateMachines: page.map((m) => ({
        stateMachineArn: m.arn,
        name: m.name,
        type: m.type as 'STANDARD',
        creationDate: new Date(m.created_ms),
      })),
      ...(machines.length > size ? { nextToken: pageToken(page[page.length - 1].id) } : {}),
    };
  }

  async updateStateMachine(raw: unknown): Promise<Sure<UpdateStateMachineOutput, 'updateDate'>> {
    const input = parse('UpdateStateMachine', raw);
    const machine = this.machine(input.stateMachineArn);
    if (machine.status === 'DELETING') throw apiErrors.stateMachineDeleting(machine.arn);
    if (input.definition === undefined && input.roleArn === undefined && !input.loggingConfiguration && !input.tracingConfiguration) {
      throw apiErrors.missingRequiredParameter(
        'Either the definition, the role ARN, the LoggingConfiguration, or the TracingConfiguration must be specified',
      );
    }
    if (input.roleArn !== undefined && !ROLE_ARN.test(input.roleArn)) throw apiErrors.invalidArn(input.roleArn);
    if (input.definition !== undefined) {
      const validation = validateDefinition(input.definition);
      if (!validation.ok) throw apiErrors.invalidDefinition(validation.message);
    }
    const updated = this.engine.machines.update(
      {
        ...machine,
        role_arn: input.roleArn ?? machine.role_arn,
        updated_ms: this.engine.now(),
        revision_id: randomUUID(),
        config: {
          ...machine.config,
          ...(input.loggingConfiguration ? { loggingConfiguration: input.loggingConfiguration } : {}),
          ...(input.tracingConfiguration ? { tracingConfiguration: input.tracingConfiguration } : {}),
        },
      },
      input.definition,
    );
    return { updateDate: new Date(updated.updated_ms!), revisionId: updated.revision_id! };
  }

  async deleteStateMachine(raw: unknown): Promise<DeleteStateMachineOutput> {
    const input = parse('DeleteStateMachine', raw);
    if (!parseStateMachineArn(input.stateMachineArn)) throw apiErrors.invalidArn(input.stateMachineArn);
    const machine = this.engine.machines.get(input.stateMachineArn);
    if (!machine) return {};
    // Running executions finish first (as on AWS); the machine is DELETING meanwhile.
    if (this.engine.hasRunningExecutions(machine.id)) this.engine.machines.update({ ...machine, status: 'DELETING' }, undefined);
    else this.engine.machines.delete(machine);
    return {};
  }

  async describeStateMachineForExecution(raw: unknown): Promise<DescribeStateMachineForExecutionOutput> {
    const input = parse('DescribeStateMachineForExecution', raw);
    const view = this.execution(input.executionArn);
    const exec = this.engine.liveExecution(view.arn);
    const machine = this.engine.machines.getById(view.smId);
    const defId = exec?.defId ?? machine?.def_id;
    if (defId === undefined || !machine) throw apiErrors.executionDoesNotExist(input.executionArn);
    return {
      stateMachineArn: machine.arn,
      name: machine.name,
      definition: this.engine.machines.definition(defId),
      roleArn: machine.role_arn,
      updateDate: new Date(machine.updated_ms ?? machine.created_ms),
      loggingConfiguration: machine.config.loggingConfiguration as DescribeStateMachineForExecutionOutput['loggingConfiguration'],
      tracingConfiguration: machine.config.tracingConfiguration as DescribeStateMachineForExecutionOutput['tracingConfiguration'],
    };
  }

  // ---- executions --------------------------------------------------------------------------------------

  async startExecution(raw: unknown): Promise<Sure<StartExecutionOutput, 'executionArn' | 'startDate'>> {
    const input = parse('StartExecution', raw);
    const machine = this.machine(input.stateMachineArn);
    if (machine.status === 'DELETING') throw apiErrors.stateMachineDeleting(machine.arn);
    const name = input.name ?? randomUUID();
    if (!isValidResourceName(name)) throw apiErrors.invalidName(name);
    const text = input.input ?? '{}';
    checkPayload(text, 'input');
    if (!isJson(text)) throw apiErrors.invalidExecutionInput(`'${text.slice(0, 200)}' is not valid JSON`);
    const arn = executionArn(this.place, machine.name, name);
    const existing = this.engine.findExecution(arn);
    if (existing) {
      // Same name and input while it runs: the same execution (StartExecution is idempotent on AWS).
      if (existing.status === 'RUNNING' && existing.input === text) return { executionArn: arn, startDate: new Date(existing.startMs) };
      throw apiErrors.executionAlreadyExists(arn);
    }
    const exec = this.engine.startExecution(machine, name, text, input.traceHeader);
    await this.engine.durable();
    return { executionArn: exec.arn, startDate: new Date(exec.startMs) };
  }

  async describeExecution(raw: unknown): Promise<Sure<DescribeExecutionOutput, 'executionArn' | 'stateMachineArn' | 'status' | 'startDate'>> {
    const input = parse('DescribeExecution', raw);
    const view = this.execution(input.executionArn);
    const finished = view.status !== 'RUNNING';
    return {
      executionArn: view.arn,
      stateMachineArn: this.stateMachineArnOf(view),
      name: view.name,
      status: view.status as 'RUNNING',
      startDate: new Date(view.startMs),
      ...(view.stopMs !== undefined ? { stopDate: new Date(view.stopMs) } : {}),
      input: view.input,
      inputDetails: { included: true },
      ...(view.output !== undefined ? { output: view.output, outputDetails: { included: true } } : {}),
      ...(view.error !== undefined ? { error: view.error } : {}),
      ...(view.cause !== undefined ? { cause: view.cause } : {}),
      ...(view.traceHeader !== undefined ? { traceHeader: view.traceHeader } : {}),
      redriveCount: 0,
      ...(finished && view.status !== 'SUCCEEDED'
        ? { redriveStatus: 'NOT_REDRIVABLE', redriveStatusReason: 'Redrive is not supported by the local engine' }
        : {}),
    };
  }

  async listExecutions(raw: unknown): Promise<Sure<ListExecutionsOutput, 'executions'>> {
    const input = parse('ListExecutions', raw);
    if (input.stateMachineArn === undefined) {
      throw apiErrors.validation(["Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be null"]);
    }
    const machine = this.machine(input.stateMachineArn);
    const before = readPageToken(input.nextToken, Number.MAX_SAFE_INTEGER);
    const size = pageSize(input.maxResults);
    const statusFilter = input.statusFilter === 'PENDING_REDRIVE' ? '-' : input.statusFilter;
    const rows = this.engine.listExecutions(machine.id, statusFilter, before, size + 1);
    const page = rows.slice(0, size);
    return {
      executions: page.map((row) => ({
        executionArn: row.arn,
        stateMachineArn: machine.arn,
        name: row.name,
        status: row.status as 'RUNNING',
        startDate: new Date(row.startMs),
        ...(row.stopMs !== undefined ? { stopDate: new Date(row.stopMs) } : {}),
        redriveCount: 0,
      })),
      ...(rows.length > size ? { nextToken: pageToken(page[page.length - 1].seq) } : {}),
    };
  }

  async getExecutionHistory(raw: unknown): Promise<Sure<GetExecutionHistoryOutput, 'events'>> {
    const input = parse('GetExecutionHistory', raw);
    const view = this.execution(input.executionArn);
    const reverse = input.reverseOrder === true;
    const from = readPageToken(input.nextToken, reverse ? Number.MAX_SAFE_INTEGER : 0);
    const size = pageSize(input.maxResults);
    const rows = this.engine.history(view.seq, from, size + 1, reverse);
    const page = rows.slice(0, size);
    const includeData = input.includeExecutionData !== false;
    return {
      events: page.map((event) => readEvent(event, includeData) as unknown as HistoryEvent),
      ...(rows.length > size ? { nextToken: pageToken(page[page.length - 1].id) } : {}),
    };
  }

  async stopExecution(raw: unknown): Promise<Sure<StopExecutionOutput, 'stopDate'>> {
    const input = parse('StopExecution', raw);
    const view = this.execution(input.executionArn);
    const exec = this.engine.liveExecution(view.arn);
    if (exec && exec.status === 'RUNNING') {
      this.engine.stopExecution(exec, input.error, input.cause);
      await this.engine.durable();
      return { stopDate: new Date(exec.stopMs!) };
    }
    return { stopDate: new Date(view.stopMs ?? this.engine.now()) };
  }

  // ---- callbacks -----------------------------------------------------------------------------------------

  async sendTaskSuccess(raw: unknown): Promise<SendTaskSuccessOutput> {
    const input = parse('SendTaskSuccess', raw);
    checkPayload(input.output, 'output');
    if (!isJson(input.output)) throw apiErrors.invalidOutput(`'${input.output.slice(0, 200)}' is not valid JSON`);
    const task = this.openTask(input.taskToken);
    this.engine.completeTask(task.exec, task.frame, { ok: true, outputJson: input.output });
    await this.engine.durable();
    return {};
  }

  async sendTaskFailure(raw: unknown): Promise<SendTaskFailureOutput> {
    const input = parse('SendTaskFailure', raw);
    const task = this.openTask(input.taskToken);
    this.engine.completeTask(task.exec, task.frame, { ok: false, error: input.error, cause: input.cause });
    await this.engine.durable();
    return {};
  }

  async sendTaskHeartbeat(raw: unknown): Promise<SendTaskHeartbeatOutput> {
    const input = parse('SendTaskHeartbeat', raw);
    const task = this.openTask(input.taskToken);
    this.engine.heartbeat(task.exec, task.frame);
    await this.engine.durable();
    return {};
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  private machine(arn: string): StateMachineRecord {
    const parsed = parseStateMachineArn(arn);
    if (!parsed) throw apiErrors.invalidArn(arn);
    const machine = parsed.qualifier ? undefined : this.engine.machines.get(arn);
    if (!machine) throw apiErrors.stateMachineDoesNotExist(arn);
    return machine;
  }

  private execution(arn: string): ExecutionView {
    if (!parseExecutionArn(arn)) throw apiErrors.invalidArn(arn);
    const view = this.engine.findExecution(arn);
    if (!view) throw apiErrors.executionDoesNotExist(arn);
    return view;
  }

  private stateMachineArnOf(view: ExecutionView): string {
    const machine = this.engine.machines.getById(view.smId);
    return machine?.arn ?? stateMachineArn(this.place, parseExecutionArn(view.arn)!.stateMachineName);
  }

  private openTask(token: string) {
    if (!TOKEN_PATTERN.test(token)) throw apiErrors.invalidToken(token.length > 64 ? `${token.slice(0, 64)}...` : token);
    const found = this.engine.lookupToken(token);
    if (found.kind === 'open') return found;
    if (found.kind === 'closed') throw apiErrors.taskTimedOut();
    throw apiErrors.taskDoesNotExist();
  }
}

/** The action names of the JSON protocol (`X-Amz-Target: AWSStepFunctions.<Action>`) and their methods. */
export const ACTIONS: Record<string, keyof StepFunctionsApi> = {
  CreateStateMachine: 'createStateMachine',
  DescribeStateMachine: 'describeStateMachine',
  ListStateMachines: 'listStateMachines',
  UpdateStateMachine: 'updateStateMachine',
  DeleteStateMachine: 'deleteStateMachine',
  DescribeStateMachineForExecution: 'describeStateMachineForExecution',
  StartExecution: 'startExecution',
  DescribeExecution: 'describeExecution',
  ListExecutions: 'listExecutions',
  GetExecutionHistory: 'getExecutionHistory',
  StopExecution: 'stopExecution',
  SendTaskSuccess: 'sendTaskSuccess',
  SendTaskFailure: 'sendTaskFailure',
  SendTaskHeartbeat: 'sendTaskHeartbeat',
};
