/**
 * The morning re-import of the calendars councils publish: every body that names a feed has it read and imported
 * as a clerk's `POST /api/meetings/import` would (idempotent by source id; moves and cancellations carry their
 * runs). One body's feed failing does not stop the others; each outcome is logged and answered.
 */
import type { Actor } from '../domain/actor';
import { DomainError } from '../domain/errors';
import { fetchCalendarFeed, FeedUnreadable } from '../platform/fetchCalendarFeed';
import { logger } from '../platform/logger';
import { listBodies } from '../store/bodies';
import { importMeetings, type ImportSummary } from './importMeetings';

/** Who the audit trail says moved a meeting the feed moved. */
export const FEED_ACTOR: Actor = { email: 'calendar-feed@ratify.invalid', name: "The council's calendar feed (morning import)", roles: ['clerk'] };

export type FeedOutcome = { bodyId: string; url: string } & ({ ok: true; summary: ImportSummary } | { ok: false; problem: string });

export async function reimportFeeds(): Promise<FeedOutcome[]> {
  const outcomes: FeedOutcome[] = [];
  let failure: unknown;
  for (const body of await listBodies()) {
    if (!body.feed) continue;
    const { url } = body.feed;
    try {
      const feed = await fetchCalendarFeed(url);
      const summary = await importMeetings(body.id, feed.contentType, feed.text, FEED_ACTOR);
      logger.info('calendar feed imported', { bodyId: body.id, url, created: summary.created, moved: summary.moved, cancelled: summary.cancelled, skipped: summary.skipped.length });
      outcomes.push({ bodyId: body.id, url, ok: true, summary });
    } catch (err) {
      // A feed that cannot be read or is not a calendar is the council's to mend; anything else is ours (rethrown below).
      if (!(err instanceof FeedUnreadable) && !(err instanceof DomainError)) {
        logger.error('calendar feed import failed', { bodyId: body.id, url, error: err as Error });
        failure ??= err;
        continue;
      }
      const problem = err instanceof DomainError ? `${err.message}${err.fields ? `: ${Object.values(err.fields).join('; ')}` : ''}` : `the feed ${err.message}`;
      logger.warn('calendar feed not imported', { bodyId: body.id, url, problem });
      outcomes.push({ bodyId: body.id, url, ok: false, problem });
    }
  }
  // Ours to mend (the store, say): the run fails, so the schedule's retry and the alarm see it; the others are in.
  if (failure) throw failure;
  return outcomes;
}
