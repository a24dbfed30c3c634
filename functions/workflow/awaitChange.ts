/** Every wait of the state machine: stores its task token (actions/awaitChange.ts). */
import { awaitChange } from '../actions/awaitChange';
import { workflowHandler } from '../edge/workflowEvent';
import { awaitEventSchema } from '../domain/workflowEvents';
import { retryingTransients } from '../platform/retryableError';

export const handler = workflowHandler('AwaitChange', awaitEventSchema, (event) => retryingTransients(() => awaitChange(event)));
