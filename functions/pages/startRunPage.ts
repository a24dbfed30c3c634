/**
 * `GET /runs/new` and `POST /runs/new` (clerk): the form that starts a run. It makes the body of
 * `POST /api/runs`, checks it with the API's own schema and starts the run through the API's own action; a
 * refused form comes back with its values and a GOV.UK error summary linking each bad field. A form is sent
 * once: its `formId` is an idempotency key, so a double submission starts one run. Sign-off officers may be chosen
 * from the people directory (or found by their area): "Fill in officers from the directory" shows them filled in.
 * On the calendar: a stage whose body is a calendar body picks one of its meetings, "Find the earliest dates" (and
 * "Use this route", when the route's bodies are all on the calendar) fills every stage with the earliest meeting
 * that fits, with the reason; each row has its own "Remove" button.
 */
import { proposeTimetable } from '../actions/proposeTimetable';
import { readBodies, readMeeting, upcomingMeetingsOf } from '../actions/calendar';
import { bodyNamed, DEFAULT_SIGNOFF_WORKING_DAYS, type Meeting } from '../domain/meetings';
import {
  emptyCalendar,
  meetingItemsOf,
  planErrors,
  planStagesOf,
  rowBodies,
  withChosenMeetings,
  withProposal,
  type StartFormCalendar,
} from './model/startRunCalendar';
import { listPeople } from '../actions/people';
import type { DirectoryPerson } from '../domain/people';
import { randomUUID } from 'node:crypto';
import type { Actor } from '../edge/auth';
import { now } from '../platform/clock';
import { DomainError } from '../domain/errors';
import { fieldsOf } from '../edge/http';
import { londonDate } from '../domain/calendar';
import { newRunInputSchema } from '../domain/newRun';
import { URGENCY_REASON_MAX } from '../domain/urgencyInput';
import { getRouteTemplate, loadRouteTemplates } from '../platform/routeTemplates';
import { startRun } from '../actions/startRun';
import { IDEMPOTENCY_FIELD, requestHash, runOnce } from '../edge/idempotency';
import { dateItems } from './model/runPage';
import {
  blankStartRunValues,
  classificationOptions,
  kindOptions,
  readStartRunForm,
  requiredBeforeOptions,
  startRunErrors,
  personOptions,
  toRunInput,
  withDirectory,
  withExtraRow,
  withRoute,
  withoutRow,
  type FormError,
  type StartRunValues,
} from './model/startRunForm';
import { pageHandler, type PageResult } from './pageHandler';
import { runHref } from './model/links';

/** The calendar as the form's rows need it: the bodies, each row body's next meetings, the meetings rows chose. */
async function calendarFor(values: StartRunValues): Promise<StartFormCalendar> {
  const bodies = await readBodies();
  if (!bodies.length) return emptyCalendar;
  const upcoming = await upcomingMeetingsOf(rowBodies(values, bodies).map((b) => b.id), londonDate(now()));
  const offers = new Map<string, Meeting[]>();
  for (const { meeting } of upcoming) offers.set(meeting.body, [...(offers.get(meeting.body) ?? []), meeting]);
  const chosen = new Map(upcoming.map(({ meeting }) => [meeting.meetingId, meeting]));
  for (const id of new Set(values.stages.map((r) => r.meetingId).filter((id) => id && !chosen.has(id)))) {
    const found = await readMeeting(id).catch((err: unknown) => (err instanceof DomainError && err.code === 'not-found' ? undefined : Promise.reject(err)));
    if (found) chosen.set(id, found.meeting);
  }
  return { bodies, offers, chosen };
}

/** Every filled-in stage at the earliest calendar meeting that fits, or the rows that cannot be planned and why. */
async function withEarliestDates(values: StartRunValues, bodies: StartFormCalendar['bodies']): Promise<{ values: StartRunValues; errors: FormError[] }> {
  const request = planStagesOf(values, bodies);
  if ('errors' in request) return { values, errors: request.errors };
  try {
    const plan = await proposeTimetable({ stages: request.stages, keyDecision: values.keyDecision === 'yes', signoffWorkingDays: DEFAULT_SIGNOFF_WORKING_DAYS });
    return { values: withProposal(values, request.rows, plan, { bodies }), errors: [] };
  } catch (err) {
    if (err instanceof DomainError && err.problems && (err.code === 'conflict' || err.code === 'invalid-input')) return { values, errors: planErrors(err.problems, request.rows) };
    throw err;
  }
}

