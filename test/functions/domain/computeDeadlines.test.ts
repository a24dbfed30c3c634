import { addCalendarDays, isWeekend } from '../../../functions/domain/calendar';
import {
  clearDaysBetween,
  clearDaysSchema,
  delegatedSignoffDueBy,
  escalationDate,
  keyDecisionNoticeBy,
  keyDecisionReminderDate,
  leavesClearDays,
  publishBy,
  signoffDueBy,
  signoffReminderDates,
  validateClearDays,
} from '../../../functions/domain/computeDeadlines';
import { addWorkingDays, isWorkingDay } from '../../../functions/domain/workingDays';

const fiveWorking = { count: 5, excludeNonWorkingDays: true };
const fiveCalendar = { count: 5, excludeNonWorkingDays: false };

describe('publishBy with 5 clear working days', () => {
  // The Tunbridge Wells CSP Plan 2017/18 timetable. Each publication day is followed by five clear working days
  // (neither it nor the meeting day counted) before the meeting:
  //   Thu 9 Feb:   Wed 1 Feb  | Thu 2, Fri 3, Mon 6, Tue 7, Wed 8 Feb
  //   Wed 1 Mar:   Tue 21 Feb | Wed 22, Thu 23, Fri 24, Mon 27, Tue 28 Feb
  //   Wed 22 Mar:  Tue 14 Mar | Wed 15, Thu 16, Fri 17, Mon 20, Tue 21 Mar
  //   Mon 10 Apr:  Fri 31 Mar | Mon 3, Tue 4, Wed 5, Thu 6, Fri 7 Apr
  //   Thu 13 Apr:  Wed 5 Apr  | Thu 6, Fri 7, Mon 10, Tue 11, Wed 12 Apr
  //   Wed 26 Apr:  Tue 18 Apr | Wed 19, Thu 20, Fri 21, Mon 24, Tue 25 Apr (Good Friday 14 and Easter Monday 17
  //                             fall before it, so the 18th is a working day)
  it.each([
    ['Community Safety Partnership', '2017-02-09', '2017-02-01'],
    ['Management Board', '2017-03-01', '2017-02-21'],
    ['Communities CAB', '2017-03-22', '2017-03-14'],
    ['Overview & Scrutiny', '2017-04-10', '2017-03-31'],
    ['Cabinet', '2017-04-13', '2017-04-05'],
    ['Full Council', '2017-04-26', '2017-04-18'],
  ])('gives the Tunbridge Wells %s on %s a deadline of %s', (_body, meeting, expected) => {
    expect(publishBy(meeting, fiveWorking)).toBe(expected);
  });

  it.each([
    // Thu 4 Jan 2018: Wed 3, Tue 2 Jan (Mon 1 is New Year's Day), Fri 29, Thu 28, Wed 27 Dec (25 and 26 are
    // bank holidays, 23 and 24 a weekend), so the last day is Fri 22 Dec.
    ['Christmas and New Year', '2018-01-04', '2017-12-22'],
    // Wed 6 Jan 2021: Tue 5, Mon 4 (Fri 1 is New Year's Day), Thu 31, Wed 30, Tue 29 Dec; Mon 28 Dec is the
    // substitute for Boxing Day (a Saturday), Fri 25 is Christmas, so the last day is Thu 24 Dec.
    ['a substitute bank holiday', '2021-01-06', '2020-12-24'],
    // Fri 23 Sep 2022: Thu 22, Wed 21, Tue 20, (Mon 19 the State Funeral), Fri 16, Thu 15: last day Wed 14.
    ['the State Funeral', '2022-09-23', '2022-09-14'],
    // Fri 12 May 2023: Thu 11, Wed 10, Tue 9, (Mon 8 the Coronation), Fri 5, Thu 4: last day Wed 3.
    ['the Coronation', '2023-05-12', '2023-05-03'],
    // Tue 31 Oct 2017, two days after the clocks go back: Mon 30, Fri 27, Thu 26, Wed 25, Tue 24: last day Mon 23.
    ['a change of clocks', '2017-10-31', '2017-10-23'],
  ])('counts only working days over %s (meeting %s -> %s)', (_case, meeting, expected) => {
    expect(publishBy(meeting, fiveWorking)).toBe(expected);
  });

  it('with no clear days required, is the working day before the meeting', () => {
    expect(publishBy('2017-04-18', { count: 0, excludeNonWorkingDays: true })).toBe('2017-04-13');
    expect(publishBy('2017-04-13', { count: 0, excludeNonWorkingDays: true })).toBe('2017-04-12');
  });
});

