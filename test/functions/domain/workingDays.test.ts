import { addCalendarDays } from '../../../functions/domain/calendar';
import {
  addWorkingDays,
  isBankHoliday,
  isWorkingDay,
  subtractWorkingDays,
  workingDaysBetween,
} from '../../../functions/domain/workingDays';

describe('isBankHoliday', () => {
  it.each([
    ['2017-04-14', 'Good Friday'],
    ['2017-04-17', 'Easter Monday'],
    ['2017-01-02', 'New Year substitute day (1 Jan 2017 was a Sunday)'],
    ['2020-05-08', 'Early May bank holiday moved to VE Day'],
    ['2020-12-28', 'Boxing Day substitute (26 Dec 2020 was a Saturday)'],
    ['2021-12-27', 'Christmas Day substitute'],
    ['2021-12-28', 'Boxing Day substitute'],
    ['2022-06-02', 'Spring bank holiday moved for the Platinum Jubilee'],
    ['2022-06-03', 'Platinum Jubilee'],
    ['2022-09-19', 'State Funeral of Queen Elizabeth II'],
    ['2023-05-08', 'Coronation of King Charles III'],
    ['2026-12-28', 'Boxing Day substitute (26 Dec 2026 is a Saturday)'],
  ])('counts %s (%s)', (date) => {
    expect(isBankHoliday(date)).toBe(true);
  });

  it.each([
    ['2017-01-01', 'New Year on a Sunday: the day off is the Monday'],
    ['2020-05-04', 'first Monday of May 2020, when the holiday was moved'],
    ['2019-01-02', 'a Scottish bank holiday'],
    ['2017-08-07', 'the Scottish summer bank holiday'],
    ['2017-03-17', "St Patrick's Day, Northern Ireland only"],
    ['2017-04-18', 'an ordinary Tuesday'],
  ])('does not count %s (%s)', (date) => {
    expect(isBankHoliday(date)).toBe(false);
  });
});

describe('isWorkingDay', () => {
  it('excludes weekends and bank holidays', () => {
    // Thu 13 to Tue 18 April 2017: Good Friday, the weekend and Easter Monday are not working days.
    const days = ['2017-04-13', '2017-04-14', '2017-04-15', '2017-04-16', '2017-04-17', '2017-04-18'];
    expect(days.map(isWorkingDay)).toEqual([true, false, false, false, false, true]);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2017-04-13', 1, '2017-04-18'], // over Easter
    ['2017-12-22', 1, '2017-12-27'], // over Christmas (Mon 25, Tue 26)
    ['2022-12-23', 1, '2022-12-28'], // Christmas 2022 on a Sunday: Tue 27 is its substitute
    ['2022-09-16', 1, '2022-09-20'], // over the State Funeral
    ['2017-04-26', 10, '2017-05-11'], // over the Early May bank holiday
    ['2017-04-18', 0, '2017-04-18'], // n = 0 on a working day: the day itself
    ['2017-04-15', 0, '2017-04-18'], // n = 0 on Easter Saturday: the next working day
    ['2017-04-18', -1, '2017-04-13'], // negative: counts back
  ])('%s plus %i working days is %s', (date, n, expected) => {
    expect(addWorkingDays(date, n)).toBe(expected);
  });

  it('refuses a fractional number of days', () => {
    expect(() => addWorkingDays('2017-04-13', 1.5)).toThrow(RangeError);
  });
});

describe('subtractWorkingDays', () => {
  it.each([
    ['2017-04-18', 1, '2017-04-13'], // over Easter
    ['2023-05-09', 1, '2023-05-05'], // over the Coronation
    ['2018-01-02', 1, '2017-12-29'], // over New Year's Day 2018 (a Monday)
    ['2017-03-14', 5, '2017-03-07'],
    ['2017-04-16', 0, '2017-04-13'], // n = 0 on Easter Sunday: the working day before
    ['2017-04-13', -1, '2017-04-18'], // negative: counts forward
  ])('%s minus %i working days is %s', (date, n, expected) => {
    expect(subtractWorkingDays(date, n)).toBe(expected);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days after the first date up to and including the second', () => {
    expect(workingDaysBetween('2017-04-13', '2017-04-18')).toBe(1);
    expect(workingDaysBetween('2017-04-18', '2017-04-13')).toBe(-1);
    expect(workingDaysBetween('2017-04-13', '2017-04-13')).toBe(0);
    // Wed 27, Thu 28, Fri 29 Dec and Tue 2 Jan (Mon 1 Jan 2018 is New Year's Day).
    expect(workingDaysBetween('2017-12-22', '2018-01-02')).toBe(4);
  });

  it('is the inverse of addWorkingDays from any working day', () => {
    for (let date = '2020-12-01'; date < '2021-02-01'; date = addCalendarDays(date, 1)) {
      if (!isWorkingDay(date)) continue;
      for (const n of [1, 2, 5, 10, 25]) {
        expect(workingDaysBetween(date, addWorkingDays(date, n))).toBe(n);
        expect(workingDaysBetween(date, subtractWorkingDays(date, n))).toBe(-n);
      }
    }
  });
});

describe('performance', () => {
  it('computes tens of thousands of working-day offsets quickly', () => {
    const started = performance.now();
    let date = '2017-01-03';
    for (let i = 0; i < 20_000; i += 1) {
      addWorkingDays(date, 10);
      date = addCalendarDays(date, 1);
    }
    // Holidays are looked up once per year; uncached this takes many seconds.
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
