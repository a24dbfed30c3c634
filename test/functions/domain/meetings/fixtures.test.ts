/**
 * The seed councils' calendars (test/fixtures/calendars), as the end-to-end tests and the demo import them: one
 * council-wide iCalendar file each, every event filed under its body's id in CATEGORIES.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { bodySchema, type Body } from '../../../../functions/domain/meetings/bodies';
import { meetingsOfBody } from '../../../../functions/domain/meetings/imported';
import type { Meeting } from '../../../../functions/domain/meetings/meetings';
import { parseIcs } from '../../../../functions/domain/meetings/parseIcs';
import { proposePlan } from '../../../../functions/domain/meetings/proposePlan';
import { reconcileImport } from '../../../../functions/domain/meetings/reconcileImport';

const fixture = (name: string) => readFileSync(join(__dirname, '../../../fixtures/calendars', name), 'utf8');

/** Every body's meetings imported from the council's file, as the store would hold them. */
function importCouncil(file: string, bodies: Body[]): Meeting[] {
  const parsed = parseIcs(fixture(file), { today: '2017-01-09' });
  expect(parsed.skipped).toEqual([]);
  let n = 0;
  return bodies.flatMap((body) => reconcileImport([], meetingsOfBody(parsed, body), { body, newId: () => `${body.id}-${++n}` }).create);
}

const datesOf = (meetings: Meeting[], bodyId: string) => meetings.filter((m) => m.body === bodyId).map((m) => m.date);

describe('the Tunbridge Wells calendar', () => {
  const bodies = [
    bodySchema.parse({ id: 'tw-csp', name: 'Community Safety Partnership', kind: 'partnership' }),
    bodySchema.parse({ id: 'tw-management-board', name: 'Management Board', kind: 'board' }),
    bodySchema.parse({ id: 'tw-communities-cab', name: 'Communities Cabinet Advisory Board', kind: 'advisory' }),
    bodySchema.parse({ id: 'tw-overview-scrutiny', name: 'Overview and Scrutiny Committee', kind: 'scrutiny' }),
    bodySchema.parse({ id: 'tw-cabinet', name: 'Cabinet', kind: 'executive' }),
    bodySchema.parse({ id: 'tw-full-council', name: 'Full Council', kind: 'council' }),
  ];
  const meetings = importCouncil('tunbridge-wells-2017.ics', bodies);

  it('has every body\'s meetings, the CSP plan\'s among them, with London times', () => {
    expect(meetings).toHaveLength(21);
    expect(datesOf(meetings, 'tw-cabinet')).toEqual(['2017-02-09', '2017-03-09', '2017-04-13', '2017-06-08']);
    expect(meetings.find((m) => m.date === '2017-04-13')).toMatchObject({ time: '18:30', location: 'Council Chamber, Town Hall, Royal Tunbridge Wells, TN1 1RS' });
  });

  it('leaves out the cancelled scrutiny meeting (never imported before)', () => {
    expect(datesOf(meetings, 'tw-overview-scrutiny')).toEqual(['2017-01-30', '2017-04-10', '2017-06-12']);
  });

  it('gives the seed report\'s timetable when planned on 9 January 2017 with a Management Board in between', () => {
    const stages = bodies.map((b) => ({ id: b.id, bodyId: b.id }));
    const plan = proposePlan({ stages }, { bodies, meetings, today: '2017-01-09' });
    // The earliest fit; the report itself went to Management Board on 1 March, after 15 February.
    expect(plan.stages.map((s) => s.meetingDate)).toEqual(['2017-02-09', '2017-02-15', '2017-03-22', '2017-04-10', '2017-04-13', '2017-04-26']);
  });
});

describe('the Thanet calendar', () => {
  const bodies = [
    bodySchema.parse({ id: 'thanet-csp', name: 'Thanet Community Safety Partnership', kind: 'partnership' }),
    bodySchema.parse({ id: 'thanet-cabinet', name: 'Cabinet', kind: 'executive' }),
    bodySchema.parse({ id: 'thanet-overview-scrutiny', name: 'Overview and Scrutiny Panel', kind: 'scrutiny' }),
    bodySchema.parse({ id: 'thanet-council', name: 'Council', kind: 'council' }),
    bodySchema.parse({ id: 'thanet-community-safety-working-party', name: 'Community Safety Working Party', kind: 'working-party' }),
  ];
  const meetings = importCouncil('thanet-2017.ics', bodies);

  it('reads UTC times as London times, in winter and in summer', () => {
    expect(meetings.find((m) => m.body === 'thanet-cabinet' && m.date === '2017-02-14')).toMatchObject({ time: '19:00' });
    expect(meetings.find((m) => m.body === 'thanet-community-safety-working-party' && m.date === '2017-07-20')).toMatchObject({ time: '18:00' });
  });

  it('has the partnership\'s all-day meetings without a time', () => {
    expect(meetings.filter((m) => m.body === 'thanet-csp').map((m) => [m.date, m.time])).toEqual([['2017-01-11', undefined], ['2017-04-12', undefined]]);
  });

  it('has the plan\'s meetings: Cabinet 14 February and 23 March, the panel on 9 March, the working party on 20 July', () => {
    expect(datesOf(meetings, 'thanet-cabinet')).toEqual(expect.arrayContaining(['2017-02-14', '2017-03-23']));
    expect(datesOf(meetings, 'thanet-overview-scrutiny')).toEqual(['2017-01-24', '2017-03-09']);
    expect(datesOf(meetings, 'thanet-community-safety-working-party')).toContain('2017-07-20');
  });
});

describe('the Medway calendar', () => {
  const bodies = [
    bodySchema.parse({ id: 'medway-hwb', name: 'Health and Wellbeing Board', kind: 'board' }),
    bodySchema.parse({ id: 'medway-community-safety-committee', name: 'Community Safety Committee (acting as the Crime and Disorder Committee)', kind: 'committee' }),
    bodySchema.parse({ id: 'medway-cabinet', name: 'Cabinet', kind: 'executive' }),
    bodySchema.parse({ id: 'medway-council', name: 'Full Council', kind: 'council' }),
  ];
  const meetings = importCouncil('medway-2017.ics', bodies);

  it('has the Health and Wellbeing Board of 2 February 2017', () => {
    expect(meetings.find((m) => m.body === 'medway-hwb' && m.date === '2017-02-02')).toMatchObject({ time: '16:00' });
  });

  it('expands the 4-weekly Cabinet, without the meeting of 2 May', () => {
    expect(datesOf(meetings, 'medway-cabinet')).toEqual(['2017-01-10', '2017-02-07', '2017-03-07', '2017-04-04', '2017-05-30']);
  });

  it('plans the committee-system route: the committee, then Full Council', () => {
    const plan = proposePlan(
      { stages: [{ id: 'committee', bodyId: 'medway-community-safety-committee' }, { id: 'council', bodyId: 'medway-council' }] },
      { bodies, meetings, today: '2017-01-09' },
    );
    expect(plan.stages.map((s) => s.meetingDate)).toEqual(['2017-02-28', '2017-04-20']);
  });
});

it('files a council-wide calendar\'s events under a body by its id or its name', () => {
  const parsed = parseIcs(fixture('medway-2017.ics'));
  expect(meetingsOfBody(parsed, { id: 'medway-hwb', name: 'x' }).meetings).toHaveLength(3);
  expect(meetingsOfBody(parsed, { id: 'x', name: 'MEDWAY-HWB' }).meetings).toHaveLength(3);
  expect(meetingsOfBody(parsed, { id: 'cabinet', name: 'Cabinet' }).meetings).toEqual([]);
});
