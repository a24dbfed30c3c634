/**
 * Answering a sign-off: by its officer, their acting deputy while they are away (docs/API.md "People"), or a clerk
 * on their behalf (`POST /api/runs/{runId}/signoffs/{id}` and the sign-off page), or by the officer through the
 * e-mailed link (`/signoff/{link}`; the signed link is the credential, single use through its LINK item).
 */
import { actorRef, answerCapacity } from '../domain/access';
import type { Actor } from '../domain/actor';
import { conflict } from '../domain/errors';
import type { RunSnapshot, Signoff } from '../domain/runModel';
import { answerSentence, linkRefusal, onBehalfOf, openSignoffFor, type LinkRefusal, type SignoffAnswer } from '../domain/signoffAnswers';
import { verifyLink, type VerifiedLink } from '../platform/signoffLinks';
import { now } from '../platform/clock';
import { withRunId } from '../platform/logger';
import { linkSecret } from '../store/linkSecret';
import { getLink, releaseLink, useLink } from '../store/linkStore';
import { loadRun, putSignoffAnswer } from '../store/runStore';
import { actOn, runAction, type ActionResult } from './runAction';
import { standingInFor } from './people';
import { settleSnapshot } from './settleRun';

export function answerSignoff(params: { runId: string; signoffId: string }, body: SignoffAnswer, actor: Actor): Promise<ActionResult> {
  return runAction(params.runId, actor, async (snapshot, at) => {
    // The deputy's standing is read from the directory only for the officer of this sign-off.
    const asked = snapshot.signoffs.find((so) => so.id === params.signoffId);
    const standIns = asked && asked.officer.email !== actor.email.toLowerCase() ? await standingInFor(actor, [asked.officer.email]) : new Set<string>();
    const signoff = openSignoffFor(snapshot, params.signoffId, actor, standIns);
    const as = answerCapacity(actor, signoff, standIns)!;
    const answered = await putSignoffAnswer(params.runId, signoff.id, signoff.round, {
      status: body.result,
      comment: body.comment || null,
      by: actorRef(actor),
      at: at.toISOString(),
      as,
    });
    if (!answered) throw conflict(`The ${signoff.area} sign-off was already answered`);
    return {
      what: answerSentence(signoff.area, body.result, onBehalfOf(actor, signoff, standIns)),
      details: {
        signoffId: signoff.id,
        comment: body.comment ?? null,
        ...(as === 'officer' ? {} : { as, onBehalfOf: { name: signoff.officer.name, email: signoff.officer.email } }),
      },
    };
  });
}

/** Why a link cannot be used: not ours or unknown (404), or spent in one of these ways (410). */
export type LinkProblem = 'not-valid' | 'expired' | 'used' | LinkRefusal;
export type OpenLink = { problem: LinkProblem; snapshot?: RunSnapshot } | { link: VerifiedLink; snapshot: RunSnapshot; signoff: Signoff };

/** Checks a link and finds the sign-off it answers (GET shows it; nothing changes). */
export async function openLink(token: string): Promise<OpenLink> {
  const check = verifyLink(token, await linkSecret(), Math.floor(now().getTime() / 1000));
  if (!check.ok && check.reason !== 'expired') return { problem: 'not-valid' };
  const link = check.link!;
  withRunId(link.runId);
  const record = await getLink(link.linkId);
  if (!record) return { problem: 'not-valid' };
  if (!check.ok) return { problem: 'expired' };
  if (record.usedAt) return { problem: 'used' };
  const stored = await loadRun(link.runId);
  const signoff = stored?.signoffs.find((so) => so.id === link.signoffId);
  if (!stored || !signoff) return { problem: 'not-valid' };
  const { snapshot } = await settleSnapshot(stored);
  const current = snapshot.signoffs.find((so) => so.id === link.signoffId)!;
  const refusal = linkRefusal(snapshot, current, link.round);
  return refusal ? { problem: refusal, snapshot } : { link, snapshot, signoff: current };
}

/** Answers through the link: it is spent first, and given back if nothing could be recorded. */
export async function answerByLink(token: string, body: SignoffAnswer): Promise<OpenLink & { result?: ActionResult }> {
  const opened = await openLink(token);
  if ('problem' in opened) return opened;
  const { link, snapshot, signoff } = opened;
  const officer = { name: signoff.officer.name, email: signoff.officer.email };
  if (!(await useLink(link.linkId, now().toISOString()))) return { problem: 'used' };
  let recorded: boolean;
  try {
    recorded = await putSignoffAnswer(link.runId, signoff.id, signoff.round, { status: body.result, comment: body.comment || null, by: officer, at: now().toISOString(), as: 'officer' });
  } catch (err) {
    // Nothing was recorded: give the link back so the officer can press the button again.
    await releaseLink(link.linkId);
    throw err;
  }
  if (!recorded) return { problem: 'answered' };
  const result = await actOn(snapshot, { ...officer, roles: [] }, async () => ({
    what: answerSentence(signoff.area, body.result, ' (e-mailed link)'),
    details: { signoffId: signoff.id, comment: body.comment ?? null, via: 'link' },
  }));
  return { ...opened, result };
}
