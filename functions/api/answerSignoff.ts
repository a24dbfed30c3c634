/** `POST /api/runs/{runId}/signoffs/{signoffId}` (the named officer, or a clerk on their behalf). */
import { answerSignoff } from '../actions/answerSignoff';
import { signoffAnswerSchema } from '../domain/signoffAnswers';
import { apiHandler } from '../edge/http';
import { signoffParams } from './params';

export const handler = apiHandler(
  { name: 'AnswerSignoff', params: signoffParams, body: signoffAnswerSchema, idempotent: true },
  async ({ params, body, actor }) => ({ statusCode: 200, body: (await answerSignoff(params, body, actor)).view }),
);