describe('publishBy with 5 clear calendar days', () => {
  it('counts weekends and bank holidays as clear days', () => {
    // Thu 13 Apr 2017: Fri 7 leaves Sat 8 to Wed 12 clear.
    expect(publishBy('2017-04-13', fiveCalendar)).toBe('2017-04-07');
  });

  it('still moves the deadline back to a working day', () => {
    // Thu 20 Apr 2017: six days before is Good Friday (14th), so the report goes out on Thu 13.
    expect(publishBy('2017-04-20', fiveCalendar)).toBe('2017-04-13');
    // Fri 21 Apr 2017: six days before is Sat 15, back past Good Friday to Thu 13.
    expect(publishBy('2017-04-21', fiveCalendar)).toBe('2017-04-13');
  });
});

describe('publishBy for every meeting day of 2017 to 2027', () => {
  it('is the last working day that leaves the required clear days', () => {
    const rules = [
      { count: 0, excludeNonWorkingDays: true },
      { count: 5, excludeNonWorkingDays: true },
      { count: 10, excludeNonWorkingDays: true },
      { count: 3, excludeNonWorkingDays: false },
      { count: 5, excludeNonWorkingDays: false },
    ];
    for (let meeting = '2017-01-02'; meeting < '2028-01-01'; meeting = addCalendarDays(meeting, 3)) {
      for (const rule of rules) {
        const deadline = publishBy(meeting, rule);
        expect(isWorkingDay(deadline)).toBe(true);
        expect(leavesClearDays(deadline, meeting, rule)).toBe(true);
        // The next working day is too late.
        expect(leavesClearDays(addWorkingDays(deadline, 1), meeting, rule)).toBe(false);
      }
    }
  });
});

describe('clearDaysBetween', () => {
  it('counts neither the day of publication nor the day of the meeting', () => {
    expect(clearDaysBetween('2017-04-05', '2017-04-13', true)).toBe(5);
    expect(clearDaysBetween('2017-04-05', '2017-04-13', false)).toBe(7);
    expect(clearDaysBetween('2017-04-12', '2017-04-13', false)).toBe(0);
    expect(clearDaysBetween('2017-04-13', '2017-04-13', false)).toBe(0);
    // Over Easter 2017 only Tue 18 to Tue 25 count.
    expect(clearDaysBetween('2017-04-13', '2017-04-26', true)).toBe(6);
  });
});

describe('signoffDueBy', () => {
  it('is 5 working days before the publication deadline', () => {
    // Publish by Tue 14 Mar 2017: Mon 13, Fri 10, Thu 9, Wed 8, Tue 7 Mar.
    expect(signoffDueBy('2017-03-14')).toBe('2017-03-07');
    // Publish by Tue 18 Apr 2017: Thu 13, Wed 12, Tue 11, Mon 10, Fri 7 Apr (Easter skipped).
    expect(signoffDueBy('2017-04-18')).toBe('2017-04-07');
  });
});

describe('signoffReminderDates', () => {
  it('reminds 2 working days before the due day and on the day itself', () => {
    // Due Tue 7 Mar 2017: Mon 6, Fri 3.
    expect(signoffReminderDates('2017-03-07')).toEqual(['2017-03-03', '2017-03-07']);
    // Due Tue 18 Apr 2017: Thu 13, Wed 12 (Easter skipped).
    expect(signoffReminderDates('2017-04-18')).toEqual(['2017-04-12', '2017-04-18']);
  });
});

