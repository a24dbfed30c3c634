/**
 * `GET /runs/{runId}`: one run's page, for whoever may read the run (as `GET /api/runs/{runId}` decides);
 * `GET /runs/{runId}/decisions/{ref}`, one of its decision notices; and `GET /decisions/{runId}/{ref}`, the same
 * notice as a public one, signed in or not, for a public report (the same function: CloudFormation counts them).
 */
import type { Actor } from '../edge/auth';
import { now } from '../platform/clock';
import { readPublicDecisions, readRun } from '../actions/readRuns';
import { DomainError } from '../domain/errors';
import { apiHandler } from '../edge/http';
import { publicPageCaller } from '../edge/pageAuth';
import { errorPage, htmlPage, layoutContext } from '../edge/pageShell';
import { runHref } from './model/links';
import type { RunSnapshot } from '../domain/runModel';
import type { RunFormState } from './model/runForms';
import { runFormsContext, runPageModel, runSummaryRows, type RunPageModel } from './model/runPage';
import { upcomingMeetingsOf } from '../actions/calendar';
import { londonDate } from '../domain/calendar';
import { pageHandler, type PageResult } from './pageHandler';
import { timelineOf, timelineText } from './model/timeline';
import { decisionNoticeModel } from './model/decisionNotice';

/** What each action's redirect says when the page comes back (`?updated=decision`). */
export const notices = {
  decision: 'The decision is recorded.',
  reschedule: 'The meeting is moved: its deadlines are worked out again.',
  withdraw: 'The run is withdrawn. Everyone named on it is told.',
  signoff: 'Your answer is recorded.',
  revision: 'The revised report is recorded. The sign-offs it affects are requested again.',
  started: 'The run has started. Every sign-off has been requested by email.',
  publication: "The agenda's despatch is recorded.",
  'late-item': "The chair's agreement to take the report as a late item is recorded.",
  'call-in': 'The call-in is recorded: the scrutiny meeting is added to the timetable.',
} as const;
type Notice = keyof typeof notices;

/** The bodies whose calendar meetings the stages the clerk may move could go to. */
function bodiesOfMovableStages(snapshot: RunSnapshot, model: RunPageModel): string[] {
  const movable = new Set((model.clerk?.reschedule ?? []).map((r) => r.value));
  return snapshot.stages.filter((s) => movable.has(s.id) && s.bodyId).map((s) => s.bodyId!);
}

export async function runPage(snapshot: RunSnapshot, actor: Actor, opts: { notice?: string; state?: RunFormState; status?: number } = {}): Promise<PageResult> {
  const at = now();
  const model = runPageModel(snapshot, at, actor);
  const meetings = await upcomingMeetingsOf(bodiesOfMovableStages(snapshot, model), londonDate(at));
  return {
    view: 'run',
    status: opts.status,
    context: {
      title: model.title,
      run: model,
      summaryRows: runSummaryRows(model),
      notice: opts.notice,
      timeline: timelineText(timelineOf(snapshot, at)),
      ...runFormsContext(model, opts.state, meetings),
    },
  };
}

const signedInPage = pageHandler({ name: 'RunPage', nav: 'dashboard' }, async ({ params, actor, query }) => {
  const snapshot = await readRun(params.runId, actor);
  // `GET /runs/{runId}/decisions/{ref}`: one decision's notice.
  if (params.ref !== undefined) {
    const model = decisionNoticeModel(snapshot, params.ref, now());
    return { view: 'decisionNotice', context: { title: model.title, notice: model } };
  }
  const notice = query.updated && query.updated in notices ? notices[query.updated as Notice] : undefined;
  return runPage(snapshot, actor, { notice });
});

const PUBLIC_NOTICE = /^\/decisions\/([^/]+)\/([^/]+)$/;

/** A public decision notice: nobody is asked to sign in. */
const publicNotice = apiHandler({ name: 'RunPage', auth: 'public' }, async ({ event }) => {
  const caller = await publicPageCaller(event, 'decision notice');
  const [, runId, ref] = PUBLIC_NOTICE.exec(event.rawPath)!.map((p) => decodeURIComponent(p));
  try {
    const model = { ...decisionNoticeModel(await readPublicDecisions(runId), ref, now()), runHref: caller ? runHref(runId) : null };
    return htmlPage(200, 'decisionNotice', { ...layoutContext(caller?.actor, 'forward-plan', undefined), title: model.title, notice: model }, { 'cache-control': 'public, max-age=60' });
  } catch (err) {
    if (err instanceof DomainError && err.code === 'not-found') return errorPage(404, 'Page not found', 'There is no public decision notice at this address.', caller?.actor);
    throw err;
  }
});

export const handler: typeof signedInPage = (event, context) =>
  PUBLIC_NOTICE.test(event.rawPath ?? '') ? publicNotice(event, context) : signedInPage(event, context);
