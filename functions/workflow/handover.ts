/** The state machine's HandOver step: the run goes on in a new execution (actions/handOver.ts). */
import { handOver } from '../actions/handOver';
import { workflowHandler } from '../edge/workflowEvent';
import { handOverEventSchema } from '../domain/workflowEvents';
import { retryingTransients } from '../platform/retryableError';

export const handler = workflowHandler('HandOver', handOverEventSchema, (event) => retryingTransients(() => handOver(event)));
