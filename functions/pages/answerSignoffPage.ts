/**
 * `GET /runs/{runId}/signoffs/{signoffId}` shows a sign-off to its officer (or a clerk answering on their
 * behalf) with the choice to sign or ask for changes; `POST` records the answer through the API's own action.
 */
import { DomainError } from '../domain/errors';
import { fieldsOf } from '../edge/http';
import { signoffStage } from '../domain/planEmails';
import type { RunSnapshot, Signoff } from '../domain/runModel';
import { answerSignoff } from '../actions/answerSignoff';
import { MAX_SIGNOFF_COMMENT, openSignoffFor, signoffAnswerSchema } from '../domain/signoffAnswers';
import { longDate } from './model/format';
import { runHref } from './model/links';
import { pageHandler, type PageResult } from './pageHandler';
import { readRunAs } from '../actions/readRuns';
import { answerCapacity, type StandIns } from '../domain/access';
import { standingInFor } from '../actions/people';
import type { Actor } from '../domain/actor';

function answerPage(snapshot: RunSnapshot, signoff: Signoff, actor: Actor, standIns: StandIns, values: { comment: string }, error?: string): PageResult {
  const stage = signoffStage(snapshot, signoff);
  const row = (key: string, value: string) => ({ key: { text: key }, value: { text: value } });
  return {
    view: 'answerSignoff',
    status: error ? 400 : 200,
    context: {
      title: `Sign off the ${signoff.area} implications`,
      planTitle: snapshot.meta.plan.title,
      runHref: runHref(snapshot.meta.runId),
      area: signoff.area,
      onBehalf: actor.email !== signoff.officer.email ? signoff.officer.name : null,
      asDeputy: answerCapacity(actor, signoff, standIns) === 'deputy',
      rows: [
        row('Plan', snapshot.meta.plan.title),
        row('Area', signoff.area),
        row('Officer', signoff.officer.name),
        row('Before the meeting of', `${stage.body}, ${longDate(stage.meetingDate)}`),
        row('Sign off by', longDate(signoff.dueBy)),
      ],
      values,
      errors: error ? { result: error } : {},
      errorList: error ? [{ text: error, href: '#result' }] : [],
    },
  };
}

export const handler = pageHandler({ name: 'AnswerSignoffPage', nav: 'signoffs' }, async ({ method, params, actor, form }) => {
  const read = await readRunAs(params.runId, actor);
  const { snapshot } = read;
  // A clerk who is also the officer's acting deputy answers as the deputy: say so on the page too.
  const asked = snapshot.signoffs.find((so) => so.id === params.signoffId);
  const standIns = read.standIns.size || !asked || asked.officer.email === actor.email ? read.standIns : await standingInFor(actor, [asked.officer.email]);
  const signoff = openSignoffFor(snapshot, params.signoffId, actor, standIns);
  const page = (values: { comment: string }, error?: string) => answerPage(snapshot, signoff, actor, standIns, values, error);
  if (method !== 'POST') return page({ comment: '' });

  const comment = form.get('comment') ?? '';
  const parsed = signoffAnswerSchema.safeParse({ result: form.get('result') ?? undefined, comment });
  if (!parsed.success) {
    const fields = fieldsOf(parsed.error);
    const text = fields.comment ? `Your comment must be ${MAX_SIGNOFF_COMMENT.toLocaleString('en-GB')} characters or fewer` : 'Select whether you sign off or ask for changes';
    return page({ comment }, text);
  }
  try {
    await answerSignoff({ runId: snapshot.meta.runId, signoffId: signoff.id }, parsed.data, actor);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'conflict') return page({ comment }, err.message);
    throw err;
  }
  return { redirect: `${runHref(snapshot.meta.runId)}?updated=signoff` };
});
