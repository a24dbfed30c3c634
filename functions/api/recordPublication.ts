/** `POST /api/runs/{runId}/stages/{stageId}/publication` (clerk) `{"publishedOn", "agendaUrl"}`: the agenda went. */
import { recordPublication } from '../actions/recordPublication';
import { publicationInputSchema } from '../domain/publication';
import { apiHandler } from '../edge/http';
import { stageParams } from './params';

export const handler = apiHandler(
  { name: 'RecordPublication', roles: ['clerk'], params: stageParams, body: publicationInputSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await recordPublication(params, body, actor)).view }),
);
