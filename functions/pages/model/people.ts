/**
 * The `/people` page (admins, clerks): the directory as a table, and the form that adds a person or changes one,
 * its values kept as typed when it is refused and the API's field problems worded as GOV.UK error messages linked
 * to their inputs (by the domain's rules, never by the message's words).
 */
import { roleSchema, type Role } from '../../domain/actor';
import type { Problem } from '../../domain/errors';
import { longDate } from '../../domain/emails/dates';
import { isAway, PEOPLE_LIMITS, type DirectoryPerson } from '../../domain/people';
import { isBlankDate, isoFromParts, partsFromIso, readDateParts, type DateParts } from './dateParts';
import type { FormError } from './startRunForm';
import { asProblems } from './runForms';

export interface PersonFormValues {
  /** `add` (a new address) or `edit` (the address is the key and stays as it is). */
  mode: 'add' | 'edit';
  email: string;
  name: string;
  jobTitle: string;
  area: string;
  roles: string[];
  deputy: string;
  away: boolean;
  awayUntil: DateParts;
}

export const roleTexts: Record<Role, string> = {
  clerk: 'Clerk: starts runs, records decisions, keeps the directory',
  author: 'Author: writes reports, posts revisions',
  officer: 'Officer: signs off implications',
  manager: 'Manager: sees every run',
  admin: 'Administrator: everything, the directory included',
};

export function blankPersonForm(): PersonFormValues {
  return { mode: 'add', email: '', name: '', jobTitle: '', area: '', roles: [], deputy: '', away: false, awayUntil: { day: '', month: '', year: '' } };
}

export function personFormOf(p: DirectoryPerson): PersonFormValues {
  return {
    mode: 'edit',
    email: p.email,
    name: p.name,
    jobTitle: p.jobTitle ?? '',
    area: p.area ?? '',
    roles: [...p.roles],
    deputy: p.deputy ?? '',
    away: p.away,
    awayUntil: p.awayUntil ? partsFromIso(p.awayUntil) : { day: '', month: '', year: '' },
  };
}

export function readPersonForm(form: URLSearchParams): { values: PersonFormValues; action: 'save' | 'remove' } {
  const get = (name: string) => (form.get(name) ?? '').trim();
  return {
    values: {
      mode: get('mode') === 'edit' ? 'edit' : 'add',
      email: get('email'),
      name: get('name'),
      jobTitle: get('jobTitle'),
      area: get('area'),
      roles: form.getAll('roles').map((r) => r.trim()).filter(Boolean),
      deputy: get('deputy'),
      away: form.has('away'),
      awayUntil: readDateParts(form, 'awayUntil'),
    },
    action: get('action') === 'remove' ? 'remove' : 'save',
  };
}

/** The body of `PUT /api/people/{email}`, for the API's own schema. */
export function personBody(v: PersonFormValues): Record<string, unknown> {
  return {
    name: v.name,
    jobTitle: v.jobTitle,
    area: v.area,
    roles: v.roles,
    deputy: v.deputy,
    away: v.away,
    awayUntil: isBlankDate(v.awayUntil) ? null : isoFromParts(v.awayUntil),
  };
}

const ORDER = ['email', 'name', 'jobTitle', 'area', 'roles', 'deputy', 'away', 'awayUntil'];

/** The API's field problems as GOV.UK messages on the form's inputs, in the order the inputs appear. */
export function personFormErrors(fields: Record<string, string | Problem>, values: PersonFormValues): FormError[] {
  const errors = new Map<string, FormError & { order: number }>();
  for (const [key, p] of Object.entries(asProblems(fields))) {
    const field = key.split('.')[0];
    const text = errorText(field, p, values);
    const id = field === 'awayUntil' ? 'awayUntil' : field === 'roles' ? 'roles' : field;
    const href = field === 'awayUntil' ? '#awayUntil-day' : `#${id}`;
    if (!errors.has(id)) errors.set(id, { id, href, text, order: ORDER.indexOf(field) });
  }
  return [...errors.values()].sort((a, b) => a.order - b.order).map(({ order: _o, ...e }) => e);
}

function errorText(field: string, p: Problem, v: PersonFormValues): string {
  switch (field) {
    case 'email':
      if (p.rule === 'already-listed') return `${v.email} is already in the directory: select "Change" beside them instead`;
      if (p.rule === 'is-a-deputy') return `${v.name || v.email} cannot be removed while they are the deputy of ${p.values?.of ?? 'someone'}: choose another deputy for them first`;
      return v.email ? 'Enter an email address in the correct format, like name@example.gov.uk' : 'Enter an email address';
    case 'name':
      return v.name ? `Name must be ${PEOPLE_LIMITS.name} characters or fewer` : 'Enter the name';
    case 'jobTitle':
      return `Job title must be ${PEOPLE_LIMITS.jobTitle} characters or fewer`;
    case 'area':
      return `Area must be ${PEOPLE_LIMITS.area} characters or fewer`;
    case 'roles':
      return 'Select roles from the list';
    case 'deputy':
      if (p.rule === 'own-deputy') return 'A person cannot be their own deputy: choose someone else';
      if (p.rule === 'unknown-deputy') return 'Choose a deputy who is in the directory';
      if (p.rule === 'deputy-loop') return `That deputy would make a loop of deputies (${p.values?.chain ?? ''}): choose someone else`;
      return 'Choose a deputy from the list';
    case 'away':
      return 'Select whether they are away';
    case 'awayUntil':
      return 'Away until must be a real date, like 27 3 2027';
    default:
      return p.message;
  }
}

/** How the table says whether someone is away on `today`. */
export function awayText(p: DirectoryPerson, today: string): string {
  if (p.away) return p.awayUntil ? `Away (until ${longDate(p.awayUntil)} at least)` : 'Away';
  if (p.awayUntil && isAway(p, today)) return `Away until ${longDate(p.awayUntil)}`;
  return '';
}

/** The table's rows and the form's choices. */
export function peopleView(people: DirectoryPerson[], today: string, values: PersonFormValues) {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  return {
    rows: people.map((p) => ({
      email: p.email,
      name: p.name,
      jobTitle: p.jobTitle ?? '',
      area: p.area ?? '',
      roles: p.roles.join(', '),
      deputy: p.deputy ? (byEmail.get(p.deputy)?.name ?? p.deputy) : '',
      away: awayText(p, today),
      editHref: `/people?edit=${encodeURIComponent(p.email)}#person-form`,
    })),
    roleItems: roleSchema.options.map((r) => ({ value: r, text: roleTexts[r], checked: values.roles.includes(r) })),
    deputyItems: [
      { value: '', text: 'No deputy', selected: !values.deputy },
      ...people
        .filter((p) => p.email !== values.email.toLowerCase())
        .map((p) => ({ value: p.email, text: `${p.name}${p.jobTitle ? `, ${p.jobTitle}` : ''} (${p.email})`, selected: p.email === values.deputy.toLowerCase() })),
    ],
  };
}
