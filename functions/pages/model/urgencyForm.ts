/**
 * The general exception or special urgency of a key decision as a form records it (the start form, and moving a
 * meeting on a run's page): its fields (`urgency-*`), the `urgency` of the API body they make, and the API's
 * problems of it as GOV.UK messages on those fields.
 */
import type { Problem } from '../../domain/errors';
import { URGENCY_REASON_MAX } from '../../domain/urgencyInput';
import { isoFromParts, readDateParts, type DateParts } from './dateParts';

/** The general exception or special urgency of a key decision, as typed ('' = none). */
export interface UrgencyValues {
  kind: '' | 'general-exception' | 'special-urgency';
  /** The day the chair of overview and scrutiny was informed (the general exception). */
  informed: DateParts;
  /** Who agreed that the decision cannot reasonably be deferred (special urgency). */
  agreedByName: string;
  agreedByRole: string;
  reason: string;
}

export const blankUrgency = (): UrgencyValues => ({ kind: '', informed: { day: '', month: '', year: '' }, agreedByName: '', agreedByRole: '', reason: '' });

export function readUrgencyForm(form: URLSearchParams): UrgencyValues {
  const get = (name: string) => (form.get(name) ?? '').trim();
  const kind = get('urgency-kind');
  return {
    kind: kind === 'general-exception' || kind === 'special-urgency' ? kind : '',
    informed: readDateParts(form, 'urgency-informed'),
    agreedByName: get('urgency-agreedBy-name'),
    agreedByRole: get('urgency-agreedBy-role'),
    reason: get('urgency-reason'),
  };
}

/** The urgency as the API takes it, or undefined for none. */
export function urgencyBody(u: UrgencyValues): Record<string, unknown> | undefined {
  if (!u.kind) return undefined;
  const reason = u.reason ? { reason: u.reason } : {};
  return u.kind === 'general-exception'
    ? { kind: u.kind, scrutinyChairInformedOn: isoFromParts(u.informed), ...reason }
    : { kind: u.kind, agreedBy: { name: u.agreedByName, role: u.agreedByRole }, ...reason };
}

/** A problem of the urgency (`urgency.agreedBy.name`...) on the urgency's own inputs. */
export function urgencyError(field: string, p: Problem): { id: string; href: string; text: string } {
  const on = (id: string, text: string, href = `#${id}`) => ({ id, href, text });
  if (field === 'urgency.scrutinyChairInformedOn') {
    return on(
      'urgency-informed',
      p.rule === 'in-the-future' ? 'The date the scrutiny chair was informed must be today or in the past' : 'Enter the date the chair of overview and scrutiny was informed, like 27 3 2027',
      '#urgency-informed-day',
    );
  }
  if (field === 'urgency.agreedBy.name' || field === 'urgency.agreedBy') return on('urgency-agreedBy-name', 'Enter the name of the person who agreed the special urgency');
  if (field === 'urgency.agreedBy.role') return on('urgency-agreedBy-role', 'Enter the role of the person who agreed the special urgency, like Chair of Overview and Scrutiny');
  if (field === 'urgency.agreedOn') return on('urgency-agreedBy-name', 'The special urgency must have been agreed today or in the past');
  if (field === 'urgency.reason') return on('urgency-reason', `The reason must be ${URGENCY_REASON_MAX.toLocaleString('en-GB')} characters or fewer`);
  return on('urgency-kind', p.rule === 'not-key-decision' ? 'Urgency is only for the executive meeting of a key decision' : `Urgency: ${p.message}`);
}
