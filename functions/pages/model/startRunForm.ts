/**
 * The start-a-run form (`/runs/new`): its values as typed (kept on error), the body of `POST /api/runs` they
 * make, and the API's field errors turned back into GOV.UK error messages linked to the inputs they are about.
 * Works without JavaScript: "Use this route", "Add another stage", "Add another sign-off" and "Fill in officers
 * from the directory" are submit buttons that re-render the form. Field names are the API's body paths with `-`
 * for `.` and row numbers as indices. A sign-off row may name a person of the people directory (`signoffs-N-person`):
 * they are its officer (name, e-mail address, job title as `role`); a row with an area and no officer gets the
 * one person of that area, when the directory has exactly one. A key decision whose executive meeting is fewer than
 * 28 clear days away may record the general exception or special urgency (`urgency-*`): it goes on each executive
 * stage that lacks the forward plan's notice, and on no other (an urgency where notice was given would, for special
 * urgency, wrongly waive the call-in).
 */
import { isoDateSchema, type IsoDate } from '../../domain/calendar';
import { leavesForwardPlanNotice } from '../../domain/executiveDecisions';
import { NEW_RUN_LIMITS, STAGE_ID, stagesFromRoute } from '../../domain/newRun';
import { slug, uniqueIds } from '../../domain/slug';
import type { RouteTemplate } from '../../domain/routes';
import { classificationSchema, stageKinds } from '../../domain/runModel';
import { isoFromParts, partsFromIso } from './dateParts';
import { blankUrgency, readUrgencyForm, urgencyBody, urgencyError, type UrgencyValues } from './urgencyForm';
import { kindText } from './format';
import type { Problem } from '../../domain/errors';
import { asProblems, dateRuleText } from './runForms';
import { officerOf, peopleOfArea, type DirectoryPerson } from '../../domain/people';

export interface StageRow {
  /** Set by a route template; otherwise the id is made from the body. */
  id: string;
  body: string;
  kind: string;
  day: string;
  month: string;
  year: string;
  /** The calendar meeting chosen (then body, kind and date are the meeting's); '' = a typed date. */
  meetingId: string;
  /** Why "Find the earliest dates" chose the meeting (shown, never sent). */
  why: string;
}

export interface SignoffRow {
  area: string;
  name: string;
  email: string;
  /** The officer's job title, printed as their role on the front sheet (optional). */
  role: string;
  /** The e-mail address of the directory person chosen as officer; '' = typed in. */
  person: string;
  /** The stage row (index as text) the sign-off is needed before; '' = the default. */
  requiredBefore: string;
}

export interface StartRunValues {
  /** Names this filling-in of the form: sending it twice starts one run. */
  formId: string;
  title: string;
  authorName: string;
  authorEmail: string;
  keyDecision: string;
  classification: string;
  clearDaysCount: string;
  excludeNonWorkingDays: boolean;
  urgency: UrgencyValues;
  route: string;
  stages: StageRow[];
  signoffs: SignoffRow[];
}

export const startRunActions = ['start', 'use-route', 'add-stage', 'add-signoff', 'fill-officers', 'find-dates', 'remove-stage', 'remove-signoff'] as const;
export type StartRunAction = (typeof startRunActions)[number];

/** Rows of each kind the form can hold: far above any real timetable, and bounds a hostile post. */
const MAX_ROWS = { stages: NEW_RUN_LIMITS.stages, signoffs: NEW_RUN_LIMITS.signoffs };

const blankStage = (): StageRow => ({ id: '', body: '', kind: '', day: '', month: '', year: '', meetingId: '', why: '' });
const blankSignoff = (): SignoffRow => ({ area: '', name: '', email: '', role: '', person: '', requiredBefore: '' });

export function blankStartRunValues(formId: string): StartRunValues {
  return {
    formId,
    title: '',
    authorName: '',
    authorEmail: '',
    keyDecision: 'no',
    classification: 'public',
    clearDaysCount: '5',
    excludeNonWorkingDays: true,
    urgency: blankUrgency(),
    route: '',
    stages: [blankStage(), blankStage(), blankStage()],
    signoffs: [blankSignoff(), blankSignoff()],
  };
}

/** Row indices present in the form for `prefix` (`stages-3-body` -> 3), in order. */
function rowIndices(form: URLSearchParams, prefix: string, max: number): number[] {
  const rows = new Set<number>();
  for (const name of form.keys()) {
    const m = new RegExp(`^${prefix}-(\\d{1,3})-`).exec(name);
    if (m && Number(m[1]) < max) rows.add(Number(m[1]));
  }
  return [...rows].sort((a, b) => a - b);
}

