/** GOV.UK date inputs: three boxes (day, month, year) to and from `YYYY-MM-DD`. */
export interface DateParts {
  day: string;
  month: string;
  year: string;
}

export const NOT_A_DATE = 'not-a-date';

/** undefined when all three are blank; `not-a-date` (which the API's date schema refuses) when not numbers. */
export function isoFromParts(parts: DateParts): string | undefined {
  if (!parts.day && !parts.month && !parts.year) return undefined;
  if (![parts.day, parts.month].every((p) => /^\d{1,2}$/.test(p)) || !/^\d{4}$/.test(parts.year)) return NOT_A_DATE;
  return `${parts.year}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`;
}

export function partsFromIso(date: string): DateParts {
  const [year, month, day] = date.split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}

export function readDateParts(form: URLSearchParams, name: string): DateParts {
  const get = (part: string) => (form.get(`${name}-${part}`) ?? '').trim();
  return { day: get('day'), month: get('month'), year: get('year') };
}

export const isBlankDate = (parts: DateParts | undefined) => !parts || (!parts.day && !parts.month && !parts.year);
