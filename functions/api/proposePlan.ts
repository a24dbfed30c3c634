/** `POST /api/plans/propose` (clerk, author): the earliest timetable on the calendar, each choice with its reason. */
import { proposeTimetable } from '../actions/proposeTimetable';
import { proposeInputSchema } from '../domain/meetings';
import { apiHandler } from '../edge/http';

export const handler = apiHandler({ name: 'ProposePlan', roles: ['clerk', 'author'], body: proposeInputSchema }, async ({ body }) => ({
  statusCode: 200,
  body: await proposeTimetable(body),
}));
