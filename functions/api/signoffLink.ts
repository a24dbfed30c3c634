/**
 * `GET /signoff/{link}` shows the sign-off an e-mailed link asks for (a GOV.UK Design System page);
 * `POST /signoff/{link}` (the page's form) records the answer. Public routes: the signed link is the credential.
 * E-mail scanners pre-fetch links, so GET never changes anything. A link signs once: used or expired -> 410;
 * tampered or unknown -> 404.
 */
import { z } from 'zod';
import { apiHandler, type ApiAnswer } from '../edge/http';
import { now } from '../platform/clock';
import { withRunId } from '../platform/logger';
import { longDate } from '../domain/emails/dates';
import { signoffStage } from '../domain/planEmails';
import type { RunSnapshot, Signoff } from '../domain/runModel';
import { verifyLink, type VerifiedLink } from '../edge/signoffLinks';
import { renderView } from '../pages/render';
import { linkSecret } from '../store/linkSecret';
import { getLink, releaseLink, useLink } from '../store/linkStore';
import { loadRun, putSignoffAnswer } from '../store/runStore';
import { answerSentence, signoffAnswerSchema } from './answerSignoff';
import { completeAction, stateNow } from './runActions';

function page(statusCode: number, context: Record<string, unknown>): ApiAnswer {
  return {
    statusCode,
    body: renderView('signoffLink', context),
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'referrer-policy': 'no-referrer' },
  };
}

const notValid = () => page(404, { title: 'This link is not valid', message: 'Check that you copied the whole link from the e-mail.' });
const spent = (message: string) => page(410, { title: 'This link can no longer be used', message });

type Resolved = { answer: ApiAnswer } | { link: VerifiedLink; snapshot: RunSnapshot; signoff: Signoff };

/** Checks the link and finds the sign-off it is for, or the page that says why it cannot be used. */
async function resolve(token: string): Promise<Resolved> {
  const at = now();
  const check = verifyLink(token, await linkSecret(), Math.floor(at.getTime() / 1000));
  if (!check.ok && check.reason !== 'expired') return { answer: notValid() };
  const link = check.link!;
  withRunId(link.runId);
  const record = await getLink(link.linkId);
  if (!record) return { answer: notValid() };
  if (!check.ok) return { answer: spent('It has expired. Ask the clerk for the sign-off to be sent again, or answer it in Ratify.') };
  if (record.usedAt) return { answer: spent('It has been used already: each link signs off once.') };
  const snapshot = await loadRun(link.runId);
  const signoff = snapshot?.signoffs.find((so) => so.id === link.signoffId);
  if (!snapshot || !signoff) return { answer: notValid() };
  if (snapshot.meta.status !== 'running') return { answer: spent(`The run of ${snapshot.meta.plan.title} has ended (${snapshot.meta.status}).`) };
  if (signoff.round !== link.round) return { answer: spent('The report has been revised since: use the link in the latest e-mail.') };
  if (signoff.status !== 'requested') return { answer: spent('This sign-off has been answered already.') };
  return { link, snapshot, signoff };
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
  const resolved = await resolve(params.link);
  if ('answer' in resolved) return resolved.answer;
  const { snapshot, signoff } = resolved;
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
    const resolved = await resolve(params.link);
    if ('answer' in resolved) return resolved.answer;
    const { link, snapshot, signoff } = resolved;
    const at = now().toISOString();
    if (!(await useLink(link.linkId, at))) return spent('It has been used already: each link signs off once.');
    const before = stateNow(snapshot);
    const officer = { name: signoff.officer.name, email: signoff.officer.email };
    let recorded: boolean;
    try {
      recorded = await putSignoffAnswer(link.runId, signoff.id, signoff.round, {
        status: body.result,
        comment: body.comment || null,
        by: officer,
        at,
      });
    } catch (err) {
      // Nothing was recorded: give the link back so the officer can press the button again.
      await releaseLink(link.linkId);
      throw err;
    }
    if (!recorded) return spent('This sign-off has been answered already.');
    const what = answerSentence(signoff.area, body.result, ' (e-mailed link)');
    await completeAction(link.runId, { ...officer, roles: [] }, what, before, { signoffId: signoff.id, comment: body.comment ?? null, via: 'link' });
    return page(200, {
      view: 'done',
      title: body.result === 'signed' ? 'Signed off' : 'Changes requested',
      message: body.result === 'signed' ? `Thank you: the ${signoff.area} sign-off is recorded.` : `The author has been told that you asked for changes.`,
      rows: rows(snapshot, signoff),
    });
  },
);
