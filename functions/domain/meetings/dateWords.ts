/** Dates in the words of a planning answer: "Tuesday 7 March 2017" for the choice, "2 March" beside it. */
import type { IsoDate } from '../calendar';
import { longDate } from '../emails/dates';

export { longDate };

const dayMonth = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', timeZone: 'UTC' });

/** `2017-03-02` -> `2 March`, with the year only when it is not `year` (the year being written about). */
export function shortDate(date: IsoDate, year: number): string {
  const words = dayMonth.format(new Date(`${date}T00:00:00Z`));
  return Number(date.slice(0, 4)) === year ? words : `${words} ${date.slice(0, 4)}`;
}

/** `1 working day`, `5 working days`. */
export function workingDaysWords(n: number): string {
  return `${n} working day${n === 1 ? '' : 's'}`;
}
