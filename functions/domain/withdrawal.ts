/** Withdrawing a run: its schema and when it may be done. */
import { z } from 'zod';
import { conflict } from './errors';
import type { RunSnapshot } from './runModel';

export const MAX_WITHDRAWAL_REASON = 2000;

export const withdrawSchema = z.object({ reason: z.string().trim().min(1).max(MAX_WITHDRAWAL_REASON) });
export type WithdrawInput = z.infer<typeof withdrawSchema>;

export function checkWithdrawal(snapshot: RunSnapshot): void {
  if (snapshot.meta.status !== 'running') throw conflict(`The run is already ${snapshot.meta.status}`);
}
