import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImportedCalendar } from '../../../../functions/domain/meetings/imported';
import type { Meeting } from '../../../../functions/domain/meetings/meetings';
import { parseIcs } from '../../../../functions/domain/meetings/parseIcs';
import { parseModernGovMeetings } from '../../../../functions/domain/meetings/parseModernGov';
import { reconcileImport, type ImportPlan } from '../../../../functions/domain/meetings/reconcileImport';

const body = { id: 'cabinet' };

function ids() {
  let n = 0;
  return () => `m${++n}`;
}

/** The calendar after a plan is stored: what the lead's store does with it. */
function store(existing: Meeting[], plan: ImportPlan): Meeting[] {
  const changed = new Map<string, Meeting>();
  for (const m of [...plan.cancel, ...plan.update, ...plan.move.map((mv) => mv.meeting)]) changed.set(m.meetingId, m);
  return [...existing.map((m) => changed.get(m.meetingId) ?? m), ...plan.create];
}

function ics(...events: string[][]): string {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Test//EN', ...events.flat(), 'END:VCALENDAR'].join('\r\n');
}

const cabinetIcs = (start: string, ...more: string[]) => ['BEGIN:VEVENT', 'UID:cab-apr', `DTSTART;TZID=Europe/London:${start}`, ...more, 'END:VEVENT'];
const boardIcs = ['BEGIN:VEVENT', 'UID:cab-mar', 'DTSTART;VALUE=DATE:20170309', 'END:VEVENT'];

