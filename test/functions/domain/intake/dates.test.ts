import { findDates, isoDate, mentionDate, withoutDates } from '../../../../functions/domain/intake/dates';

const iso = (text: string) => findDates(text).map((m) => mentionDate(m));

describe('dates in reports', () => {
  it.each([
    ['9 February 2017', '2017-02-09'],
    ['09/02/2017', '2017-02-09'],
    ['9th Feb 2017', '2017-02-09'],
    ['20 July 2017', '2017-07-20'],
    ['2 FEBRUARY 2017', '2017-02-02'],
    ['Thursday, 9 Feb. 17', '2017-02-09'],
    ['9.2.2017', '2017-02-09'],
    ['2017-02-09', '2017-02-09'],
    ['22/3/17 at 7pm', '2017-03-22'],
    ['Wednesday 22nd March 2017', '2017-03-22'],
  ])('reads "%s" day first, as %s', (text, expected) => {
    expect(iso(text)).toEqual([expected]);
  });

  it('says where each date is in the text, so the rest can be read as a body or a name', () => {
    const [m] = findDates('Cabinet\t13 April 2017');
    expect([m.index, m.end, m.text]).toEqual([8, 21, '13 April 2017']);
    expect(withoutDates('Keith Trowell, Senior Lawyer 03 March 2017')).toBe('Keith Trowell, Senior Lawyer');
  });

  it('ignores year ranges, amounts, phone numbers and words like "now"', () => {
    expect(findDates('Plan 2017/18, 2017-20, 2016 to 2020, £96,782, ext 57737, now, Monday')).toEqual([]);
  });

  it('leaves the year to the caller when the text has none', () => {
    const [m] = findDates('Cabinet 3 June');
    expect(m.year).toBeNull();
    expect(mentionDate(m)).toBeNull();
    expect(mentionDate(m, 2025)).toBe('2025-06-03');
  });

  it('refuses impossible dates', () => {
    expect(isoDate(2017, 2, 29)).toBeNull();
    expect(isoDate(2016, 2, 29)).toBe('2016-02-29');
  });
});
