/**
 * `GET /signoff/{link}` shows the sign-off an e-mailed link asks for (a GOV.UK Design System page);
 * `POST /signoff/{link}` (the page's form) records the answer. Public routes: the signed link is the credential.
 * E-mail scanners pre-fetch links, so GET never changes anything. A link signs once: used or expired -> 410;
 * tampered or unknown -> 404.
 */
import { z } from 'zod';
import { answerByLink, openLink, type LinkProblem } from '../actions/answerSignoff';
import { longDate } from '../domain/emails/dates';
import { signoffStage } from '../domain/planEmails';
import type { RunSnapshot, Signoff } from '../domain/runModel';
import { signoffAnswerSchema } from '../domain/signoffAnswers';
import { apiHandler, type ApiAnswer } from '../edge/http';
import { renderView } from '../edge/render';

function page(statusCode: number, context: Record<string, unknown>): ApiAnswer {
  return {
    statusCode,
    body: renderView('signoffLink', context),
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  };
}

/** The page saying why a link cannot be used: 404 when it is not ours, 410 when it is spent. */
function refusal(problem: LinkProblem, snapshot?: RunSnapshot): ApiAnswer {
  if (problem === 'not-valid') return page(404, { title: 'This link is not valid', message: 'Check that you copied the whole link from the e-mail.' });
  const messages: Record<Exclude<LinkProblem, 'not-valid'>, string> = {
    expired: 'It has expired. Ask the clerk for the sign-off to be sent again, or answer it in Ratify.',
    used: 'It has been used already: each link signs off once.',
    ended: `The run of ${snapshot?.meta.plan.title ?? 'this plan'} has ended (${snapshot?.meta.status ?? 'finished'}).`,
    revised: 'The report has been revised since: use the link in the latest e-mail.',
    answered: 'This sign-off has been answered already.',
  };
  return page(410, { title: 'This link can no longer be used', message: messages[problem] });
}

function rows(snapshot: RunSnapshot, signoff: Signoff) {
  const stage = signoffStage(snapshot, signoff);
  return [
    { key: { text: 'Plan' }, value: { text: snapshot.meta.plan.title } },
    { key: { text: 'Area' }, value: { text: signoff.area } },
    { key: { text: 'Stage' }, value: { text: stage.body } },
    { key: { text: 'Meeting' }, value: { text: longDate(stage.meetingDate) } },
    { key: { text: 'Sign off by' }, value: { text: longDate(signoff.dueBy) } },
    { key: { text: 'Officer' }, value: { text: signoff.officer.name } },
  ];
}

// Any length: a link that does not verify is a 404 like any other.
const linkParams = z.object({ link: z.string().min(1) });

export const showHandler = apiHandler({ name: 'SignoffLinkPage', auth: 'public', params: linkParams }, async ({ params }) => {
  const opened = await openLink(params.link);
  if ('problem' in opened) return refusal(opened.problem, opened.snapshot);
  const { snapshot, signoff } = opened;
  return page(200, {
    view: 'ask',
    title: `Sign off the ${signoff.area} implications`,
    planTitle: snapshot.meta.plan.title,
    area: signoff.area,
    officer: signoff.officer.name,
    body: signoffStage(snapshot, signoff).body,
    rows: rows(snapshot, signoff),
  });
});

export const answerHandler = apiHandler(
  { name: 'SignoffLinkAnswer', auth: 'public', params: linkParams, body: signoffAnswerSchema, bodyFormat: 'form' },
  async ({ params, body }) => {
    const answered = await answerByLink(params.link, body);
    if ('problem' in answered) return refusal(answered.problem, answered.snapshot);
    const { snapshot, signoff } = answered;
    return page(200, {
      view: 'done',
      title: body.result === 'signed' ? 'Signed off' : 'Changes requested',
      message: body.result === 'signed' ? `Thank you: the ${signoff.area} sign-off is recorded.` : `The author has been told that you asked for changes.`,
      rows: rows(snapshot, signoff),
    });
  },
);
