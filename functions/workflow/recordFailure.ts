/** The state machine's RecordFailure step (actions/recordWorkflowFailure.ts). */
import { recordFailure } from '../actions/recordWorkflowFailure';
import { workflowHandler } from '../edge/workflowEvent';
import { failureEventSchema } from '../domain/workflowEvents';
import { retryingTransients } from '../platform/retryableError';

export const handler = workflowHandler('RecordFailure', failureEventSchema, (event) => retryingTransients(() => recordFailure(event)));
