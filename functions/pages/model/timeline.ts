/**
 * A run's timeline picture (docs/API.md "Exports": `/runs/{runId}/timeline.svg`): one lane per stage on a date
 * axis, with the meeting, the publication deadline and the sign-offs due for it, today's line, and what is late in
 * red. The same model gives the page its text alternative, so the picture never says what the words do not.
 * Pure: the run and the clock in, the model (and the SVG text) out.
 */
import { addCalendarDays, compareDates, londonDate, toDayNumber, type IsoDate } from '../../domain/calendar';
import { longDate } from '../../domain/emails/dates';
import { decisionOf, type RunSnapshot } from '../../domain/runModel';
import { stagesAwaitingPublication } from '../../domain/runPhase';

export interface TimelineMark {
  date: IsoDate;
  kind: 'meeting' | 'publication' | 'signoff';
  /** In words: "Legal sign-off (Keith Trowell) due by Wednesday 1 February 2017". */
  text: string;
  done: boolean;
  late: boolean;
}

export interface TimelineLane {
  label: string;
  current: boolean;
  marks: TimelineMark[];
  /** Where the lane's words link to (the portfolio's lanes go to their runs). */
  href?: string;
}

export interface Timeline {
  title: string;
  today: IsoDate;
  from: IsoDate;
  to: IsoDate;
  lanes: TimelineLane[];
}

export function timelineOf(snapshot: RunSnapshot, now: Date): Timeline {
  const today = londonDate(now);
  const { meta } = snapshot;
  const running = meta.status === 'running';
  const awaiting = new Set(stagesAwaitingPublication(snapshot, now).map((s) => s.id));
  const lanes = snapshot.stages.map((stage): TimelineLane => {
    const decided = stage.index < meta.cursor.index || Boolean(decisionOf(snapshot, stage.index, meta.cursor.round));
    const current = running && stage.index === meta.cursor.index;
    const marks: TimelineMark[] = [];
    const publicationLate = running && awaiting.has(stage.id) && compareDates(stage.publishBy, today) < 0;
    marks.push({
      date: stage.publishBy,
      kind: 'publication',
      text: `Report published by ${longDate(stage.publishBy)}${publicationLate ? ': late' : ''}`,
      done: !awaiting.has(stage.id) && (decided || Boolean(stage.publishedAt)),
      late: publicationLate,
    });
    for (const so of snapshot.signoffs.filter((s) => s.dueFor === stage.id && !s.delegation)) {
      const late = running && so.status === 'requested' && compareDates(so.dueBy, today) < 0;
      const state = so.status === 'signed' ? 'signed' : so.status === 'changes-requested' ? 'changes requested' : late ? 'late' : 'due';
      marks.push({ date: so.dueBy, kind: 'signoff', text: `${so.area} sign-off (${so.officer.name}) due by ${longDate(so.dueBy)}: ${state}`, done: so.status === 'signed', late });
    }
    const decisionLate = current && !decided && compareDates(stage.meetingDate, today) < 0;
    marks.push({
      date: stage.meetingDate,
      kind: 'meeting',
      text: `Meeting on ${longDate(stage.meetingDate)}${decided ? ': decided' : decisionLate ? ': decision not yet recorded' : ''}`,
      done: decided,
      late: decisionLate,
    });
    return { label: stage.body, current, marks: marks.sort((a, b) => compareDates(a.date, b.date)) };
  });
  return framed(meta.plan.title, today, lanes);
}

/** The date axis around every mark and today, a week either side. */
function framed(title: string, today: IsoDate, lanes: TimelineLane[]): Timeline {
  const dates = [today, ...lanes.flatMap((l) => l.marks.map((m) => m.date))].sort(compareDates);
  return { title, today, from: addCalendarDays(dates[0], -7), to: addCalendarDays(dates[dates.length - 1], 7), lanes };
}

/**
 * Every run in flight on one axis (`/timeline`): a lane per run with each stage's meeting, and whatever is late
 * (a deadline missed, a decision not recorded) on the day it was due.
 */
export function portfolioTimelineOf(runs: RunSnapshot[], now: Date, hrefOf: (runId: string) => string): Timeline {
  const lanes = runs.map((run): TimelineLane => {
    const own = timelineOf(run, now);
    const marks = own.lanes.flatMap((lane) => lane.marks.filter((m) => m.kind === 'meeting' || m.late).map((m) => ({ ...m, text: `${lane.label}: ${m.text}` })));
    return { label: run.meta.plan.title, current: false, href: hrefOf(run.meta.runId), marks: marks.sort((a, b) => compareDates(a.date, b.date)) };
  });
  return framed('every plan in flight', londonDate(now), lanes);
}

