import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Everything the engine keeps, in one SQLite database (`<dataDir>/stepfunctions.sqlite`, or in memory): state
 * machines, definitions, executions with their runtime (position, data, timers, pending tasks) and history.
 * WAL mode with synchronous=NORMAL survives a killed process (only a power cut could lose the last commits);
 * the engine batches a tick's writes into one transaction instead of paying a sync per transition.
 */
export interface StateMachineRow {
  id: number;
  arn: string;
  name: string;
  type: string;
  role_arn: string;
  def_id: number;
  created_ms: number;
  updated_ms: number | null;
  revision_id: string | null;
  config: string;
  status: string;
}

export interface ExecutionRow {
  seq: number;
  arn: string;
  sm_id: number;
  name: string;
  status: string;
  input: string;
  output: string | null;
  error: string | null;
  cause: string | null;
  start_ms: number;
  stop_ms: number | null;
  def_id: number;
  trace_header: string | null;
  runtime: string | null;
}

/** A history event as stored: AWS's shape with the timestamp in epoch milliseconds. */
export interface StoredEvent {
  id: number;
  timestamp: number;
  type: string;
  previousEventId: number;
  [details: string]: unknown;
}

export type ExecutionSummaryRow = Pick<ExecutionRow, 'seq' | 'arn' | 'sm_id' | 'name' | 'status' | 'start_ms' | 'stop_ms'>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS definitions (id INTEGER PRIMARY KEY, sha TEXT NOT NULL UNIQUE, text TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS state_machines (
  id INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, name TEXT NOT NULL, type TEXT NOT NULL, role_arn TEXT NOT NULL,
  def_id INTEGER NOT NULL, created_ms INTEGER NOT NULL, updated_ms INTEGER, revision_id TEXT, config TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'ACTIVE');
CREATE TABLE IF NOT EXISTS executions (
  seq INTEGER PRIMARY KEY, arn TEXT NOT NULL UNIQUE, sm_id INTEGER NOT NULL, name TEXT NOT NULL, status TEXT NOT NULL,
  input TEXT NOT NULL, output TEXT, error TEXT, cause TEXT, start_ms INTEGER NOT NULL, stop_ms INTEGER,
  def_id INTEGER NOT NULL, trace_header TEXT, runtime TEXT);
CREATE INDEX IF NOT EXISTS executions_by_machine ON executions (sm_id, seq);
CREATE INDEX IF NOT EXISTS executions_running ON executions (status) WHERE status = 'RUNNING';
CREATE TABLE IF NOT EXISTS events (exec_seq INTEGER NOT NULL, first_id INTEGER NOT NULL, last_id INTEGER NOT NULL,
  body TEXT NOT NULL, PRIMARY KEY (exec_seq, first_id)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS tokens (token TEXT PRIMARY KEY, exec_seq INTEGER NOT NULL, open INTEGER NOT NULL) WITHOUT ROWID;
`;

export class Store {
  readonly db: Database.Database;
  private readonly stmts;
  private persistent = false;

  constructor(dataDir: string | undefined) {
    let file = ':memory:';
    if (dataDir !== undefined) {
      mkdirSync(dataDir, { recursive: true });
      file = join(dataDir, 'stepfunctions.sqlite');
    }
    this.db = new Database(file, { timeout: 2000 });
    if (dataDir !== undefined) {
      // One engine per data directory: a second one would run every execution twice. The lock goes with the
      // process, so a killed engine does not block its successor.
      this.db.pragma('locking_mode = EXCLUSIVE');
      try {
        this.db.pragma('journal_mode = WAL');
        this.db.exec('BEGIN IMMEDIATE; COMMIT;');
      } catch (err) {
        this.db.close();
        if ((err as { code?: string }).code === 'SQLITE_BUSY') {
          throw new Error(`The Step Functions data directory ${dataDir} is in use by another engine`);
        }
        throw err;
      }
      this.db.pragma('synchronous = NORMAL');
      // Checkpoints (the only syncs in WAL mode) run when the engine is quiet; this cap only bounds the WAL.
      this.db.pragma('wal_autocheckpoint = 20000');
      this.persistent = true;
    }
    this.db.pragma('cache_size = -32000');
    this.db.exec(SCHEMA);
    const db = this.db;
    this.stmts = {
      definitionBySha: db.prepare<[string], { id: number }>('SELECT id FROM definitions WHERE sha = ?'),
      insertDefinition: db.prepare<[string, string]>('INSERT INTO definitions (sha, text) VALUES (?, ?)'),
      definitionText: db.prepare<[number], { text: string }>('SELECT text FROM definitions WHERE id = ?'),
      allStateMachines: db.prepare<[], StateMachineRow>('SELECT * FROM state_machines ORDER BY id'),
      insertStateMachine: db.prepare(
        `INSERT INTO state_machines (arn, name, type, role_arn, def_id, created_ms, updated_ms, revision_id, config, status)
         VALUES (@arn, @name, @type, @role_arn, @def_id, @created_ms, @updated_ms, @revision_id, @config, @status)`,
      ),
      updateStateMachine: db.prepare(
        `UPDATE state_machines SET role_arn = @role_arn, def_id = @def_id, updated_ms = @updated_ms,
         revision_id = @revision_id, config = @config, status = @status WHERE id = @id`,
      ),
      deleteStateMachine: db.prepare<[number]>('DELETE FROM state_machines WHERE id = ?'),
      insertExecution: db.prepare(
        `INSERT INTO executions (seq, arn, sm_id, name, status, input, output, error, cause, start_ms, stop_ms, def_id, trace_header, runtime)
         VALUES (@seq, @arn, @sm_id, @name, @status, @input, @output, @error, @cause, @start_ms, @stop_ms, @def_id, @trace_header, @runtime)`,
      ),
      updateExecution: db.prepare(
        `UPDATE executions SET status = @status, output = @output, error = @error, cause = @cause, stop_ms = @stop_ms,
         runtime = @runtime WHERE seq = @seq`,
      ),
      executionByArn: db.prepare<[string], ExecutionRow>('SELECT * FROM executions WHERE arn = ?'),
      runningExecutions: db.prepare<[], ExecutionRow>("SELECT * FROM executions WHERE status = 'RUNNING' ORDER BY seq"),
      maxExecutionSeq: db.prepare<[], { seq: number | null }>('SELECT MAX(seq) AS seq FROM executions'),
      listExecutions: db.prepare<[number, number, number], ExecutionSummaryRow>(
        'SELECT seq, arn, sm_id, name, status, start_ms, stop_ms FROM executions WHERE sm_id = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      listExecutionsByStatus: db.prepare<[number, string, number, number], ExecutionSummaryRow>(
        'SELECT seq, arn, sm_id, name, status, start_ms, stop_ms FROM executions WHERE sm_id = ? AND status = ? AND seq < ? ORDER BY seq DESC LIMIT ?',
      ),
      countRunning: db.prepare<[number], { n: number }>("SELECT COUNT(*) AS n FROM executions WHERE sm_id = ? AND status = 'RUNNING'"),
      deleteFinishedExecutionsEvents: db.prepare<[number]>(
        "DELETE FROM events WHERE exec_seq IN (SELECT seq FROM executions WHERE sm_id = ? AND status <> 'RUNNING')",
      ),
      deleteFinishedExecutions: db.prepare<[number]>("DELETE FROM executions WHERE sm_id = ? AND status <> 'RUNNING'"),
      insertEvents: db.prepare<[number, number, number, string]>('INSERT INTO events (exec_seq, first_id, last_id, body) VALUES (?, ?, ?, ?)'),
      eventsForward: db.prepare<[number, number], { body: string }>(
        'SELECT body FROM events WHERE exec_seq = ? AND last_id > ? ORDER BY first_id',
      ),
      eventsBackward: db.prepare<[number, number], { body: string }>(
        'SELECT body FROM events WHERE exec_seq = ? AND first_id < ? ORDER BY first_id DESC',
      ),
      insertToken: db.prepare<[string, number]>('INSERT OR REPLACE INTO tokens (token, exec_seq, open) VALUES (?, ?, 1)'),
      closeToken: db.prepare<[string]>('UPDATE tokens SET open = 0 WHERE token = ?'),
      token: db.prepare<[string], { exec_seq: number; open: number }>('SELECT exec_seq, open FROM tokens WHERE token = ?'),
    };
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Definitions are stored once per distinct text; executions keep the one they started with. */
  definitionId(text: string): number {
    const sha = createHash('sha256').update(text).digest('hex');
    const found = this.stmts.definitionBySha.get(sha);
    if (found) return found.id;
    return Number(this.stmts.insertDefinition.run(sha, text).lastInsertRowid);
  }

  definitionText(id: number): string {
    const row = this.stmts.definitionText.get(id);
    if (!row) throw new Error(`Definition ${id} is missing from the store`);
    return row.text;
  }

  allStateMachines(): StateMachineRow[] {
    return this.stmts.allStateMachines.all();
  }

  insertStateMachine(row: Omit<StateMachineRow, 'id'>): number {
    return Number(this.stmts.insertStateMachine.run(row).lastInsertRowid);
  }

  updateStateMachine(row: StateMachineRow): void {
    this.stmts.updateStateMachine.run(row);
  }

  deleteStateMachine(id: number): void {
    this.transaction(() => {
      this.stmts.deleteFinishedExecutionsEvents.run(id);
      this.stmts.deleteFinishedExecutions.run(id);
      this.stmts.deleteStateMachine.run(id);
    });
  }

  countRunning(smId: number): number {
    return this.stmts.countRunning.get(smId)!.n;
  }

  insertExecution(row: ExecutionRow): void {
    this.stmts.insertExecution.run(row);
  }

  updateExecution(row: Pick<ExecutionRow, 'seq' | 'status' | 'output' | 'error' | 'cause' | 'stop_ms' | 'runtime'>): void {
    this.stmts.updateExecution.run(row);
  }

  executionByArn(arn: string): ExecutionRow | undefined {
    return this.stmts.executionByArn.get(arn);
  }

  runningExecutions(): ExecutionRow[] {
    return this.stmts.runningExecutions.all();
  }

  maxExecutionSeq(): number {
    return this.stmts.maxExecutionSeq.get()!.seq ?? 0;
  }

  listExecutions(smId: number, status: string | undefined, beforeSeq: number, limit: number): ExecutionSummaryRow[] {
    return status
      ? this.stmts.listExecutionsByStatus.all(smId, status, beforeSeq, limit)
      : this.stmts.listExecutions.all(smId, beforeSeq, limit);
  }

  /**
   * History is written as one row per execution and commit (a JSON array of consecutive events): far fewer rows
   * and pages to write than one row per event.
   */
  insertEvents(execSeq: number, events: Array<{ id: number; body: string }>): void {
    if (events.length === 0) return;
    const body = `[${events.map((e) => e.body).join(',')}]`;
    this.stmts.insertEvents.run(execSeq, events[0].id, events[events.length - 1].id, body);
  }

  /** Up to `limit` events after (or, reversed, before) the event id `from`. */
  events(execSeq: number, from: number, limit: number, reverse: boolean): StoredEvent[] {
    const out: StoredEvent[] = [];
    const rows = reverse ? this.stmts.eventsBackward.iterate(execSeq, from) : this.stmts.eventsForward.iterate(execSeq, from);
    for (const row of rows) {
      const events = JSON.parse(row.body) as StoredEvent[];
      if (reverse) events.reverse();
      for (const event of events) {
        if (reverse ? event.id >= from : event.id <= from) continue;
        out.push(event);
        if (out.length >= limit) {
          (rows as { return?: () => void }).return?.();
          return out;
        }
      }
    }
    return out;
  }

  insertToken(token: string, execSeq: number): void {
    this.stmts.insertToken.run(token, execSeq);
  }

  closeToken(token: string): void {
    this.stmts.closeToken.run(token);
  }

  token(token: string): { exec_seq: number; open: number } | undefined {
    return this.stmts.token.get(token);
  }

  /** Copies the WAL into the database file without waiting for readers (called when the engine is quiet). */
  checkpoint(): void {
    if (this.persistent && this.db.open) this.db.pragma('wal_checkpoint(PASSIVE)');
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
