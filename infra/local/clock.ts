import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * The stack's clock, shared by the handlers (through `installClock`) and the Step Functions engine.
 * A virtual clock stands still until moved forward; the instant it has reached is kept in the data directory,
 * so a restart goes on from there.
 */
export interface StackClock {
  readonly kind: 'real' | 'virtual';
  now(): Date;
  /** Virtual clock only: move to `instant` (never back). */
  set?(instant: Date): void;
}

export class ClockWentBackError extends Error {
  constructor(from: Date, to: Date) {
    super(`The clock cannot go back from ${from.toISOString()} to ${to.toISOString()}`);
    this.name = 'ClockWentBackError';
  }
}

export function realClock(): StackClock {
  return { kind: 'real', now: () => new Date() };
}

const storedClockSchema = z.object({ now: z.iso.datetime({ offset: true }) });
export const CLOCK_FILE = 'clock.json';

/** Reads the instant kept in `dataDir`, or starts at `start` (default: the real now) and keeps it there. */
export function virtualClock(dataDir: string, start?: Date): StackClock {
  const file = join(dataDir, CLOCK_FILE);
  let current = readStored(file) ?? start ?? new Date();
  mkdirSync(dataDir, { recursive: true });
  persist(file, current);
  return {
    kind: 'virtual',
    now: () => new Date(current),
    set(instant: Date) {
      if (Number.isNaN(instant.getTime())) throw new Error('Not a valid instant');
      if (instant.getTime() < current.getTime()) throw new ClockWentBackError(current, instant);
      if (instant.getTime() === current.getTime()) return;
      current = new Date(instant);
      persist(file, current);
    },
  };
}

function readStored(file: string): Date | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  return new Date(storedClockSchema.parse(JSON.parse(text)).now);
}

/** Write-then-rename, so a crash never leaves a half-written clock behind. */
function persist(file: string, instant: Date): void {
  const tmp = `${file}.tmp`;
  writeFileSync(tmp, JSON.stringify({ now: instant.toISOString() }));
  renameSync(tmp, file);
}