/** The timeline in words, lane by lane: the text alternative the page shows beside the picture. */
export function timelineText(t: Timeline): Array<{ label: string; items: string[] }> {
  return t.lanes.map((l) => ({ label: `${l.label}${l.current ? ' (current stage)' : ''}`, items: l.marks.map((m) => m.text) }));
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

const LABEL_WIDTH = 240;
const PLOT_WIDTH = 720;
const LANE_HEIGHT = 44;
const TOP = 40;
const RED = '#d4351c';
const BLACK = '#0b0c0c';
const GREY = '#505a5f';
const GREEN = '#00703c';
const monthName = new Intl.DateTimeFormat('en-GB', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/**
 * The picture as SVG text: its `<title>` names the plan, its `<desc>` says how to read it. Only a viewBox, no size:
 * the picture takes the width it is given (the pages' CSP allows no inline style to size it).
 */
export function timelineSvg(t: Timeline): string {
  const start = toDayNumber(t.from);
  const span = Math.max(1, toDayNumber(t.to) - start);
  const x = (date: IsoDate) => LABEL_WIDTH + ((toDayNumber(date) - start) / span) * PLOT_WIDTH;
  const height = TOP + t.lanes.length * LANE_HEIGHT + 20;
  // Room on the right for the last month's label.
  const width = LABEL_WIDTH + PLOT_WIDTH + 70;
  const parts: string[] = [];
  // Month ticks: the first of each month in range.
  for (let m = firstOfNextMonth(t.from); compareDates(m, t.to) <= 0; m = firstOfNextMonth(m)) {
    const mx = x(m).toFixed(1);
    parts.push(`<line x1="${mx}" y1="${TOP - 8}" x2="${mx}" y2="${height - 20}" stroke="#b1b4b6" stroke-width="1"/>`);
    parts.push(`<text x="${mx}" y="${TOP - 14}" font-size="12" fill="${GREY}">${esc(monthName.format(new Date(`${m}T00:00:00Z`)))}</text>`);
  }
  t.lanes.forEach((lane, i) => {
    const y = TOP + i * LANE_HEIGHT + LANE_HEIGHT / 2;
    // No links inside: the picture is one image to assistive technology; the words beside it carry the links.
    parts.push(`<text x="8" y="${y + 4}" font-size="14" fill="${BLACK}"${lane.current ? ' font-weight="bold"' : ''}>${esc(truncate(lane.label, 30))}</text>`);
    parts.push(`<line x1="${LABEL_WIDTH}" y1="${y}" x2="${LABEL_WIDTH + PLOT_WIDTH}" y2="${y}" stroke="#f3f2f1" stroke-width="8"/>`);
    for (const m of lane.marks) {
      const mx = x(m.date).toFixed(1);
      const colour = m.late ? RED : m.done ? GREEN : BLACK;
      const title = `<title>${esc(`${lane.label}: ${m.text}`)}</title>`;
      if (m.kind === 'meeting') parts.push(`<circle cx="${mx}" cy="${y}" r="8" fill="${colour}">${title}</circle>`);
      else if (m.kind === 'publication') parts.push(`<rect x="${Number(mx) - 6}" y="${y - 6}" width="12" height="12" transform="rotate(45 ${mx} ${y})" fill="${colour}">${title}</rect>`);
      else parts.push(`<line x1="${mx}" y1="${y - 10}" x2="${mx}" y2="${y + 10}" stroke="${colour}" stroke-width="3">${title}</line>`);
    }
  });
  const tx = x(t.today).toFixed(1);
  parts.push(`<line x1="${tx}" y1="${TOP - 8}" x2="${tx}" y2="${height - 12}" stroke="#1d70b8" stroke-width="2" stroke-dasharray="4 3"/>`);
  parts.push(`<text x="${tx}" y="${height - 2}" font-size="12" fill="#1d70b8" text-anchor="middle">Today</text>`);
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="timeline-title timeline-desc" font-family="Arial, sans-serif">`,
    `<title id="timeline-title">${esc(`Timeline of ${t.title}`)}</title>`,
    `<desc id="timeline-desc">${esc(`Each stage's meeting (circle), publication deadline (diamond) and sign-off due dates (bars) from ${longDate(t.from)} to ${longDate(t.to)}; late items in red, done in green; the dashed line is today, ${longDate(t.today)}.`)}</desc>`,
    ...parts,
    '</svg>',
  ].join('\n');
}

function firstOfNextMonth(date: IsoDate): IsoDate {
  const [y, m] = date.split('-').map(Number);
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}

function truncate(s: string, n: number): string {
  return s.length <= n ? s : `${s.slice(0, n - 1)}…`;
}
