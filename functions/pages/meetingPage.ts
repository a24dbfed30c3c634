/**
 * `GET /meetings/{meetingId}`: one calendar meeting and its agenda in preparation: every report going to it, where
 * each stands and what it still needs; for clerks, the form that records the agenda's despatch for all of them
 * (`POST /meetings/{meetingId}/publication`, the same action as the API's).
 */
import { meetingWithReports } from '../actions/calendar';
import { recordMeetingDespatch } from '../actions/recordPublication';
import { hasAnyRole } from '../domain/actor';
import { DomainError } from '../domain/errors';
import { publicationInputSchema } from '../domain/publication';
import { statusOfError } from '../edge/errors';
import { isoFromParts, readDateParts, type DateParts } from './model/dateParts';
import { longDate } from './model/format';
import { dateItems } from './model/runPage';
import { asProblems, dateRuleText } from './model/runForms';
import { runHref } from './model/links';
import { checked } from './runActionPages';
import { pageHandler, type PageResult } from './pageHandler';

const publicationWords: Record<string, string> = {
  published: 'Published',
  cleared: 'Cleared: waiting for the despatch to be recorded',
  waiting: 'Waiting for sign-offs',
  'late-item': 'Late item',
};

async function meetingPage(meetingId: string, isClerk: boolean, state: { values?: { publishedOn: DateParts; agendaUrl: string }; errors?: Array<{ id: string; href: string; text: string }>; status?: number; notice?: string } = {}): Promise<PageResult> {
  const meeting = await meetingWithReports(meetingId);
  const errors = Object.fromEntries((state.errors ?? []).map((e) => [e.id, e.text]));
  return {
    view: 'meeting',
    status: state.status,
    context: {
      title: `${meeting.body} on ${longDate(meeting.date)}`,
      meeting: { ...meeting, when: `${longDate(meeting.date)}${meeting.time ? ` at ${meeting.time}` : ''}`, publishByText: longDate(meeting.publishBy), publishedOnText: meeting.publication ? longDate(meeting.publication.publishedOn) : null },
      reports: meeting.reports.map((r) => ({ ...r, href: runHref(r.runId), publicationText: publicationWords[r.publication] ?? r.publication })),
      canRecord: isClerk && meeting.status === 'scheduled' && !meeting.publication,
      values: state.values ?? { agendaUrl: '' },
      publishedOnItems: dateItems(state.values?.publishedOn ?? { day: '', month: '', year: '' }, !!errors.publishedOn),
      errors,
      errorList: state.errors ?? [],
      notice: state.notice,
    },
  };
}

export const handler = pageHandler({ name: 'MeetingPage', nav: 'meetings' }, async ({ params, actor, method, form, query }) => {
  const isClerk = hasAnyRole(actor, ['clerk']);
  if (method !== 'POST') return meetingPage(params.meetingId, isClerk, { notice: query.updated === 'publication' ? "The agenda's despatch is recorded for every report on it." : undefined });
  if (!isClerk) throw new DomainError('forbidden', 'Only a clerk records an agenda’s despatch');
  const values = { publishedOn: readDateParts(form, 'publishedOn'), agendaUrl: (form.get('agendaUrl') ?? '').trim() };
  try {
    const body = checked(publicationInputSchema, { publishedOn: isoFromParts(values.publishedOn), ...(values.agendaUrl ? { agendaUrl: values.agendaUrl } : {}) });
    await recordMeetingDespatch(params.meetingId, body, actor);
  } catch (err) {
    if (!(err instanceof DomainError && (err.code === 'invalid-input' || err.code === 'conflict'))) throw err;
    const problems = asProblems(err.problems ?? {});
    const errors = Object.entries(problems).map(([key, p]) =>
      key === 'publishedOn'
        ? { id: 'publishedOn', href: '#publishedOn-day', text: dateRuleText(p, 'The day the agenda was despatched') ?? 'Enter the day the agenda was despatched as a real date, like 1 2 2017' }
        : { id: 'agendaUrl', href: '#agendaUrl', text: 'Enter the address of the agenda as a web address, like https://democracy.example.gov.uk/agenda' },
    );
    return meetingPage(params.meetingId, isClerk, { values, errors: errors.length ? errors : [{ id: 'publication', href: '#publication', text: err.message }], status: statusOfError(err) });
  }
  return { redirect: `/meetings/${encodeURIComponent(params.meetingId)}?updated=publication` };
});
