/**
 * The one source of "now" for handlers and domain code.
 *
 * On AWS it is the system clock. The embedded local stack installs its own provider at boot (a virtual clock
 * that tests move forward), so the same handler code sees the same time as the local Step Functions engine
 * without any "if local" branch in business logic.
 */
export interface ClockProvider {
  now(): Date;
}

const systemClock: ClockProvider = { now: () => new Date() };
let provider: ClockProvider = systemClock;

export function now(): Date {
  return provider.now();
}

/** Installs the clock every later `now()` reads; the embedded stack calls this once at boot. */
export function installClock(clock: ClockProvider): void {
  provider = clock;
}

export function resetClock(): void {
  provider = systemClock;
}

let realTimeSkippedMs = 0;

/**
 * Real elapsed time (ms since the epoch), never the stack's clock: leases and claim locks are measured with it, so
 * that moving a virtual clock cannot make a live sender look dead (DESIGN.md "E-mails").
 */
export function realNow(): number {
  return Date.now() + realTimeSkippedMs;
}

/** Tests only: `realNow()` answers as if `ms` more real time had passed (a lease running out without waiting). */
export function letRealTimePass(ms: number): void {
  realTimeSkippedMs += ms;
}

export function resetRealTime(): void {
  realTimeSkippedMs = 0;
}
