/** The state machine's Reconcile step (actions/reconcileRun.ts). */
import { reconcileRun } from '../actions/reconcileRun';
import { workflowHandler } from '../edge/workflowEvent';
import { reconcileEventSchema } from '../domain/workflowEvents';
import { retryingTransients } from '../platform/retryableError';

export const handler = workflowHandler('ReconcileRun', reconcileEventSchema, (event) => retryingTransients(() => reconcileRun(event)));
