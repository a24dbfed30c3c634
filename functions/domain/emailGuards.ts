/**
 * The `EMAIL#<reason>` guard of an e-mail and what a sweep must do with the guards (DESIGN.md "E-mails"). Each
 * attempt writes the guard twice before SES: `claimed` (with its attempt's id and real start time and the whole
 * e-mail), then `sending` just before SES is called. SES takes no idempotency token, so that second write is the
 * line: an attempt cut off while `claimed` never reached SES and is made again (at least once); one cut off while
 * `sending` may have reached it and is never made again (at most once): it becomes `unknown`, for a person.
 */
import { z } from 'zod';
import { ALERT_KIND } from './emailFeedback';

/**
 * A `claimed` or `sending` guard older than this (real time) belonged to a process that died. Longer than any
 * function that sends may run (30 s workflow, 10 s API, 60 s event), so a live sender is never overtaken.
 */
export const EMAIL_LEASE_MS = 3 * 60 * 1000;
/** Attempts cut off before SES this many times are not made again (something kills the sender): a person is told. */
export const MAX_EMAIL_INTERRUPTIONS = 3;

export const emailGuardStateSchema = z.enum([
  /** Claimed: SES has not been called by this attempt (past the lease: cut off before SES, made again). */
  'claimed',
  /** SES is being called (past the lease: cut off while it was, it may have gone: never made again). */
  'sending',
  /** SES answered that it could not take it now (throttling, outage): the next sweep sends it. */
  'retry',
  'sent',
  /** SES refused it for good (bad address), or the run was withdrawn first: recorded, never retried. */
  'failed',
  /** It may not have gone (cut off while SES was called, or too often before): a person is told, never resent. */
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
  /** The run its SES tag names when its guard is not under a run (an alert about an e-mail of a run not stored). */
  runTag: z.string().optional(),
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
  runTag: z.string().optional(),
  attemptId: z.string().optional(),
  /** Real time (ms) the current attempt started (claimed) or called SES (sending). */
  attemptAt: z.number().optional(),
  /** Attempts cut off before SES so far. */
  interruptions: z.number().int().default(0),
  messageId: z.string().nullish(),
  error: z.string().optional(),
});
export type EmailGuard = z.infer<typeof emailGuardSchema>;

export function contentOf(guard: EmailGuard): GuardedEmail | undefined {
  if (guard.kind === undefined || guard.text === undefined) return undefined;
  return {
    kind: guard.kind,
    to: guard.to,
    cc: guard.cc,
    subject: guard.subject,
    text: guard.text,
    ...(guard.html !== undefined ? { html: guard.html } : {}),
    ...(guard.runTag !== undefined ? { runTag: guard.runTag } : {}),
  };
}

/** An attempt under way (`claimed` or `sending`) that has outlived the lease: its process died. */
export function isCutOff(guard: EmailGuard, realNowMs: number): boolean {
  return (guard.state === 'claimed' || guard.state === 'sending') && (guard.attemptAt ?? 0) + EMAIL_LEASE_MS <= realNowMs;
}

/** Why a guard is given up on (recorded `unknown`), in words for the audit trail. */
export type GiveUp = 'reached-ses' | 'cut-off-too-often' | 'nothing-kept';

export interface EmailSweep {
  /** Sent now from the guard: SES could not take them, or their attempt was cut off before SES. */
  resend: EmailGuard[];
  /** Never sent again: recorded as `unknown` for a person, with why. */
  giveUp: Array<{ guard: EmailGuard; why: GiveUp }>;
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

/** What to do with one guard: resend it, give up on it, wait for it, or nothing. */
export function judgeGuard(guard: EmailGuard, realNowMs: number): { act: 'resend' } | { act: 'give-up'; why: GiveUp } | { act: 'wait'; until: number } | { act: 'none' } {
  const kept = contentOf(guard) !== undefined;
  switch (guard.state) {
    case 'retry':
      return kept ? { act: 'resend' } : { act: 'give-up', why: 'nothing-kept' };
    case 'claimed':
    case 'sending':
      if (!isCutOff(guard, realNowMs)) return { act: 'wait', until: (guard.attemptAt ?? 0) + EMAIL_LEASE_MS };
      // A guard from before attempts were kept (no attempt id) was written just before SES: it may have gone.
      if (guard.state === 'sending' || guard.attemptId === undefined) return { act: 'give-up', why: kept ? 'reached-ses' : 'nothing-kept' };
      if (!kept) return { act: 'give-up', why: 'nothing-kept' };
      return guard.interruptions < MAX_EMAIL_INTERRUPTIONS ? { act: 'resend' } : { act: 'give-up', why: 'cut-off-too-often' };
    default:
      return { act: 'none' };
  }
}

/** What a sweep does with the guards; `recorded` (the run's events, when known) finds sent e-mails with no event. */
export function sweepOf(guards: readonly EmailGuard[], realNowMs: number, recorded?: ReadonlySet<string>): EmailSweep {
  const sweep: EmailSweep = { resend: [], giveUp: [], unrecorded: [], inFlightUntil: null };
  for (const guard of guards) {
    if (guard.state === 'sent') {
      // Guards from before the e-mail was kept with them (no `kind`) may have had no event: left as they are.
      if (recorded && guard.kind !== undefined && !recorded.has(guard.reason)) sweep.unrecorded.push(guard);
      continue;
    }
    const judged = judgeGuard(guard, realNowMs);
    if (judged.act === 'resend') sweep.resend.push(guard);
    else if (judged.act === 'give-up') sweep.giveUp.push({ guard, why: judged.why });
    else if (judged.act === 'wait') sweep.inFlightUntil = sweep.inFlightUntil === null ? judged.until : Math.min(sweep.inFlightUntil, judged.until);
  }
  return sweep;
}

/** Seconds until the sweep should look again (at least 1), or undefined when no attempt is under way. */
export function secondsUntilSweep(sweep: Pick<EmailSweep, 'inFlightUntil'>, realNowMs: number): number | undefined {
  if (sweep.inFlightUntil === null) return undefined;
  return Math.max(1, Math.ceil((sweep.inFlightUntil - realNowMs) / 1000) + 1);
}

/** The audit trail's words for an e-mail given up on (it is `unknown` from then on). */
export function giveUpSentence(guard: Pick<EmailGuard, 'to' | 'cc' | 'subject' | 'interruptions'>, why: GiveUp): string {
  const who = `${recipientsOf(guard)} (${guard.subject})`;
  switch (why) {
    case 'reached-ses':
      return `Ratify may not have e-mailed ${who}: its attempt was cut off while SES was being called, so it may have gone and is not sent again. Please check they have it`;
    case 'cut-off-too-often':
      return `Ratify has not e-mailed ${who}: its attempts were cut off ${guard.interruptions + 1} times before SES was called. Please check they have it`;
    case 'nothing-kept':
      return `Ratify may not have e-mailed ${who}: its attempt was cut off. Please check they have it`;
  }
}

/** E-mails still sent for a withdrawn run: its closing e-mail, and alerts about an address. */
export function goesAfterWithdrawal(kind: string): boolean {
  return kind === 'run-finished' || kind === ALERT_KIND;
}

export function recipientsOf(guard: Pick<EmailGuard, 'to' | 'cc'>): string {
  return [...guard.to, ...guard.cc].join(', ');
}
