/**
 * The start-a-run form (`/runs/new`) as a clerk fills it in, for the page tests: the plan and notice fields of a
 * plan with an author, no key decision, public, 5 clear working days; each test adds its own stages and sign-offs.
 */
import type { Caller } from '../../support/localStack';
import { csrfOf, type pageClient } from './pageClient';

export function planFields(title: string): Record<string, string> {
  return {
    'plan-title': title,
    'plan-author-name': 'Terry Hughes',
    'plan-author-email': 'terry.hughes@example.gov.uk',
    'plan-keyDecision': 'no',
    'plan-classification': 'public',
    'clearDays-count': '5',
    'clearDays-excludeNonWorkingDays': 'yes',
    route: '',
  };
}

/** GET /runs/new, then POST the form with its token and form id (the answer, and the form id it was sent with). */
export async function postStartForm(pages: ReturnType<typeof pageClient>, fields: Record<string, string>, as: Caller) {
  const form = await pages.get('/runs/new', as);
  const formId = /name="formId" value="([^"]+)"/.exec(form.html)![1];
  return { formId, res: await pages.post('/runs/new', { csrfToken: csrfOf(form.html), formId, ...fields }, as) };
}
