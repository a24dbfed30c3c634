/**
 * Working days in England and Wales: Monday to Friday except bank holidays.
 *
 * Bank holidays come from date-holidays (region GB-ENG), which also knows substitute days and one-off holidays
 * such as the State Funeral (2022-09-19) and the Coronation (2023-05-08), so no holiday rule is kept here.
 */
import Holidays from 'date-holidays';
import { fromDayNumber, isWeekend, type IsoDate, toDayNumber, yearOf } from './calendar';

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

/** Whether each day number seen so far is a working day: the stepping loops below ask about the same days often. */
const workingByDayNumber = new Map<number, boolean>();

function isWorkingDayNumber(day: number): boolean {
  let working = workingByDayNumber.get(day);
  if (working === undefined) {
    working = isWorkingDay(fromDayNumber(day));
    workingByDayNumber.set(day, working);
  }
  return working;
}

/** Steps one calendar day at a time in `direction` until `n` working days have been passed. */
function stepWorkingDays(date: IsoDate, n: number, direction: 1 | -1): IsoDate {
  let current = toDayNumber(date);
  // n = 0 means "this day if it is a working day, else the nearest one in the direction of travel".
  if (n === 0) {
    while (!isWorkingDayNumber(current)) current += direction;
    return fromDayNumber(current);
  }
  let remaining = n;
  while (remaining > 0) {
    current += direction;
    if (isWorkingDayNumber(current)) remaining -= 1;
  }
  return fromDayNumber(current);
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
  const a = toDayNumber(from);
  const b = toDayNumber(to);
  const [start, end] = a <= b ? [a, b] : [b, a];
  let count = 0;
  for (let day = start + 1; day <= end; day += 1) if (isWorkingDayNumber(day)) count += 1;
  return a <= b ? count : -count;
}
