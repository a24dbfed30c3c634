/**
 * The iCalendar feeds: a body's meetings (public), a person's own sign-off due dates and their runs' meetings
 * (behind a secret address from `GET /api/me/calendar-feed`), and one run's timetable (who may read the run).
 */
import { randomBytes } from 'node:crypto';
import type { Actor } from '../domain/actor';
import { notFound } from '../domain/errors';
import {
  bodyFeedEvents,
  bodyIdOfFeedFile,
  compareMeetings,
  icsFeed,
  personFeedEvents,
  runFeedEvents,
  tokenOfFeedFile,
  type FeedMeeting,
  type FeedSignoff,
  type Meeting,
} from '../domain/meetings';
import type { RunSnapshot, Stage } from '../domain/runModel';
import { now } from '../platform/clock';
import { feedToken, feedTokenHash } from '../platform/feedTokens';
import { getBody } from '../store/bodies';
import { deleteFeed, feedOf, feedOwner, putFeed, runningRunIdsAuthoredBy } from '../store/calendarFeeds';
import { linkSecret } from '../store/linkSecret';
import { getMeeting, meetingsOfBody } from '../store/meetings';
import { openSignoffsOf } from '../store/officerSignoffs';
import { loadRuns, readRun } from './readRuns';
import { publicUrl, runUrl } from './sendRunEmails';

/** `GET /calendar/bodies/{bodyId}.ics`: the body's meetings, dates and titles only. */
export async function bodyFeed(file: string): Promise<string> {
  const bodyId = bodyIdOfFeedFile(file);
  const body = bodyId && (await getBody(bodyId));
  if (!body) throw notFound(`No calendar ${file}`);
  const meetings = (await meetingsOfBody(body.id)).sort(compareMeetings);
  return icsFeed(bodyFeedEvents(body, meetings), { name: body.name, now: now() });
}

/** The calendar meetings of these stages, to give their events a time and a place. */
async function meetingsOf(stages: Stage[]): Promise<Map<string, Meeting>> {
  const ids = [...new Set(stages.map((s) => s.meetingId).filter((id): id is string => !!id))];
  const found = await Promise.all(ids.map((id) => getMeeting(id)));
  return new Map(found.filter((m): m is Meeting => !!m).map((m) => [m.meetingId, m]));
}

function placeOf(stage: Stage, meetings: Map<string, Meeting>): { time?: string; location?: string } {
  const meeting = stage.meetingId ? meetings.get(stage.meetingId) : undefined;
  // A time belongs to the meeting's own date: a stage that left it (cancelled, out of order) has none.
  if (!meeting || meeting.date !== stage.meetingDate) return {};
  return { ...(meeting.time ? { time: meeting.time } : {}), ...(meeting.location ? { location: meeting.location } : {}) };
}

/** `GET /api/runs/{runId}/timetable.ics`: the run's meetings, publication deadlines and sign-off due dates. */
export async function runTimetable(runId: string, actor: Actor): Promise<string> {
  const run = await readRun(runId, actor);
  const meetings = await meetingsOf(run.stages);
  const feed = runFeedEvents(
    {
      runId,
      plan: run.meta.plan,
      stages: run.stages.map((s) => ({ id: s.id, body: s.body, meetingDate: s.meetingDate, publishBy: s.publishBy, ...placeOf(s, meetings) })),
      signoffs: run.signoffs,
    },
    { url: runUrl(runId) },
  );
  return icsFeed(feed, { name: `${run.meta.plan.title}: timetable`, now: now() });
}

function feedUrl(token: string): string {
  return `${publicUrl()}/calendar/feeds/${token}.ics`;
}

/** `GET /api/me/calendar-feed`: the caller's feed address, made on first asking. */
export async function myCalendarFeed(actor: Actor): Promise<{ url: string; createdAt: string }> {
  const email = actor.email.toLowerCase();
  const secret = await linkSecret();
  let feed = await feedOf(email);
  if (!feed) {
    const nonce = randomBytes(32).toString('base64url');
    const made = { email, nonce, hash: feedTokenHash(feedToken(secret, nonce)), createdAt: now().toISOString() };
    feed = (await putFeed(made)) ? made : await feedOf(email);
    if (!feed) throw new Error('calendar feed vanished while it was made');
  }
  return { url: feedUrl(feedToken(secret, feed.nonce)), createdAt: feed.createdAt };
}

/** `DELETE /api/me/calendar-feed`: the address opens nothing from now on (a later GET makes a new one). */
export async function revokeMyCalendarFeed(actor: Actor): Promise<void> {
  const feed = await feedOf(actor.email.toLowerCase());
  if (feed) await deleteFeed(feed);
}

/** What a person's feed shows of one run: the sign-offs asked of them and the run's meetings still ahead. */
function personItems(run: RunSnapshot, email: string, meetings: Map<string, Meeting>): { signoffs: FeedSignoff[]; meetings: FeedMeeting[] } {
  const url = runUrl(run.meta.runId);
  const title = run.meta.plan.title;
  const bodyOf = new Map(run.stages.map((s) => [s.id, s.body]));
  return {
    signoffs: run.signoffs
      .filter((so) => so.officer.email === email && so.status === 'requested')
      .map((so) => ({ runId: run.meta.runId, signoffId: so.id, area: so.area, planTitle: title, dueBy: so.dueBy, stageBody: bodyOf.get(so.dueFor), url })),
    meetings: run.stages
      .filter((s) => s.index >= run.meta.cursor.index)
      .map((s) => ({ runId: run.meta.runId, stageId: s.id, planTitle: title, body: s.body, date: s.meetingDate, ...placeOf(s, meetings), url })),
  };
}

/** `GET /calendar/feeds/{token}.ics`: the feed of whoever the token was given to; 404 for any other. */
export async function personFeed(file: string): Promise<string> {
  const token = tokenOfFeedFile(file);
  const email = token && (await feedOwner(feedTokenHash(token)));
  if (!email) throw notFound('No such calendar feed');
  const ids = new Set([...(await openSignoffsOf(email)).map((k) => k.runId), ...(await runningRunIdsAuthoredBy(email))]);
  const runs = (await loadRuns([...ids])).filter((r) => r.meta.status === 'running');
  const meetings = await meetingsOf(runs.flatMap((r) => r.stages));
  const items = runs.map((r) => personItems(r, email, meetings));
  const events = personFeedEvents({ signoffs: items.flatMap((i) => i.signoffs), meetings: items.flatMap((i) => i.meetings) });
  return icsFeed(events, { name: 'My Ratify deadlines', now: now() });
}