/** `remove-stage-2` (a row's own "Remove" button) -> the action and its row. */
function actionOf(value: string): { action: StartRunAction; row?: number } {
  const remove = /^(remove-stage|remove-signoff)-(\d{1,3})$/.exec(value);
  if (remove) return { action: remove[1] as StartRunAction, row: Number(remove[2]) };
  return { action: (startRunActions as readonly string[]).includes(value) && !value.startsWith('remove-') ? (value as StartRunAction) : 'start' };
}

export function readStartRunForm(form: URLSearchParams): { values: StartRunValues; action: StartRunAction; row?: number } {
  const get = (name: string) => (form.get(name) ?? '').trim();
  const stageRows = rowIndices(form, 'stages', MAX_ROWS.stages);
  const signoffRows = rowIndices(form, 'signoffs', MAX_ROWS.signoffs);
  // Rows keep their positions (a sign-off's requiredBefore names a stage row), gaps filled with blank rows.
  const stages = Array.from({ length: stageRows.length ? Math.max(...stageRows) + 1 : 0 }, (_, i) => ({
    id: get(`stages-${i}-id`),
    body: get(`stages-${i}-body`),
    kind: get(`stages-${i}-kind`),
    day: get(`stages-${i}-meetingDate-day`),
    month: get(`stages-${i}-meetingDate-month`),
    year: get(`stages-${i}-meetingDate-year`),
    meetingId: get(`stages-${i}-meetingId`).slice(0, 100),
    why: '',
  }));
  const signoffs = Array.from({ length: signoffRows.length ? Math.max(...signoffRows) + 1 : 0 }, (_, i) => ({
    area: get(`signoffs-${i}-area`),
    name: get(`signoffs-${i}-officer-name`),
    email: get(`signoffs-${i}-officer-email`),
    role: get(`signoffs-${i}-officer-role`),
    person: get(`signoffs-${i}-person`).toLowerCase(),
    requiredBefore: get(`signoffs-${i}-requiredBefore`),
  }));
  return {
    values: {
      formId: /^[A-Za-z0-9-]{1,64}$/.test(get('formId')) ? get('formId') : '',
      title: get('plan-title'),
      authorName: get('plan-author-name'),
      authorEmail: get('plan-author-email'),
      keyDecision: get('plan-keyDecision'),
      classification: get('plan-classification'),
      clearDaysCount: get('clearDays-count'),
      excludeNonWorkingDays: form.has('clearDays-excludeNonWorkingDays'),
      urgency: readUrgencyForm(form),
      route: get('route'),
      stages,
      signoffs,
    },
    ...actionOf(get('action')),
  };
}

/**
 * The form without one stage or sign-off row (one row is always left). Sign-offs needed before a later stage
 * follow it to its new row; one needed before the removed stage is needed before the first stage.
 */
export function withoutRow(values: StartRunValues, kind: 'stages' | 'signoffs', row: number): StartRunValues {
  if (row >= values[kind].length) return values;
  if (kind === 'signoffs') {
    const signoffs = values.signoffs.filter((_, i) => i !== row);
    return { ...values, signoffs: signoffs.length ? signoffs : [blankSignoff()] };
  }
  const stages = values.stages.filter((_, i) => i !== row);
  const signoffs = values.signoffs.map((s) => {
    if (s.requiredBefore === '' || !/^\d+$/.test(s.requiredBefore)) return s;
    const before = Number(s.requiredBefore);
    return { ...s, requiredBefore: before === row ? '' : before > row ? String(before - 1) : s.requiredBefore };
  });
  return { ...values, stages: stages.length ? stages : [blankStage()], signoffs };
}

/** One more blank stage or sign-off row (up to the limit). */
export function withExtraRow(values: StartRunValues, kind: 'stages' | 'signoffs'): StartRunValues {
  if (values[kind].length >= MAX_ROWS[kind]) return values;
  return kind === 'stages' ? { ...values, stages: [...values.stages, blankStage()] } : { ...values, signoffs: [...values.signoffs, blankSignoff()] };
}

const isBlankStage = (r: StageRow) => !r.body && !r.kind && !r.day && !r.month && !r.year && !r.meetingId;
const isBlankSignoff = (r: SignoffRow) => !r.area && !r.name && !r.email && !r.role && !r.person;

