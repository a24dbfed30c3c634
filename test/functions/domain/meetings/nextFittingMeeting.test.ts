import { bodySchema } from '../../../../functions/domain/meetings/bodies';
import type { Meeting } from '../../../../functions/domain/meetings/meetings';
import { nextFittingMeeting } from '../../../../functions/domain/meetings/nextFittingMeeting';

let n = 0;
const meeting = (bodyId: string, date: string, status: Meeting['status'] = 'scheduled'): Meeting => ({ meetingId: `m${++n}`, body: bodyId, date, status });

describe('the next meeting that fits', () => {
  const cabinet = bodySchema.parse({ id: 'cabinet', name: 'Cabinet', kind: 'executive' });
  const meetings = [
    meeting('cabinet', '2017-03-09'),
    meeting('cabinet', '2017-03-23', 'cancelled'),
    meeting('cabinet', '2017-04-13'),
    meeting('cabinet', '2017-06-08'),
    meeting('full-council', '2017-03-15'),
  ];

  it('is the body\'s next scheduled meeting after the given date, cancelled ones passed over', () => {
    expect(nextFittingMeeting(cabinet, meetings, { after: '2017-03-09', today: '2017-02-01' })?.date).toBe('2017-04-13');
  });

  it('keeps the run in order: not after the next stage\'s meeting', () => {
    expect(nextFittingMeeting(cabinet, meetings, { after: '2017-03-09', before: '2017-04-13', today: '2017-02-01' })?.date).toBe('2017-04-13');
    expect(nextFittingMeeting(cabinet, meetings, { after: '2017-03-09', before: '2017-04-12', today: '2017-02-01' })).toBeUndefined();
  });

  it('is one whose papers can still be published', () => {
    // Cabinet on 13 April 2017 must be published by Wed 5 April.
    expect(nextFittingMeeting(cabinet, meetings, { after: '2017-03-09', today: '2017-04-06' })?.date).toBe('2017-06-08');
  });

  it('counts the run\'s clear days when given', () => {
    const tenDays = { count: 10, excludeNonWorkingDays: true };
    expect(nextFittingMeeting(cabinet, meetings, { after: '2017-03-09', today: '2017-03-30', clearDays: tenDays })?.date).toBe('2017-06-08');
    expect(nextFittingMeeting(cabinet, meetings, { after: '2017-03-09', today: '2017-03-30' })?.date).toBe('2017-04-13');
  });

  it('is none when the calendar has no later meeting', () => {
    expect(nextFittingMeeting(cabinet, meetings, { after: '2017-06-08', today: '2017-02-01' })).toBeUndefined();
  });
});
