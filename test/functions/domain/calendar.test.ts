import {
  addCalendarDays,
  calendarDaysBetween,
  compareDates,
  dayOfWeek,
  fromDayNumber,
  isoDateSchema,
  isWeekend,
  londonDate,
  startOfLondonDay,
  toDayNumber,
} from '../../../functions/domain/calendar';

describe('isoDateSchema', () => {
  it.each(['2017-02-30', '2017-02-29', '1900-02-29', '2017-13-01', '2017-04-31', '2017-4-5', '2017-04-05T00:00:00Z', ''])(
    'refuses %j, which is not a real calendar date',
    (value) => {
      expect(isoDateSchema.safeParse(value).success).toBe(false);
    },
  );

  it.each(['2016-02-29', '2000-02-29', '2017-12-31', '2026-11-26'])('accepts the real date %s', (value) => {
    expect(isoDateSchema.parse(value)).toBe(value);
  });
});

describe('londonDate', () => {
  it.each([
    // Winter (GMT): London's date is the UTC date.
    ['2017-01-25T23:30:00Z', '2017-01-25'],
    // Summer (BST, UTC+1): 23:30 UTC is already 00:30 the next day in London.
    ['2017-06-25T23:30:00Z', '2017-06-26'],
    ['2017-06-25T22:59:59Z', '2017-06-25'],
    // Clocks go forward at 01:00 UTC on Sun 26 Mar 2017; just before midnight is still the 25th.
    ['2017-03-25T23:59:59Z', '2017-03-25'],
    ['2017-03-26T00:30:00Z', '2017-03-26'],
    // Clocks go back at 01:00 UTC on Sun 29 Oct 2017; 23:00 UTC on the 28th is midnight BST on the 29th.
    ['2017-10-28T22:59:59Z', '2017-10-28'],
    ['2017-10-28T23:00:00Z', '2017-10-29'],
    ['2017-10-29T23:30:00Z', '2017-10-29'],
  ])('puts the instant %s on the London date %s', (instant, expected) => {
    expect(londonDate(new Date(instant))).toBe(expected);
  });
});

describe('startOfLondonDay', () => {
  it.each([
    ['2017-01-25', '2017-01-25T00:00:00.000Z'],
    ['2017-06-26', '2017-06-25T23:00:00.000Z'],
    // The day clocks go forward starts in GMT; the next day starts in BST.
    ['2017-03-26', '2017-03-26T00:00:00.000Z'],
    ['2017-03-27', '2017-03-26T23:00:00.000Z'],
    // The day clocks go back starts in BST; the next day starts in GMT.
    ['2017-10-29', '2017-10-28T23:00:00.000Z'],
    ['2017-10-30', '2017-10-30T00:00:00.000Z'],
    ['2026-11-26', '2026-11-26T00:00:00.000Z'],
  ])('starts %s at %s', (date, instant) => {
    expect(startOfLondonDay(date).toISOString()).toBe(instant);
  });

  it('is the first instant of that London date for every day of two years', () => {
    for (let date = '2017-01-01'; date < '2019-01-01'; date = addCalendarDays(date, 1)) {
      const start = startOfLondonDay(date);
      expect(londonDate(start)).toBe(date);
      expect(londonDate(new Date(start.getTime() - 1))).toBe(addCalendarDays(date, -1));
    }
  });

  it('refuses an impossible date', () => {
    expect(() => startOfLondonDay('2017-02-30')).toThrow(RangeError);
  });
});

describe('addCalendarDays', () => {
  it.each([
    ['2016-02-28', 1, '2016-02-29'],
    ['2017-02-28', 1, '2017-03-01'],
    ['2017-12-31', 1, '2018-01-01'],
    ['2017-03-25', 2, '2017-03-27'], // across the clocks going forward
    ['2017-10-28', 2, '2017-10-30'], // across the clocks going back
    ['2017-04-13', -29, '2017-03-15'],
    ['2017-04-13', 0, '2017-04-13'],
  ])('%s plus %i days is %s', (date, n, expected) => {
    expect(addCalendarDays(date, n)).toBe(expected);
  });

  it('refuses an impossible date rather than rolling it over', () => {
    expect(() => addCalendarDays('2017-02-30', 1)).toThrow(/not a calendar date/);
  });
});

describe('calendarDaysBetween', () => {
  it('counts days forwards and backwards, across a change of clocks', () => {
    expect(calendarDaysBetween('2017-03-15', '2017-04-13')).toBe(29);
    expect(calendarDaysBetween('2017-04-13', '2017-03-15')).toBe(-29);
    expect(calendarDaysBetween('2017-10-28', '2017-10-30')).toBe(2);
  });
});

describe('compareDates', () => {
  it('orders dates as a sort comparator', () => {
    expect(compareDates('2017-04-05', '2017-04-13')).toBeLessThan(0);
    expect(compareDates('2017-04-13', '2017-04-05')).toBeGreaterThan(0);
    expect(compareDates('2017-04-13', '2017-04-13')).toBe(0);
    expect(['2018-01-02', '2017-12-22', '2017-12-27'].sort(compareDates)).toEqual(['2017-12-22', '2017-12-27', '2018-01-02']);
  });
});

describe('isWeekend', () => {
  it('is true on Saturday and Sunday only', () => {
    // Thu 13 to Mon 17 April 2017.
    expect(['2017-04-13', '2017-04-14', '2017-04-15', '2017-04-16', '2017-04-17'].map(isWeekend)).toEqual([
      false,
      false,
      true,
      true,
      false,
    ]);
    expect(dayOfWeek('2026-11-26')).toBe(4); // a Thursday
  });
});

describe('day numbers', () => {
  it('count days since 1970-01-01 and convert back', () => {
    expect(toDayNumber('1970-01-02')).toBe(1);
    expect(fromDayNumber(toDayNumber('2017-10-29') + 1)).toBe('2017-10-30');
  });
});