/**
 * The sign-off rows with their officers from the directory: a chosen person is the row's officer (and gives an
 * empty area theirs); a row with an area but no officer, nor a person chosen, gets the one person of that area
 * (several: the clerk chooses). `chosenOnly` (starting the run) applies the choices and fills nothing by area.
 */
export function withDirectory(values: StartRunValues, people: readonly DirectoryPerson[], opts: { chosenOnly?: boolean } = {}): StartRunValues {
  const byEmail = new Map(people.map((p) => [p.email, p]));
  const signoffs = values.signoffs.map((row) => {
    const chosen = row.person ? byEmail.get(row.person) : undefined;
    const fromArea = !chosen && !opts.chosenOnly && !row.person && row.area && !row.name && !row.email ? peopleOfArea(people, row.area) : [];
    const person = chosen ?? (fromArea.length === 1 ? fromArea[0] : undefined);
    if (!person) return row;
    const officer = officerOf(person);
    return { ...row, area: row.area || person.area || '', name: officer.name, email: officer.email, role: officer.role ?? '', person: person.email };
  });
  return { ...values, signoffs };
}

/** The directory people a sign-off row may choose: those of its area first, then everyone else, by name. */
export function personOptions(row: SignoffRow, people: readonly DirectoryPerson[]): Array<{ value: string; text: string; selected: boolean }> {
  const ofArea = row.area ? peopleOfArea(people, row.area) : [];
  const rest = people.filter((p) => !ofArea.includes(p));
  const text = (p: DirectoryPerson) => [p.name, p.jobTitle, p.area].filter(Boolean).join(', ');
  return [
    { value: '', text: people.length ? 'Type the officer in below' : 'Nobody is in the people directory yet', selected: !row.person },
    ...[...ofArea, ...rest].map((p) => ({ value: p.email, text: text(p), selected: p.email === row.person })),
  ];
}

/**
 * The route's stages on its suggested dates from `today`, in place of the stage rows, and a sign-off row for each
 * area the route wants signed before a stage (`signoffsBefore`), needed before that stage, for the clerk to name
 * its officer; sign-off rows already filled in are kept. The rest of the form is kept.
 */
export function withRoute(values: StartRunValues, template: RouteTemplate, today: IsoDate): StartRunValues {
  const count = /^\d{1,2}$/.test(values.clearDaysCount) ? Number(values.clearDaysCount) : NaN;
  const clearDays = count <= 60 ? { count, excludeNonWorkingDays: values.excludeNonWorkingDays } : undefined;
  const stages = stagesFromRoute(template, today, clearDays).map((s) => ({ ...blankStage(), id: s.id, body: s.body, kind: s.kind, ...partsFromIso(s.meetingDate) }));
  const kept = values.signoffs.filter((r) => !isBlankSignoff(r)).map((r) => ({ ...r, requiredBefore: '' }));
  const known = new Set(kept.map((r) => r.area.trim().toLowerCase()));
  const fromRoute = template.stages.flatMap((stage, i) =>
    (stage.signoffsBefore ?? []).filter((area) => !known.has(area.trim().toLowerCase())).map((area) => ({ ...blankSignoff(), area, requiredBefore: String(i) })),
  );
  const signoffs = [...kept, ...fromRoute];
  return { ...values, route: template.id, stages, signoffs: signoffs.length ? signoffs : [blankSignoff()] };
}


/** `Overview & Scrutiny` -> `overview-scrutiny`: an id the API accepts, unique within the run. */
export function stageIdsOf(stages: StageRow[]): string[] {
  return uniqueIds(stages.map((row, i) => (row.id && STAGE_ID.test(row.id) ? row.id : slug(row.body) || `stage-${i + 1}`).slice(0, 60)));
}

export interface RunInput {
  /** The body for `POST /api/runs` (validated by the API's own schema). */
  body: Record<string, unknown>;
  /** Form row of each item of `body.stages` and `body.signoffs`. */
  stageRows: number[];
  signoffRows: number[];
}

/** A stage row the urgency is for: an executive meeting on a real date too soon for the forward plan's notice. */
function needsUrgency(row: StageRow, today: IsoDate): boolean {
  const date = isoDateSchema.safeParse(isoFromParts(row));
  return row.kind === 'executive' && date.success && !leavesForwardPlanNotice(today, date.data);
}

