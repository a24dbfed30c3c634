/**
 * The demo's council calendars, made as councils publish theirs: for each body of a plan, an iCalendar file of its
 * meetings on the demo's dates (the run's own meetings and the few that follow, every four weeks), which the demo
 * imports through `POST /api/meetings/import` as a clerk would import the council's file. UIDs name the body and
 * the date, so loading the demo again (even on a later day) never moves a meeting a run is at.
 */
import { addCalendarDays, type IsoDate } from '../../../functions/domain/calendar';
import { icsFeed } from '../../../functions/domain/meetings/icsFeed';
import type { StageKind } from '../../../functions/domain/runModel';
import { slug } from '../../../functions/domain/slug';
import { addWorkingDays } from '../../../functions/domain/workingDays';
import type { DemoPlan } from './plans';

export interface DemoBody {
  id: string;
  name: string;
  kind: StageKind;
}

/** Meetings each body has after the run's last one of it: what "Move a meeting" and the planner can offer. */
export const MEETINGS_AFTER = 3;
const CYCLE_DAYS = 28;
const MEETING_TIME = '18:30';

/** The plan's bodies, each once (a body met twice, like Thanet's Cabinet, is one body), ids unique to the council. */
export function demoBodies(plan: Pick<DemoPlan, 'id' | 'stages'>): DemoBody[] {
  const bodies = new Map<string, DemoBody>();
  for (const stage of plan.stages) {
    if (!bodies.has(stage.body)) bodies.set(stage.body, { id: `${plan.id}-${slug(stage.body, 63 - plan.id.length)}`, name: stage.body, kind: stage.kind });
  }
  return [...bodies.values()];
}

/** The meeting dates of one body: those its stages were placed at, then the next few, each on a working day. */
export function bodyMeetingDates(body: DemoBody, placed: ReadonlyArray<{ body: string; meetingDate: IsoDate }>): IsoDate[] {
  const own = [...new Set(placed.filter((s) => s.body === body.name).map((s) => s.meetingDate))].sort();
  const dates = [...own];
  let last = own[own.length - 1];
  for (let i = 0; i < MEETINGS_AFTER; i++) {
    last = addWorkingDays(addCalendarDays(last, CYCLE_DAYS), 0);
    dates.push(last);
  }
  return dates;
}

/** The body's iCalendar file. */
export function demoCalendarFile(plan: Pick<DemoPlan, 'id' | 'council'>, body: DemoBody, dates: IsoDate[]): string {
  const events = dates.map((date) => ({ uid: `demo.${body.id}.${date}@${plan.id}.example.gov.uk`, date, time: MEETING_TIME, title: body.name }));
  return icsFeed(events, { name: `${plan.council}: ${body.name}` });
}