describe('importing a calendar', () => {
  it('creates each meeting it has not seen, scheduled, remembering where it came from', () => {
    const plan = reconcileImport([], parseIcs(ics(cabinetIcs('20170413T183000', 'LOCATION:Town Hall'), boardIcs)), { body, newId: ids() });
    expect(plan.create).toEqual([
      { meetingId: 'm1', body: 'cabinet', date: '2017-04-13', time: '18:30', location: 'Town Hall', status: 'scheduled', source: { kind: 'ics', uid: 'cab-apr' } },
      { meetingId: 'm2', body: 'cabinet', date: '2017-03-09', status: 'scheduled', source: { kind: 'ics', uid: 'cab-mar' } },
    ]);
    expect(plan.counts).toEqual({ created: 2, moved: 0, cancelled: 0, updated: 0, unchanged: 0, skipped: [] });
  });

  it('twice changes nothing the second time (iCalendar)', () => {
    const text = ics(cabinetIcs('20170413T183000'), boardIcs);
    const first = reconcileImport([], parseIcs(text), { body, newId: ids() });
    const second = reconcileImport(store([], first), parseIcs(text), { body, newId: ids() });
    expect(second.counts).toEqual({ created: 0, moved: 0, cancelled: 0, updated: 0, unchanged: 2, skipped: [] });
  });

  it('twice changes nothing the second time (Modern.Gov), cancelled meetings included', () => {
    const xml = readFileSync(join(__dirname, '../../../fixtures/calendars/tunbridge-wells-cabinet.moderngov.xml'), 'utf8');
    const first = reconcileImport([], parseModernGovMeetings(xml), { body, newId: ids() });
    expect(first.counts.created).toBe(6);
    expect(first.counts.skipped).toEqual([{ uid: '3105', reason: expect.stringContaining('never imported before') }]);
    const second = reconcileImport(store([], first), parseModernGovMeetings(xml), { body, newId: ids() });
    expect(second.create).toEqual([]);
    expect(second.counts).toMatchObject({ created: 0, moved: 0, cancelled: 0, updated: 0, unchanged: 6 });
  });

  it('moves a known meeting whose date or time changed, saying from where to where', () => {
    const first = store([], reconcileImport([], parseIcs(ics(cabinetIcs('20170413T183000'))), { body, newId: ids() }));
    const plan = reconcileImport(first, parseIcs(ics(cabinetIcs('20170420T180000'))), { body, newId: ids() });
    expect(plan.move).toEqual([
      { meeting: { ...first[0], date: '2017-04-20', time: '18:00' }, from: { date: '2017-04-13', time: '18:30' }, to: { date: '2017-04-20', time: '18:00' } },
    ]);
    expect(plan.counts.moved).toBe(1);
  });

  it('cancels a known meeting the file marks STATUS:CANCELLED, once', () => {
    const first = store([], reconcileImport([], parseIcs(ics(cabinetIcs('20170413T183000'))), { body, newId: ids() }));
    const cancelling = parseIcs(ics(cabinetIcs('20170413T183000', 'STATUS:CANCELLED')));
    const plan = reconcileImport(first, cancelling, { body, newId: ids() });
    expect(plan.cancel).toEqual([{ ...first[0], status: 'cancelled' }]);
    expect(reconcileImport(store(first, plan), cancelling, { body, newId: ids() }).counts).toMatchObject({ cancelled: 0, unchanged: 1 });
  });

  it('does not reinstate a meeting cancelled here when the file lists it again', () => {
    const cancelled: Meeting = { meetingId: 'm1', body: 'cabinet', date: '2017-04-13', time: '18:30', status: 'cancelled', source: { kind: 'ics', uid: 'cab-apr' } };
    const plan = reconcileImport([cancelled], parseIcs(ics(cabinetIcs('20170413T183000'))), { body, newId: ids() });
    expect(plan.create).toEqual([]);
    expect(plan.counts.skipped).toEqual([{ uid: 'cab-apr', reason: expect.stringContaining('does not reinstate') }]);
  });

  it('updates a known meeting whose venue alone changed, without moving it', () => {
    const first = store([], reconcileImport([], parseIcs(ics(cabinetIcs('20170413T183000', 'LOCATION:Town Hall'))), { body, newId: ids() }));
    const plan = reconcileImport(first, parseIcs(ics(cabinetIcs('20170413T183000', 'LOCATION:Assembly Hall Theatre'))), { body, newId: ids() });
    expect(plan.update).toEqual([{ ...first[0], location: 'Assembly Hall Theatre' }]);
    expect(plan.counts).toMatchObject({ moved: 0, updated: 1 });
  });

  it('leaves alone the meetings the file does not mention, typed ones and other bodies\' ones', () => {
    const typed: Meeting = { meetingId: 't1', body: 'cabinet', date: '2017-04-13', status: 'scheduled' };
    const councils: Meeting = { meetingId: 'c1', body: 'council', date: '2017-04-26', status: 'scheduled', source: { kind: 'ics', uid: 'cab-apr' } };
    const plan = reconcileImport([typed, councils], parseIcs(ics(cabinetIcs('20170413T183000'))), { body, newId: ids() });
    expect(plan.create.map((m) => m.source)).toEqual([{ kind: 'ics', uid: 'cab-apr' }]);
    expect([...plan.move, ...plan.cancel, ...plan.unchanged]).toEqual([]);
  });

  it('does not mistake a Modern.Gov id for the same iCalendar UID', () => {
    const fromIcs: Meeting = { meetingId: 'm1', body: 'cabinet', date: '2017-04-13', status: 'scheduled', source: { kind: 'ics', uid: '3104' } };
    const parsed: ImportedCalendar = { source: 'modern-gov', meetings: [{ uid: '3104', date: '2017-04-20', cancelled: false }], skipped: [] };
    expect(reconcileImport([fromIcs], parsed, { body, newId: ids() }).counts).toMatchObject({ created: 1, moved: 0 });
  });

  it('passes on what the parser skipped, and skips an id given twice', () => {
    const parsed: ImportedCalendar = {
      source: 'ics',
      meetings: [{ uid: 'a', date: '2017-04-13', cancelled: false }, { uid: 'a', date: '2017-04-20', cancelled: false }],
      skipped: [{ uid: 'event 3', reason: 'no UID' }],
    };
    const plan = reconcileImport([], parsed, { body, newId: ids() });
    expect(plan.create).toHaveLength(1);
    expect(plan.counts.skipped).toEqual([{ uid: 'event 3', reason: 'no UID' }, { uid: 'a', reason: expect.stringContaining('earlier') }]);
  });
});