export function toRunInput(values: StartRunValues, today: IsoDate): RunInput {
  const ids = stageIdsOf(values.stages);
  const stageRows = values.stages.map((r, i) => (isBlankStage(r) ? -1 : i)).filter((i) => i >= 0);
  const signoffRows = values.signoffs.map((r, i) => (isBlankSignoff(r) ? -1 : i)).filter((i) => i >= 0);
  const urgency = values.keyDecision === 'yes' ? urgencyBody(values.urgency) : undefined;
  const stages = stageRows.map((i) => {
    const row = values.stages[i];
    // At a calendar meeting, the meeting gives body, kind and date (the form shows them, synced from it).
    if (row.meetingId) return { id: ids[i], meetingId: row.meetingId, ...(urgency && needsUrgency(row, today) ? { urgency } : {}) };
    return {
      id: ids[i],
      body: row.body,
      kind: row.kind || undefined,
      meetingDate: isoFromParts(row),
      ...(urgency && needsUrgency(row, today) ? { urgency } : {}),
    };
  });
  const signoffs = signoffRows.map((i) => {
    const row = values.signoffs[i];
    const before = row.requiredBefore === '' ? undefined : Number(row.requiredBefore);
    const stage = before === undefined ? undefined : values.stages[before];
    return {
      area: row.area,
      officer: { name: row.name, email: row.email, ...(row.role ? { role: row.role } : {}) },
      // A row that is blank (or gone) names no stage: the API says so on this field.
      ...(before === undefined ? {} : { requiredBefore: stage && !isBlankStage(stage) ? ids[before] : `row-${row.requiredBefore}` }),
    };
  });
  const count = /^\d{1,3}$/.test(values.clearDaysCount) ? Number(values.clearDaysCount) : values.clearDaysCount;
  return {
    body: {
      plan: {
        title: values.title,
        author: { name: values.authorName, email: values.authorEmail },
        ...(values.keyDecision ? { keyDecision: values.keyDecision === 'yes' } : {}),
        ...(values.classification ? { classification: values.classification } : {}),
      },
      clearDays: { count, excludeNonWorkingDays: values.excludeNonWorkingDays },
      stages,
      signoffs,
      ...(values.route ? { route: values.route } : {}),
    },
    stageRows,
    signoffRows,
  };
}

export interface FormError {
  /** The input's id (`stages-2-meetingDate`); the summary links to `href`. */
  id: string;
  href: string;
  text: string;
}

/**
 * The API's `fields` (`stages.1.meetingDate`: "is before the meeting of the previous stage ...") as GOV.UK
 * error messages on the form's inputs, in the order the inputs appear.
 */
export function startRunErrors(fields: Record<string, string | Problem>, input: RunInput, values: StartRunValues): FormError[] {
  const errors = new Map<string, FormError & { order: number }>();
  for (const [key, p] of Object.entries(asProblems(fields))) {
    const e = errorFor(key.split('.'), p, input, values);
    if (!errors.has(e.id)) errors.set(e.id, e);
  }
  return [...errors.values()].sort((a, b) => a.order - b.order).map(({ order: _o, ...e }) => e);
}