async function formPage(typed: StartRunValues, people: readonly DirectoryPerson[], errors: FormError[] = [], status = 200): Promise<PageResult> {
  const calendar = await calendarFor(typed);
  const values = withChosenMeetings(typed, calendar);
  const byId = Object.fromEntries(errors.map((e) => [e.id, e.text]));
  const routes = loadRouteTemplates();
  return {
    view: 'startRun',
    status,
    context: {
      title: 'Start a run',
      values,
      errors: byId,
      errorList: errors.map((e) => ({ text: e.text, href: e.href })),
      routeItems: [{ value: '', text: 'No route: enter the stages' }, ...routes.map((r) => ({ value: r.id, text: r.name, selected: r.id === values.route }))],
      routeDescriptions: routes.map((r) => ({ id: r.id, name: r.name, description: r.description })),
      keyDecisionItems: [
        { value: 'yes', text: 'Yes', checked: values.keyDecision === 'yes' },
        { value: 'no', text: 'No', checked: values.keyDecision === 'no' },
      ],
      urgencyReasonMax: URGENCY_REASON_MAX,
      urgencyInformedItems: dateItems(values.urgency.informed, !!byId['urgency-informed']),
      classificationItems: classificationOptions.map((o) => ({ ...o, checked: o.value === values.classification })),
      stageRows: values.stages.map((row, i) => ({
        n: i + 1,
        i,
        row,
        kindItems: [{ value: '', text: 'Choose a kind' }, ...kindOptions.map((k) => ({ ...k, selected: k.value === row.kind }))],
        dateItems: dateItems(row, !!byId[`stages-${i}-meetingDate`]),
        meetingItems: meetingItemsOf(row, calendar),
      })),
      onCalendar: calendar.bodies.length > 0,
      signoffWorkingDays: DEFAULT_SIGNOFF_WORKING_DAYS,
      signoffRows: values.signoffs.map((row, i) => ({
        n: i + 1,
        i,
        row,
        beforeItems: requiredBeforeOptions(values).map((o) => ({ ...o, selected: o.value === row.requiredBefore })),
        personItems: personOptions(row, people),
      })),
      hasPeople: people.length > 0,
    },
  };
}

/** Starts the run once per form: a second submission of the same form goes to the run the first one started. */
async function startOnce(values: StartRunValues, people: readonly DirectoryPerson[], body: Parameters<typeof startRun>[0], actor: Actor): Promise<PageResult> {
  const key = `start-run-form:${values.formId || randomUUID()}`;
  try {
    const answer = await runOnce(actor.email, key, requestHash(JSON.stringify(body)), async () => {
      const view = await startRun(body, actor, { idempotencyKey: key });
      return { statusCode: 303, headers: { location: `${runHref(view.runId)}?updated=started` } };
    });
    return { redirect: answer.headers?.location ?? '/' };
  } catch (err) {
    const rule = err instanceof DomainError && err.code === 'conflict' ? err.problems?.[IDEMPOTENCY_FIELD]?.rule : undefined;
    if (!rule) throw err;
    const text =
      rule === 'in-progress'
        ? 'This run is already being started: wait a moment, then look for it on the dashboard'
        : 'This form has already started a run: check the details and select "Start run" again to start another';
    return await formPage({ ...values, formId: randomUUID() }, people, [{ id: 'start', href: '#start', text }], 409);
  }
}

export const handler = pageHandler({ name: 'StartRunPage', roles: ['clerk'], nav: 'new' }, async ({ method, form, actor }) => {
  const people = await listPeople();
  if (method !== 'POST') return formPage(blankStartRunValues(randomUUID()), people);
  const { values: typed, action, row } = readStartRunForm(form);
  if (action === 'add-stage') return formPage(withExtraRow(typed, 'stages'), people);
  if (action === 'add-signoff') return formPage(withExtraRow(typed, 'signoffs'), people);
  if (action === 'remove-stage' || action === 'remove-signoff') return formPage(withoutRow(typed, action === 'remove-stage' ? 'stages' : 'signoffs', row ?? -1), people);
  if (action === 'fill-officers') return formPage(withDirectory(typed, people), people);
  if (action === 'find-dates') {
    const found = await withEarliestDates(typed, await readBodies());
    return formPage(found.values, people, found.errors, found.errors.length ? 400 : 200);
  }
  if (action === 'use-route') {
    const template = typed.route ? getRouteTemplate(typed.route) : undefined;
    if (!template) return formPage(typed, people, [{ id: 'route', href: '#route', text: 'Select a route from the list' }], 400);
    const routed = withDirectory(withRoute(typed, template, londonDate(now())), people);
    // A route whose bodies are all on the calendar goes straight to its earliest meetings; otherwise the suggested dates stay.
    const bodies = await readBodies();
    const onCalendar = bodies.length > 0 && routed.stages.every((r) => bodyNamed(bodies, r.body));
    const found = onCalendar ? await withEarliestDates(routed, bodies) : { values: routed, errors: [] };
    return formPage(found.values, people, found.errors);
  }

  // A person chosen from the directory is the row's officer, whatever was typed beside them; a row at a calendar
  // meeting has the meeting's date (the urgency depends on it).
  const values = withChosenMeetings(withDirectory(typed, people, { chosenOnly: true }), await calendarFor(typed));
  const input = toRunInput(values, londonDate(now()));
  const parsed = newRunInputSchema.safeParse(input.body);
  if (!parsed.success) return formPage(values, people, startRunErrors(fieldsOf(parsed.error), input, values), 400);
  try {
    return await startOnce(values, people, parsed.data, actor);
  } catch (err) {
    if (err instanceof DomainError && err.code === 'invalid-input' && err.problems) return formPage(values, people, startRunErrors(err.problems, input, values), 400);
    throw err;
  }
});
