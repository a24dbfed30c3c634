import { londonDate, LONDON, type IsoDate } from '../calendar';

const format = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** `2017-03-07` -> `Tuesday 7 March 2017`, as councils write dates. */
export function longDate(date: IsoDate): string {
  return format.format(new Date(`${date}T00:00:00Z`)).replace(',', '');
}

const time = new Intl.DateTimeFormat('en-GB', { hour: 'numeric', minute: '2-digit', hourCycle: 'h12', timeZone: LONDON });

/** `2017-03-14T09:05:00Z` -> `Tuesday 14 March 2017 at 9:05am` (London time). */
export function longDateTime(instant: string): string {
  const at = new Date(instant);
  return `${longDate(londonDate(at))} at ${time.format(at).replace(/\s/g, '').toLowerCase()}`;
}
