/**
 * `GET /people` and `POST /people` (admins, clerks): the people directory, and the form that adds a person, changes
 * one (`?edit=<email>`) or removes one, through the same actions as `PUT`/`DELETE /api/people/{email}` after the
 * API's own schema. A refused form comes back with its values and a GOV.UK error summary; success comes back to
 * the list with a notice (`?updated=saved|removed`).
 */
import { londonDate } from '../domain/calendar';
import { DomainError, problem } from '../domain/errors';
import { personEmailSchema, personInputSchema } from '../domain/people';
import { fieldsOf } from '../edge/http';
import { now } from '../platform/clock';
import { listPeople, removePerson, savePerson } from '../actions/people';
import { dateItems } from './model/runPage';
import { blankPersonForm, peopleView, personBody, personFormErrors, personFormOf, readPersonForm, type PersonFormValues } from './model/people';
import type { FormError } from './model/startRunForm';
import { pageHandler, type PageResult } from './pageHandler';

const notices: Record<string, string> = { saved: 'The person was saved.', removed: 'The person was removed from the directory.' };

async function peoplePage(values: PersonFormValues, errors: FormError[] = [], status = 200, notice?: string): Promise<PageResult> {
  const people = await listPeople();
  const byId = Object.fromEntries(errors.map((e) => [e.id, e.text]));
  return {
    view: 'people',
    status,
    context: {
      title: 'People',
      notice,
      values,
      errors: byId,
      errorList: errors.map((e) => ({ text: e.text, href: e.href })),
      awayUntilItems: dateItems(values.awayUntil, !!byId.awayUntil),
      ...peopleView(people, londonDate(now()), values),
    },
  };
}

export const handler = pageHandler({ name: 'PeoplePage', roles: ['admin', 'clerk'], nav: 'people' }, async ({ method, form, query, actor }) => {
  if (method !== 'POST') {
    const editing = query.edit ? (await listPeople()).find((p) => p.email === query.edit!.toLowerCase()) : undefined;
    const notice = query.updated ? notices[query.updated] : undefined;
    return peoplePage(editing ? personFormOf(editing) : blankPersonForm(), [], 200, notice);
  }
  const { values, action } = readPersonForm(form);
  const email = personEmailSchema.safeParse(values.email);
  const fields: Record<string, string> = email.success ? {} : { email: 'not an e-mail address' };
  try {
    if (action === 'remove') {
      if (!email.success) return peoplePage(values, personFormErrors(fields, values), 400);
      await removePerson(email.data);
      return { redirect: '/people?updated=removed' };
    }
    const parsed = personInputSchema.safeParse(personBody(values));
    if (!parsed.success) Object.assign(fields, fieldsOf(parsed.error));
    if (!email.success || !parsed.success) return peoplePage(values, personFormErrors(fields, values), 400);
    if (values.mode === 'add' && (await listPeople()).some((p) => p.email === email.data)) {
      return peoplePage(values, personFormErrors({ email: problem('already-listed', 'is already in the directory') }, values), 400);
    }
    await savePerson(email.data, parsed.data, actor);
    return { redirect: '/people?updated=saved' };
  } catch (err) {
    if (err instanceof DomainError && err.problems && (err.code === 'invalid-input' || err.code === 'conflict')) {
      return peoplePage(values, personFormErrors(err.problems, values), err.code === 'conflict' ? 409 : 400);
    }
    throw err;
  }
});