function errorFor(path: string[], p: Problem, input: RunInput, values: StartRunValues): FormError & { order: number } {
  const { message } = p;
  const at = (id: string, order: number, text: string, href = `#${id}`) => ({ id, href, text, order });
  const [head, second, ...rest] = path;
  if (head === 'plan') {
    const field = [second, ...rest].join('.');
    if (field === 'title') return at('plan-title', 1, values.title ? `Plan title must be ${NEW_RUN_LIMITS.title} characters or fewer` : 'Enter the plan title');
    if (field === 'author.email' || field === 'author') {
      return at('plan-author-email', 3, values.authorEmail ? "Enter the author's email address in the correct format, like name@example.gov.uk" : "Enter the author's email address");
    }
    if (field.startsWith('author')) return at('plan-author-name', 2, values.authorName ? `Author's name must be ${NEW_RUN_LIMITS.name} characters or fewer` : "Enter the author's name");
    if (field === 'keyDecision') return at('plan-keyDecision', 4, 'Select whether this is a key decision');
    if (field === 'classification') return at('plan-classification', 5, 'Select the classification of the report');
    return at('plan-title', 1, `Plan: ${message}`);
  }
  if (head === 'clearDays') return at('clearDays-count', 6, 'Enter the number of clear days, a whole number from 0 to 60');
  if (head === 'route') return at('route', 7, 'Select a route from the list');
  if (head === 'stages') {
    const item = Number(second);
    if (second === undefined || !Number.isInteger(item)) {
      return at('stages-0-body', 100, 'Add at least one stage to the timetable, or choose a route and select "Use this route"');
    }
    const row = input.stageRows[item] ?? item;
    const n = row + 1;
    const order = 100 + row * 10;
    const field = rest.join('.');
    if (field === 'kind') return at(`stages-${row}-kind`, order + 2, `Select the kind of body for stage ${n}`);
    if (field.startsWith('urgency')) {
      const e = urgencyError(field, p);
      return at(e.id, 8, e.text, e.href);
    }
    if (field === 'meetingId') {
      const id = `stages-${row}-meetingId`;
      const What = `The meeting chosen for stage ${n}`;
      return at(id, order + 3, dateRuleText(p, What) ?? `${What}: ${message}`);
    }
    if (field === 'meetingDate') {
      const id = `stages-${row}-meetingDate`;
      const r = values.stages[row];
      const What = `Meeting date for stage ${n}`;
      const text = !r || (!r.day && !r.month && !r.year)
        ? `Enter the meeting date for stage ${n}`
        : p.rule === 'before-previous'
          ? `${What} must be the same as or after the meeting date of the stage before it`
          : (dateRuleText(p, What) ?? `${What} must be a real date, like 27 3 2027`);
      return at(id, order + 3, text, `#${id}-day`);
    }
    if (field === 'body' || field === 'id') {
      return at(`stages-${row}-body`, order + 1, values.stages[row]?.body ? `Body for stage ${n} must be ${NEW_RUN_LIMITS.body} characters or fewer` : `Enter the body that meets at stage ${n}`);
    }
    return at(`stages-${row}-body`, order + 1, `Stage ${n}: ${message}`);
  }
  if (head === 'signoffs') {
    const item = Number(second);
    const row = Number.isInteger(item) ? (input.signoffRows[item] ?? item) : 0;
    const n = row + 1;
    const order = 1000 + row * 10;
    const field = rest.join('.');
    const r = values.signoffs[row];
    if (field === 'area' && p.rule === 'repeats-signoff') {
      const earlier = Number(p.values?.signoff);
      const first = (input.signoffRows[earlier] ?? earlier) + 1;
      return at(`signoffs-${row}-area`, order + 1, `Sign-off ${n} repeats sign-off ${first} (the same area, officer and stage): change it or leave its row blank`);
    }
    if (field === 'area') return at(`signoffs-${row}-area`, order + 1, r?.area ? `Area of sign-off ${n} must be ${NEW_RUN_LIMITS.area} characters or fewer` : `Enter the area of sign-off ${n}, like Legal`);
    if (field === 'officer.name') return at(`signoffs-${row}-officer-name`, order + 2, `Enter the name of the officer for sign-off ${n}`);
    if (field === 'officer.role') return at(`signoffs-${row}-officer-role`, order + 4, `Job title of the officer for sign-off ${n} must be ${NEW_RUN_LIMITS.name} characters or fewer`);
    if (field === 'officer.email' || field === 'officer') {
      return at(
        `signoffs-${row}-officer-email`,
        order + 3,
        r?.email ? `Enter the officer's email address for sign-off ${n} in the correct format, like name@example.gov.uk` : `Enter the officer's email address for sign-off ${n}`,
      );
    }
    if (field === 'requiredBefore') return at(`signoffs-${row}-requiredBefore`, order + 5, `Select a stage of the timetable that sign-off ${n} is needed before`);
    return at(`signoffs-${row}-area`, order + 1, `Sign-off ${n}: ${message}`);
  }
  return at('plan-title', 0, message);
}

/** Choices the form offers. */
export const kindOptions = stageKinds.map((k) => ({ value: k, text: kindText[k] }));
export const classificationOptions = classificationSchema.options.map((c) => ({
  value: c,
  text: c === 'public' ? 'Public' : c === 'exempt' ? 'Exempt (part 2 of the agenda)' : 'Confidential',
}));

/** The stages a sign-off can be needed before: the stage rows filled in so far. */
export function requiredBeforeOptions(values: StartRunValues): Array<{ value: string; text: string }> {
  return [
    { value: '', text: 'The first stage' },
    ...values.stages.flatMap((r, i) => (r.body ? [{ value: String(i), text: `Stage ${i + 1}: ${r.body}` }] : [])),
  ];
}
