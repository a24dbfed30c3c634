import { TZDate } from '@date-fns/tz';

/** The UTC instant (ISO 8601) of a wall-clock time in London: `london('2017-07-20', '09:00')`. */
export function london(date: string, time = '00:00'): string {
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm, ss = 0] = time.split(':').map(Number);
  return new Date(new TZDate(y, m - 1, d, hh, mm, ss, 'Europe/London').getTime()).toISOString();
}

/** The London calendar date of an instant. */
export function londonDateOf(instant: string): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(instant));
  return parts;
}
