import type { IsoDate } from '../calendar';

const format = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2017-03-07` -> `Tuesday 7 March 2017`, as councils write dates. */
export function longDate(date: IsoDate): string {
  return format.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}
