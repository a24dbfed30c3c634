import { compileMachine, type Machine } from '../asl/definition';
import type { JsonObject } from '../asl/json';
import type { StateMachineRow, Store } from './store';

/**
 * State machines and their compiled definitions, cached in memory over the store. Executions keep the
 * definition they started with (`defId`), so updating a state machine never changes a running execution.
 */
export interface StateMachineConfig {
  loggingConfiguration?: unknown;
  tracingConfiguration?: unknown;
  description?: string;
}

export interface StateMachineRecord extends Omit<StateMachineRow, 'config'> {
  config: StateMachineConfig;
}

export class StateMachines {
  private readonly byArn = new Map<string, StateMachineRecord>();
  private readonly byId = new Map<number, StateMachineRecord>();
  private readonly machines = new Map<number, Machine>();

  constructor(private readonly store: Store) {
    for (const row of store.allStateMachines()) this.remember({ ...row, config: JSON.parse(row.config) as StateMachineConfig });
  }

  get(arn: string): StateMachineRecord | undefined {
    return this.byArn.get(arn);
  }

  getById(id: number): StateMachineRecord | undefined {
    return this.byId.get(id);
  }

  list(): StateMachineRecord[] {
    return [...this.byId.values()].sort((a, b) => a.id - b.id);
  }

  create(record: Omit<StateMachineRecord, 'id' | 'def_id'>, definition: string): StateMachineRecord {
    const def_id = this.store.definitionId(definition);
    const row = { ...record, def_id, config: JSON.stringify(record.config) };
    const id = this.store.insertStateMachine(row);
    return this.remember({ ...record, id, def_id });
  }

  update(record: StateMachineRecord, definition: string | undefined): StateMachineRecord {
    const updated = { ...record, def_id: definition === undefined ? record.def_id : this.store.definitionId(definition) };
    this.store.updateStateMachine({ ...updated, config: JSON.stringify(updated.config) });
    return this.remember(updated);
  }

  delete(record: StateMachineRecord): void {
    this.store.deleteStateMachine(record.id);
    this.byArn.delete(record.arn);
    this.byId.delete(record.id);
  }

  definition(defId: number): string {
    return this.store.definitionText(defId);
  }

  machine(defId: number): Machine {
    let machine = this.machines.get(defId);
    if (!machine) {
      machine = compileMachine(JSON.parse(this.store.definitionText(defId)) as JsonObject);
      this.machines.set(defId, machine);
    }
    return machine;
  }

  private remember(record: StateMachineRecord): StateMachineRecord {
    this.byArn.set(record.arn, record);
    this.byId.set(record.id, record);
    return record;
  }
}
