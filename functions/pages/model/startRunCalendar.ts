/**
 * The start-a-run form on the council's calendar: a stage row whose body is on the calendar offers that body's
 * next scheduled meetings (the meeting picker), a chosen meeting gives the row its date and kind, and "Find the
 * earliest dates" fills every row with the earliest meeting that fits (`POST /api/plans/propose`'s rules), saying
 * why under each. A row whose body is not on the calendar keeps its typed date.
 */
import type { Problem } from '../../domain/errors';
import { bodyNamed, type Body, type Meeting, type ProposedPlan } from '../../domain/meetings';
import { partsFromIso } from './dateParts';
import { longDate } from './format';
import { stageIdsOf, type FormError, type StageRow, type StartRunValues } from './startRunForm';

/** What the form knows of the calendar: the bodies, the meetings each body offers, and the meetings rows chose. */
export interface StartFormCalendar {
  bodies: readonly Body[];
  /** Upcoming scheduled meetings, by body id, in date order. */
  offers: ReadonlyMap<string, readonly Meeting[]>;
  /** Every meeting a row names (offered or not), by meeting id. */
  chosen: ReadonlyMap<string, Meeting>;
}

export const emptyCalendar: StartFormCalendar = { bodies: [], offers: new Map(), chosen: new Map() };

const isFilled = (r: StageRow) => !!(r.body || r.kind || r.day || r.month || r.year || r.meetingId);

/** The calendar bodies of the rows (by the names typed), to look up their meetings. */
export function rowBodies(values: StartRunValues, bodies: readonly Body[]): Body[] {
  return values.stages.flatMap((r) => bodyNamed(bodies, r.body) ?? []);
}

/**
 * Each row at a meeting it chose takes the meeting's body, kind and date (what the run will have); a meeting the
 * calendar does not know is left as chosen, for the API to refuse on the row's meeting field.
 */
export function withChosenMeetings(values: StartRunValues, calendar: StartFormCalendar): StartRunValues {
  const byId = new Map(calendar.bodies.map((b) => [b.id, b]));
  const stages = values.stages.map((row) => {
    const meeting = row.meetingId ? calendar.chosen.get(row.meetingId) : undefined;
    const body = meeting && byId.get(meeting.body);
    if (!meeting || !body) return row;
    return { ...row, body: body.name, kind: body.kind, ...partsFromIso(meeting.date) };
  });
  return { ...values, stages };
}

/** The words a meeting is offered with: "Tuesday 7 March 2017, 6:30pm" (cancelled ones say so). */
function meetingText(m: Meeting): string {
  const time = m.time ? `, ${m.time}` : '';
  return `${longDate(m.date)}${time}${m.status === 'cancelled' ? ' (cancelled)' : ''}`;
}

/**
 * The picker of a row: its body's upcoming meetings (and the one it chose, if not among them), after "not on the
 * calendar: type the date"; undefined when the row's body is not on the calendar and no meeting is chosen.
 */
export function meetingItemsOf(row: StageRow, calendar: StartFormCalendar): Array<{ value: string; text: string; selected: boolean }> | undefined {
  const body = row.body ? bodyNamed(calendar.bodies, row.body) : undefined;
  const chosen = row.meetingId ? calendar.chosen.get(row.meetingId) : undefined;
  if (!body && !row.meetingId) return undefined;
  const offered = [...(body ? (calendar.offers.get(body.id) ?? []) : [])];
  if (chosen && !offered.some((m) => m.meetingId === chosen.meetingId)) offered.push(chosen);
  offered.sort((a, b) => a.date.localeCompare(b.date));
  const items = offered.map((m) => ({ value: m.meetingId, text: meetingText(m), selected: m.meetingId === row.meetingId }));
  const unknown = row.meetingId && !chosen ? [{ value: row.meetingId, text: `Meeting ${row.meetingId} (not on the calendar)`, selected: true }] : [];
  return [{ value: '', text: 'Not on the calendar: type the date below', selected: !row.meetingId }, ...items, ...unknown];
}

/** The rows to plan: every filled-in row, each at a calendar body (by the name typed), or an error on each that is not. */
export function planStagesOf(
  values: StartRunValues,
  bodies: readonly Body[],
): { stages: Array<{ id: string; body: string }>; rows: number[] } | { errors: FormError[] } {
  const ids = stageIdsOf(values.stages);
  const rows = values.stages.map((r, i) => (isFilled(r) ? i : -1)).filter((i) => i >= 0);
  if (!rows.length) {
    return { errors: [{ id: 'stages-0-body', href: '#stages-0-body', text: 'Enter the bodies of the stages, or choose a route, then select "Find the earliest dates"' }] };
  }
  const errors: FormError[] = [];
  const stages = rows.map((i) => {
    const row = values.stages[i];
    const body = row.body ? bodyNamed(bodies, row.body) : undefined;
    if (!body) {
      const text = row.body
        ? `${row.body} (stage ${i + 1}) is not on the calendar: type its meeting date, or add its meetings to the calendar`
        : `Enter the body that meets at stage ${i + 1}`;
      errors.push({ id: `stages-${i}-body`, href: `#stages-${i}-body`, text });
    }
    return { id: ids[i], body: body?.id ?? '' };
  });
  return errors.length ? { errors } : { stages, rows };
}

/** The proposal in the rows it was made for: each row at its meeting, with the reason shown under it. */
export function withProposal(values: StartRunValues, rows: readonly number[], plan: ProposedPlan, calendar: Pick<StartFormCalendar, 'bodies'>): StartRunValues {
  const byId = new Map(calendar.bodies.map((b) => [b.id, b]));
  const stages = values.stages.map((row) => ({ ...row, why: '' }));
  plan.stages.forEach((proposed, k) => {
    const i = rows[k];
    const body = byId.get(proposed.body);
    stages[i] = {
      ...stages[i],
      body: body?.name ?? stages[i].body,
      kind: body?.kind ?? stages[i].kind,
      meetingId: proposed.meetingId,
      ...partsFromIso(proposed.meetingDate),
      why: proposed.why,
    };
  });
  return { ...values, stages };
}

/** A planning refusal (`stages.N.body`: no meeting fits, and why) on the row it is about. */
export function planErrors(problems: Record<string, string | Problem>, rows: readonly number[]): FormError[] {
  return Object.entries(problems).map(([key, p]) => {
    const k = Number(/^stages\.(\d+)\./.exec(key)?.[1] ?? 0);
    const row = rows[k] ?? 0;
    const why = typeof p === 'string' ? p : p.message;
    return { id: `stages-${row}-body`, href: `#stages-${row}-body`, text: `No meeting fits stage ${row + 1}: ${why}` };
  });
}