describe('escalationDate', () => {
  it('is the calendar day after the due day, even when that is not a working day', () => {
    expect(escalationDate('2017-03-07')).toBe('2017-03-08');
    expect(escalationDate('2017-04-13')).toBe('2017-04-14');
    expect(escalationDate('2017-12-31')).toBe('2018-01-01');
  });
});

describe('delegatedSignoffDueBy', () => {
  it('is 10 working days after the decision', () => {
    // Decided Wed 26 Apr 2017: Thu 27, Fri 28, (Mon 1 May bank holiday), Tue 2 ... Thu 11 May.
    expect(delegatedSignoffDueBy('2017-04-26')).toBe('2017-05-11');
    // Decided Fri 15 Dec 2017: 18-22 Dec (5), (25, 26 Dec), 27-29 Dec (8), (1 Jan), Tue 2 (9), Wed 3 Jan 2018 (10).
    expect(delegatedSignoffDueBy('2017-12-15')).toBe('2018-01-03');
  });
});

describe('keyDecisionNoticeBy', () => {
  it('leaves 28 clear calendar days before the executive meets', () => {
    // Cabinet Thu 13 Apr 2017: Wed 15 Mar leaves 16 Mar to 12 Apr, 28 days, clear.
    expect(keyDecisionNoticeBy('2017-04-13')).toBe('2017-03-15');
    expect(clearDaysBetween('2017-03-15', '2017-04-13', false)).toBe(28);
  });

  it('moves back to a working day', () => {
    // Cabinet Tue 16 May 2017: 29 days before is Easter Monday (17 Apr), so notice by Thu 13 Apr.
    expect(keyDecisionNoticeBy('2017-05-16')).toBe('2017-04-13');
    // Cabinet Mon 29 Jan 2018: 29 days before is Sun 31 Dec, and Fri 29 Dec is a working day.
    expect(keyDecisionNoticeBy('2018-01-29')).toBe('2017-12-29');
  });
});

describe('keyDecisionReminderDate', () => {
  it('is 5 working days before the notice is due', () => {
    // Notice by Wed 15 Mar 2017: Tue 14, Mon 13, Fri 10, Thu 9, Wed 8 Mar.
    expect(keyDecisionReminderDate('2017-03-15')).toBe('2017-03-08');
    // Notice by Thu 13 Apr 2017: Wed 12, Tue 11, Mon 10, Fri 7, Thu 6 Apr.
    expect(keyDecisionReminderDate('2017-04-13')).toBe('2017-04-06');
  });
});

describe('clearDaysSchema', () => {
  it('defaults to 5 clear working days', () => {
    expect(clearDaysSchema.parse({})).toEqual({ count: 5, excludeNonWorkingDays: true });
    expect(validateClearDays(undefined)).toEqual({ count: 5, excludeNonWorkingDays: true });
    expect(validateClearDays({ count: 10 })).toEqual({ count: 10, excludeNonWorkingDays: true });
  });

  it.each([{ count: 61 }, { count: -1 }, { count: 2.5 }, { count: '5' }, { excludeNonWorkingDays: 'yes' }])(
    'refuses %j',
    (input) => {
      expect(clearDaysSchema.safeParse(input).success).toBe(false);
    },
  );
});

describe('deadlines', () => {
  it('never fall on a weekend', () => {
    for (let date = '2017-01-02'; date < '2018-01-01'; date = addCalendarDays(date, 1)) {
      expect(isWeekend(signoffDueBy(date))).toBe(false);
      expect(isWeekend(keyDecisionNoticeBy(date))).toBe(false);
      expect(isWeekend(delegatedSignoffDueBy(date))).toBe(false);
    }
  });
});
