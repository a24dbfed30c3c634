/**
 * Working days in England and Wales: Monday to Friday except bank holidays.
 *
 * Bank holidays come from date-holidays (region GB-ENG), which also knows substitute days and one-off holidays
 * such as the State Funeral (2022-09-19) and the Coronation (2023-05-08), so no holiday rule is kept here.
 */
import Holidays from 'date-holidays';
import { addCalendarDays, compareDates, isWeekend, type IsoDate, yearOf } from './calendar';

const BANK_HOLIDAY_TYPES = new Set(['public', 'bank']);

let holidays: Holidays | undefined;
/** Bank-holiday dates by year; dashboards compute many deadlines, so each year is looked up once. */
const bankHolidaysByYear = new Map<number, ReadonlySet<IsoDate>>();

function bankHolidaysOf(year: number): ReadonlySet<IsoDate> {
  let dates = bankHolidaysByYear.get(year);
  if (!dates) {
    holidays ??= new Holidays('GB', 'ENG');
    dates = new Set(
      holidays
        .getHolidays(year)
        .filter((h) => BANK_HOLIDAY_TYPES.has(h.type))
        // `date` is the local 'YYYY-MM-DD hh:mm:ss' of the holiday's start.
        .map((h) => h.date.slice(0, 10))
        // A holiday on a weekend (Christmas on a Sunday) is not a day off: its substitute day is.
        .filter((date) => !isWeekend(date)),
    );
    bankHolidaysByYear.set(year, dates);
  }
  return dates;
}

/** True on a bank holiday in England and Wales that falls on a weekday (the day off, as gov.uk lists them). */
export function isBankHoliday(date: IsoDate): boolean {
  return bankHolidaysOf(yearOf(date)).has(date);
}

export function isWorkingDay(date: IsoDate): boolean {
  return !isWeekend(date) && !isBankHoliday(date);
}

/** Steps one calendar day at a time in `direction` until `n` working days have been passed. */
function stepWorkingDays(date: IsoDate, n: number, direction: 1 | -1): IsoDate {
  let current = date;
  // n = 0 means "this day if it is a working day, else the nearest one in the direction of travel".
  if (n === 0) {
    while (!isWorkingDay(current)) current = addCalendarDays(current, direction);
    return current;
  }
  let remaining = n;
  while (remaining > 0) {
    current = addCalendarDays(current, direction);
    if (isWorkingDay(current)) remaining -= 1;
  }
  return current;
}

function assertWholeNumber(n: number): void {
  if (!Number.isInteger(n)) throw new RangeError(`a number of working days must be a whole number: ${n}`);
}

/**
 * The `n`th working day after `date` (`n` = 0: the date itself if it is a working day, else the next one).
 * A negative `n` counts backwards.
 */
export function addWorkingDays(date: IsoDate, n: number): IsoDate {
  assertWholeNumber(n);
  return n < 0 ? stepWorkingDays(date, -n, -1) : stepWorkingDays(date, n, 1);
}

/**
 * The `n`th working day before `date` (`n` = 0: the date itself if it is a working day, else the one before).
 * A negative `n` counts forwards.
 */
export function subtractWorkingDays(date: IsoDate, n: number): IsoDate {
  assertWholeNumber(n);
  return n < 0 ? stepWorkingDays(date, -n, 1) : stepWorkingDays(date, n, -1);
}

/**
 * Working days after `from` up to and including `to` (so `workingDaysBetween(d, addWorkingDays(d, n)) === n`);
 * negative when `to` is earlier than `from`, counting those after `to` up to and including `from`.
 */
export function workingDaysBetween(from: IsoDate, to: IsoDate): number {
  const order = compareDates(from, to);
  if (order === 0) return 0;
  const forwards = order < 0;
  const [start, end] = forwards ? [from, to] : [to, from];
  let count = 0;
  for (let d = addCalendarDays(start, 1); d <= end; d = addCalendarDays(d, 1)) {
    if (isWorkingDay(d)) count += 1;
  }
  return forwards ? count : -count;
}
