/**
 * The `EMAIL#<reason>` guard of an e-mail and what a sweep must do with a run's guards (DESIGN.md "E-mails").
 * A guard is written `sending` before SES is called, with its attempt's id and real start time and the whole
 * e-mail, so that an attempt cut off by a crash can be made again from the guard alone: at least once across
 * crashes, and the only duplicate is an attempt that SES took just before the process died.
 */
import { z } from 'zod';

/**
 * A `sending` guard older than this (real time) belonged to a process that died: the next sweep takes it over.
 * Longer than any function that sends may run (30 s workflow, 10 s API, 60 s event), so a live sender is never
 * overtaken.
 */
export const EMAIL_LEASE_MS = 3 * 60 * 1000;
/** Attempts cut off this many times are not made again (something kills the sender): a person is told instead. */
export const MAX_EMAIL_INTERRUPTIONS = 3;

export const emailGuardStateSchema = z.enum([
  /** An attempt is under way (or was cut off: `attemptAt` older than the lease). */
  'sending',
  /** SES could not take it now (throttling, outage): the next sweep sends it. */
  'retry',
  'sent',
  /** SES refused it for good (bad address): recorded for people, never retried. */
  'failed',
  /** Cut off too often, or an old guard with no e-mail kept: it may not have gone, and a person is told. */
  'unknown',
]);
export type EmailGuardState = z.infer<typeof emailGuardStateSchema>;

/** What is sent, kept in the guard so that any later sweep can send the very same e-mail. */
export const guardedEmailSchema = z.object({
  kind: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()).default([]),
  subject: z.string(),
  text: z.string(),
  html: z.string().optional(),
});
export type GuardedEmail = z.infer<typeof guardedEmailSchema>;

export const emailGuardSchema = z.object({
  reason: z.string(),
  state: emailGuardStateSchema,
  /** When the e-mail was first claimed, by the stack's clock (audit events and pages show it). */
  at: z.string(),
  to: z.array(z.string()),
  cc: z.array(z.string()).default([]),
  subject: z.string(),
  /** Absent in guards written before the e-mail was kept with them. */
  kind: z.string().optional(),
  text: z.string().optional(),
  html: z.string().optional(),
  attemptId: z.string().optional(),
  /** Real time (ms) the current attempt started. */
  attemptAt: z.number().optional(),
  interruptions: z.number().int().default(0),
  messageId: z.string().nullish(),
  error: z.string().optional(),
});
export type EmailGuard = z.infer<typeof emailGuardSchema>;

export function contentOf(guard: EmailGuard): GuardedEmail | undefined {
  if (guard.kind === undefined || guard.text === undefined) return undefined;
  return { kind: guard.kind, to: guard.to, cc: guard.cc, subject: guard.subject, text: guard.text, ...(guard.html !== undefined ? { html: guard.html } : {}) };
}

/** A `sending` guard whose attempt has outlived the lease: its process died (or it is an old guard). */
export function isCutOff(guard: EmailGuard, realNowMs: number): boolean {
  return guard.state === 'sending' && (guard.attemptAt ?? 0) + EMAIL_LEASE_MS <= realNowMs;
}

export interface EmailSweep {
  /** Sent now from the guard: SES could not take them, or their attempt was cut off. */
  resend: EmailGuard[];
  /** Cut off too often, or nothing kept to send again: recorded as `unknown` for a person. */
  giveUp: EmailGuard[];
  /** Sent, but the process died before the audit event was written: written now. */
  unrecorded: EmailGuard[];
  /** Real time (ms) the earliest attempt still under way runs out of its lease: look again then. */
  inFlightUntil: number | null;
}

/** Reasons whose "E-mailed" audit event is written (events with `details.reason` and no `outcome`). */
export function recordedEmailReasons(events: ReadonlyArray<{ details?: Record<string, unknown> | null }>): Set<string> {
  const reasons = new Set<string>();
  for (const e of events) if (typeof e.details?.reason === 'string' && e.details.outcome === undefined) reasons.add(e.details.reason);
  return reasons;
}

/** What a sweep does with the run's guards; `recorded` (the run's events, when known) finds sent e-mails with no event. */
export function sweepOf(guards: readonly EmailGuard[], realNowMs: number, recorded?: ReadonlySet<string>): EmailSweep {
  const sweep: EmailSweep = { resend: [], giveUp: [], unrecorded: [], inFlightUntil: null };
  for (const guard of guards) {
    if (guard.state === 'sent') {
      // Guards from before the e-mail was kept with them (no `kind`) may have had no event: left as they are.
      if (recorded && guard.kind !== undefined && !recorded.has(guard.reason)) sweep.unrecorded.push(guard);
    } else if (guard.state === 'retry') {
      (contentOf(guard) ? sweep.resend : sweep.giveUp).push(guard);
    } else if (guard.state === 'sending') {
      if (isCutOff(guard, realNowMs)) {
        (contentOf(guard) && guard.interruptions < MAX_EMAIL_INTERRUPTIONS ? sweep.resend : sweep.giveUp).push(guard);
      } else {
        const until = (guard.attemptAt ?? 0) + EMAIL_LEASE_MS;
        sweep.inFlightUntil = sweep.inFlightUntil === null ? until : Math.min(sweep.inFlightUntil, until);
      }
    }
  }
  return sweep;
}

/** Seconds until the sweep should look again (at least 1), or undefined when no attempt is under way. */
export function secondsUntilSweep(sweep: Pick<EmailSweep, 'inFlightUntil'>, realNowMs: number): number | undefined {
  if (sweep.inFlightUntil === null) return undefined;
  return Math.max(1, Math.ceil((sweep.inFlightUntil - realNowMs) / 1000) + 1);
}

export function recipientsOf(guard: Pick<EmailGuard, 'to' | 'cc'>): string {
  return [...guard.to, ...guard.cc].join(', ');
}
