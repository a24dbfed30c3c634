import { longDate, longDateTime, runStatusTag, signoffStatusTag, stageStatusTag } from '../../../../functions/pages/model/format';

describe('how the pages write dates and statuses', () => {
  it('writes dates as "Tuesday 14 March 2017" and instants in London time', () => {
    expect(longDate('2017-03-14')).toBe('Tuesday 14 March 2017');
    expect(longDateTime('2017-03-14T09:05:00Z')).toBe('Tuesday 14 March 2017 at 9:05am');
    // British Summer Time, and a London date that is a day after the UTC one.
    expect(longDateTime('2017-06-01T13:30:00Z')).toBe('Thursday 1 June 2017 at 2:30pm');
    expect(longDateTime('2017-06-01T23:30:00Z')).toBe('Friday 2 June 2017 at 12:30am');
  });

  it('gives every status a tag with words, not colour alone', () => {
    for (const tag of [...Object.values(runStatusTag), ...Object.values(stageStatusTag), ...Object.values(signoffStatusTag)]) {
      expect(tag.text).toMatch(/^[A-Z][a-z -]+$/);
      expect(tag.classes).toMatch(/^govuk-tag--[a-z-]+$/);
    }
  });
});
