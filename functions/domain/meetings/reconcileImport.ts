/**
 * What an import changes on the calendar: the file's meetings matched against the body's stored ones by their
 * source id (`source.kind` and `source.uid`), so importing the same file twice changes nothing.
 *
 * - new in the file: created (a cancelled one never seen before is skipped: there is nothing to cancel);
 * - known, with another date or time: moved (runs at it follow, API.md);
 * - known, cancelled in the file: cancelled;
 * - known, only the venue changed: updated (no run needs to hear of it);
 * - known and the same: unchanged;
 * - known but cancelled here, listed again as scheduled: skipped (an import never reinstates a meeting the clerk
 *   or an earlier import cancelled: runs have moved on from it; the clerk adds it again if it is back on).
 * Meetings the file does not mention are left alone: a file may cover only a few months.
 */
import type { Body } from './bodies';
import type { ImportedCalendar, ImportedMeeting, SkippedEntry } from './imported';
import { slotOf, type Meeting, type MeetingSlot } from './meetings';

export interface MeetingMove {
  /** The meeting as it is to be stored (new date or time). */
  meeting: Meeting;
  from: MeetingSlot;
  to: MeetingSlot;
}

export interface ImportPlan {
  create: Meeting[];
  move: MeetingMove[];
  cancel: Meeting[];
  /** Only the location changed. */
  update: Meeting[];
  unchanged: Meeting[];
  skipped: SkippedEntry[];
  /** The import's answer (API.md), with `updated` for venue-only changes. */
  counts: { created: number; moved: number; cancelled: number; updated: number; unchanged: number; skipped: SkippedEntry[] };
}

export interface ReconcileOptions {
  body: Pick<Body, 'id'>;
  /** A fresh meeting id for each meeting created (the caller's id scheme). */
  newId: () => string;
}

function sourceKey(kind: string, uid: string): string {
  return `${kind}\n${uid}`;
}

function withSlot(meeting: Meeting, imported: ImportedMeeting): Meeting {
  const next: Meeting = { ...meeting, date: imported.date };
  if (imported.time !== undefined) next.time = imported.time;
  else delete next.time;
  return next;
}

function withLocation(meeting: Meeting, imported: ImportedMeeting): Meeting {
  // A file that gives no venue leaves the stored one (a clerk may have typed it).
  return imported.location !== undefined ? { ...meeting, location: imported.location } : meeting;
}

export function reconcileImport(existing: Meeting[], parsed: ImportedCalendar, options: ReconcileOptions): ImportPlan {
  const known = new Map<string, Meeting>();
  for (const meeting of existing) {
    if (meeting.body === options.body.id && meeting.source) known.set(sourceKey(meeting.source.kind, meeting.source.uid), meeting);
  }
  const plan: Omit<ImportPlan, 'counts'> = { create: [], move: [], cancel: [], update: [], unchanged: [], skipped: [...parsed.skipped] };
  const seen = new Set<string>();

  for (const imported of parsed.meetings) {
    const key = sourceKey(parsed.source, imported.uid);
    // The parsers read a UID once; this keeps a plan sound whatever it is given.
    if (seen.has(key)) {
      plan.skipped.push({ uid: imported.uid, reason: 'the same id appears earlier in the file' });
      continue;
    }
    seen.add(key);
    const stored = known.get(key);

    if (!stored) {
      if (imported.cancelled) {
        plan.skipped.push({ uid: imported.uid, reason: 'cancelled, and never imported before: there is nothing to cancel' });
        continue;
      }
      const meeting: Meeting = {
        meetingId: options.newId(),
        body: options.body.id,
        date: imported.date,
        ...(imported.time !== undefined ? { time: imported.time } : {}),
        ...(imported.location !== undefined ? { location: imported.location } : {}),
        status: 'scheduled',
        source: { kind: parsed.source, uid: imported.uid },
      };
      plan.create.push(meeting);
      continue;
    }

    if (stored.status === 'cancelled') {
      if (imported.cancelled) plan.unchanged.push(stored);
      else plan.skipped.push({ uid: imported.uid, reason: `meeting ${stored.meetingId} was cancelled: an import does not reinstate it (add it again)` });
      continue;
    }
    if (imported.cancelled) {
      plan.cancel.push({ ...stored, status: 'cancelled' });
      continue;
    }
    const moved = withLocation(withSlot(stored, imported), imported);
    if (moved.date !== stored.date || moved.time !== stored.time) {
      plan.move.push({ meeting: moved, from: slotOf(stored), to: slotOf(moved) });
    } else if (moved.location !== stored.location) {
      plan.update.push(moved);
    } else {
      plan.unchanged.push(stored);
    }
  }

  return {
    ...plan,
    counts: {
      created: plan.create.length,
      moved: plan.move.length,
      cancelled: plan.cancel.length,
      updated: plan.update.length,
      unchanged: plan.unchanged.length,
      skipped: plan.skipped,
    },
  };
}
