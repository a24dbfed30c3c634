import { fieldsOf } from '../../../../functions/edge/http';
import { checkNewRun, newRunInputSchema, type StageInput } from '../../../../functions/domain/newRun';
import { beforePreviousProblem } from '../../../../functions/domain/meetingDates';
import { getRouteTemplate } from '../../../../functions/platform/routeTemplates';
import {
  blankStartRunValues,
  readStartRunForm,
  requiredBeforeOptions,
  stageIdsOf,
  startRunErrors,
  personOptions,
  toRunInput,
  withDirectory,
  withExtraRow,
  withRoute,
} from '../../../../functions/pages/model/startRunForm';
import type { DirectoryPerson } from '../../../../functions/domain/people';

/** The day the forms are sent: 9 January 2017 (a key decision then needs a meeting on 7 February or later). */
const TODAY = '2017-01-09';

function directoryPerson(email: string, name: string, area: string | null, jobTitle: string | null = null): DirectoryPerson {
  return { email, name, area, jobTitle, roles: ['officer'], deputy: null, away: false, awayUntil: null, updatedAt: '', updatedBy: { name: 'Cleo', email: null } };
}

/** A form as a browser posts it. */
function posted(fields: Record<string, string>): URLSearchParams {
  return new URLSearchParams({
    formId: 'f-1',
    'plan-title': 'Community Safety Partnership Plan 2017/18',
    'plan-author-name': 'Terry Hughes',
    'plan-author-email': 'Terry.Hughes@example.gov.uk',
    'plan-keyDecision': 'no',
    'plan-classification': 'public',
    'clearDays-count': '5',
    'clearDays-excludeNonWorkingDays': 'yes',
    route: '',
    'stages-0-body': 'Community Safety Partnership',
    'stages-0-kind': 'partnership',
    'stages-0-meetingDate-day': '9',
    'stages-0-meetingDate-month': '2',
    'stages-0-meetingDate-year': '2017',
    'stages-1-body': '',
    'stages-1-kind': '',
    'stages-1-meetingDate-day': '',
    'stages-1-meetingDate-month': '',
    'stages-1-meetingDate-year': '',
    'stages-2-body': 'Cabinet',
    'stages-2-kind': 'executive',
    'stages-2-meetingDate-day': '13',
    'stages-2-meetingDate-month': '04',
    'stages-2-meetingDate-year': '2017',
    'signoffs-0-area': 'Legal',
    'signoffs-0-officer-name': 'Keith Trowell',
    'signoffs-0-officer-email': 'k.trowell@example.gov.uk',
    'signoffs-0-requiredBefore': '2',
    'signoffs-1-area': '',
    'signoffs-1-officer-name': '',
    'signoffs-1-officer-email': '',
    'signoffs-1-requiredBefore': '',
    action: 'start',
    ...fields,
  });
}

describe('the start-a-run form', () => {
  it('makes the body of POST /api/runs from the rows filled in, skipping empty rows', () => {
    const { values, action } = readStartRunForm(posted({}));
    expect(action).toBe('start');
    const input = toRunInput(values, TODAY);
    expect(input.stageRows).toEqual([0, 2]);
    expect(input.signoffRows).toEqual([0]);
    const parsed = newRunInputSchema.parse(input.body);
    expect(parsed).toEqual({
      plan: { title: 'Community Safety Partnership Plan 2017/18', author: { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' }, keyDecision: false, classification: 'public' },
      clearDays: { count: 5, excludeNonWorkingDays: true },
      stages: [
        { id: 'community-safety-partnership', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
        { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
      ],
      signoffs: [{ area: 'Legal', officer: { name: 'Keith Trowell', email: 'k.trowell@example.gov.uk' }, requiredBefore: 'cabinet' }],
    });
  });

  it('reads an unticked box as counting every calendar day, and a key decision as yes', () => {
    const form = posted({ 'plan-keyDecision': 'yes' });
    form.delete('clearDays-excludeNonWorkingDays');
    const body = newRunInputSchema.parse(toRunInput(readStartRunForm(form).values, TODAY).body);
    expect(body.clearDays).toEqual({ count: 5, excludeNonWorkingDays: false });
    expect(body.plan.keyDecision).toBe(true);
  });

  it('gives stages unique ids the API accepts, keeping the ids a route gave them', () => {
    const row = (body: string, id = '') => ({ id, body, kind: '', day: '', month: '', year: '', meetingId: '', why: '' });
    expect(stageIdsOf([row('Cabinet'), row('Overview & Scrutiny Committee'), row('Cabinet'), row(''), row('Full Council', 'council'), row('council')])).toEqual([
      'cabinet',
      'overview-scrutiny-committee',
      'cabinet-2',
      'stage-4',
      'council',
      'council-2',
    ]);
  });

  it('names the rows of errors as the clerk sees them, in the order of the form, linked to their inputs', () => {
    const form = posted({
      'plan-title': '',
      'plan-author-email': 'terry',
      'stages-2-meetingDate-day': '31',
      'stages-2-meetingDate-month': '2',
      'signoffs-0-officer-email': '',
      'signoffs-0-requiredBefore': '1',
    });
    const { values } = readStartRunForm(form);
    const input = toRunInput(values, TODAY);
    const parsed = newRunInputSchema.safeParse(input.body);
    expect(parsed.success).toBe(false);
    const errors = startRunErrors(fieldsOf(parsed.error!), input, values);
    expect(errors).toEqual([
      { id: 'plan-title', href: '#plan-title', text: 'Enter the plan title' },
      { id: 'plan-author-email', href: '#plan-author-email', text: "Enter the author's email address in the correct format, like name@example.gov.uk" },
      { id: 'stages-2-meetingDate', href: '#stages-2-meetingDate-day', text: 'Meeting date for stage 3 must be a real date, like 27 3 2027' },
      { id: 'signoffs-0-officer-email', href: '#signoffs-0-officer-email', text: "Enter the officer's email address for sign-off 1" },
    ]);
  });

  it("turns the API's rules across items into messages on the later item's row", () => {
    const { values } = readStartRunForm(posted({ 'stages-2-meetingDate-month': '1', 'signoffs-0-requiredBefore': '1' }));
    const input = toRunInput(values, TODAY);
    // What POST /api/runs answers for this body (functions/domain/newRun.ts checkNewRun), keyed by item index.
    const fields = {
      'stages.1.meetingDate': beforePreviousProblem('2017-01-20', { id: 'community-safety-partnership', meetingDate: '2017-02-09' })!,
      'signoffs.0.requiredBefore': 'row-1 is not a stage of this run',
    };
    expect(startRunErrors(fields, input, values)).toEqual([
      { id: 'stages-2-meetingDate', href: '#stages-2-meetingDate-day', text: 'Meeting date for stage 3 must be the same as or after the meeting date of the stage before it' },
      { id: 'signoffs-0-requiredBefore', href: '#signoffs-0-requiredBefore', text: 'Select a stage of the timetable that sign-off 1 is needed before' },
    ]);
    expect(input.body.signoffs).toEqual([expect.objectContaining({ requiredBefore: 'row-1' })]);
  });

  it('names a sign-off repeating an earlier one, and a meeting date over ten years ahead, on their own inputs', () => {
    // Sign-off rows 1 and 4 are the same (row 2 is blank, row 3 another officer); the Cabinet is in 2037.
    const { values } = readStartRunForm(
      posted({
        'stages-2-meetingDate-year': '2037',
        'signoffs-1-area': 'Legal',
        'signoffs-1-officer-name': 'Lee Gal',
        'signoffs-1-officer-email': 'lee.gal@example.gov.uk',
        'signoffs-1-requiredBefore': '2',
        'signoffs-2-area': '',
        'signoffs-3-area': 'legal ',
        'signoffs-3-officer-name': 'Keith Trowell',
        'signoffs-3-officer-email': 'K.Trowell@example.gov.uk',
        'signoffs-3-requiredBefore': '2',
      }),
    );
    const input = toRunInput(values, TODAY);
    const body = newRunInputSchema.parse(input.body);
    // The API's own checks across items, as POST /api/runs makes them.
    const fields = checkNewRun(body.stages! as StageInput[], body.signoffs, '2017-01-09');
    expect(Object.keys(fields).sort()).toEqual(['signoffs.2.area', 'stages.1.meetingDate']);
    expect(startRunErrors(fields, input, values)).toEqual([
      { id: 'stages-2-meetingDate', href: '#stages-2-meetingDate-day', text: 'Meeting date for stage 3 must be within 10 years of today: check the year' },
      {
        id: 'signoffs-3-area',
        href: '#signoffs-3-area',
        text: 'Sign-off 4 repeats sign-off 1 (the same area, officer and stage): change it or leave its row blank',
      },
    ]);
  });

  it('asks for at least one stage when every stage row is empty', () => {
    const values = { ...blankStartRunValues('f'), title: 'T', authorName: 'A', authorEmail: 'a@example.gov.uk' };
    const input = toRunInput(values, TODAY);
    const parsed = newRunInputSchema.safeParse(input.body);
    expect(startRunErrors(fieldsOf(parsed.error!), input, values)).toEqual([
      { id: 'stages-0-body', href: '#stages-0-body', text: 'Add at least one stage to the timetable, or choose a route and select "Use this route"' },
    ]);
  });

  it("fills in a route's stages on suggested dates and keeps everything else", () => {
    const { values } = readStartRunForm(posted({ route: 'committee-system' }));
    const next = withRoute(values, getRouteTemplate('committee-system')!, '2026-11-26');
    expect(next.title).toBe(values.title);
    expect(next.route).toBe('committee-system');
    expect(next.stages.map((s) => [s.id, s.kind])).toEqual([
      ['committee', 'committee'],
      ['council', 'council'],
    ]);
    const body = newRunInputSchema.parse(toRunInput({ ...next, signoffs: [] }, TODAY).body);
    expect(body.route).toBe('committee-system');
    // Not the day itself (its publication deadline has gone): Fri 4 Dec 2026 is the first meeting that leaves 5
    // clear days from Thu 26 Nov; 4 weeks on is New Year's Day, so Mon 4 Jan 2027.
    expect((body.stages! as StageInput[]).map((s) => s.meetingDate)).toEqual(['2026-12-04', '2027-01-04']);
  });

  it("adds a sign-off row, needed before its stage, for each area the route names, keeping the rows already filled in", () => {
    const { values } = readStartRunForm(posted({ route: 'committee-system' }));
    const next = withRoute(values, getRouteTemplate('committee-system')!, '2026-11-26');
    // Legal was already typed (its stage row is gone, so it goes back to the default); Finance and Risk come from the route.
    expect(next.signoffs).toEqual([
      { area: 'Legal', name: 'Keith Trowell', email: 'k.trowell@example.gov.uk', role: '', person: '', requiredBefore: '' },
      { area: 'Finance', name: '', email: '', role: '', person: '', requiredBefore: '0' },
      { area: 'Risk management', name: '', email: '', role: '', person: '', requiredBefore: '0' },
    ]);
    // Until the clerk names their officers, the rows are refused on those fields.
    const input = toRunInput(next, TODAY);
    const parsed = newRunInputSchema.safeParse(input.body);
    expect(startRunErrors(fieldsOf(parsed.error!), input, next).map((e) => e.id)).toEqual([
      'signoffs-1-officer-name',
      'signoffs-1-officer-email',
      'signoffs-2-officer-name',
      'signoffs-2-officer-email',
    ]);
  });

  it('adds rows one at a time, up to a limit', () => {
    const values = blankStartRunValues('f');
    expect(withExtraRow(values, 'stages').stages).toHaveLength(4);
    expect(withExtraRow(values, 'signoffs').signoffs).toHaveLength(3);
    let many = values;
    for (let i = 0; i < 40; i++) many = withExtraRow(many, 'stages');
    expect(many.stages).toHaveLength(30);
  });

  it('offers the stages filled in so far for a sign-off to be needed before', () => {
    const { values } = readStartRunForm(posted({}));
    expect(requiredBeforeOptions(values).map((o) => o.value)).toEqual(['', '0', '2']);
    expect(requiredBeforeOptions(values)[2].text).toBe('Stage 3: Cabinet');
  });

  it('ignores row numbers past the limit and unknown actions', () => {
    const { values, action } = readStartRunForm(posted({ 'stages-999-body': 'Too far', action: 'drop-tables' }));
    expect(values.stages).toHaveLength(3);
    expect(action).toBe('start');
  });
});

describe('sign-off officers from the people directory', () => {
  const people = [
    directoryPerson('k.trowell@example.gov.uk', 'Keith Trowell', 'Legal', 'Senior Lawyer (Corporate Governance)'),
    directoryPerson('f.finance@example.gov.uk', 'Fiona Finance', 'Finance'),
    directoryPerson('g.finance@example.gov.uk', 'Gary Finance', 'finance'),
  ];
  const rows = (signoffs: Record<string, string>[]) =>
    readStartRunForm(new URLSearchParams(signoffs.flatMap((r, i) => Object.entries(r).map(([k, v]): [string, string] => [`signoffs-${i}-${k}`, v])))).values;

  it("fills a row from the person chosen (name, address, job title as the officer's role) and from an area with one person", () => {
    const values = withDirectory(rows([{ area: 'Risk', person: 'K.Trowell@example.gov.uk' }, { area: 'legal' }, { area: 'Finance' }, { area: 'Legal', 'officer-name': 'Someone Else' }]), people);
    expect(values.signoffs).toEqual([
      { area: 'Risk', name: 'Keith Trowell', email: 'k.trowell@example.gov.uk', role: 'Senior Lawyer (Corporate Governance)', person: 'k.trowell@example.gov.uk', requiredBefore: '' },
      { area: 'legal', name: 'Keith Trowell', email: 'k.trowell@example.gov.uk', role: 'Senior Lawyer (Corporate Governance)', person: 'k.trowell@example.gov.uk', requiredBefore: '' },
      // Two people work in Finance: the clerk chooses.
      { area: 'Finance', name: '', email: '', role: '', person: '', requiredBefore: '' },
      // What the clerk typed is kept.
      { area: 'Legal', name: 'Someone Else', email: '', role: '', person: '', requiredBefore: '' },
    ]);
    const body = toRunInput(values, TODAY).body as { signoffs: Array<{ officer: unknown }> };
    expect(body.signoffs[0].officer).toEqual({ name: 'Keith Trowell', email: 'k.trowell@example.gov.uk', role: 'Senior Lawyer (Corporate Governance)' });
    expect(body.signoffs[3].officer).toEqual({ name: 'Someone Else', email: '' });
  });

  it('gives an empty area the chosen person\'s, and when starting applies only the choices made', () => {
    expect(withDirectory(rows([{ person: 'f.finance@example.gov.uk' }]), people).signoffs[0]).toMatchObject({ area: 'Finance', name: 'Fiona Finance' });
    expect(withDirectory(rows([{ area: 'Legal' }]), people, { chosenOnly: true }).signoffs[0]).toMatchObject({ name: '', person: '' });
  });

  it('offers the people of the row\'s area first', () => {
    const [blank, ...options] = personOptions(rows([{ area: 'FINANCE', person: 'g.finance@example.gov.uk' }]).signoffs[0], people);
    expect(blank).toEqual({ value: '', text: 'Type the officer in below', selected: false });
    expect(options.map((o) => [o.text, o.selected])).toEqual([
      ['Fiona Finance, Finance', false],
      ['Gary Finance, finance', true],
      ['Keith Trowell, Senior Lawyer (Corporate Governance), Legal', false],
    ]);
  });
});

describe('the urgency of a key decision on the start form', () => {
  const form = (extra: Record<string, string>) =>
    posted({
      'plan-keyDecision': 'yes',
      'stages-0-body': 'Community Safety Partnership',
      'stages-0-kind': 'partnership',
      'stages-0-meetingDate-day': '19',
      'stages-0-meetingDate-month': '1',
      'stages-0-meetingDate-year': '2017',
      'stages-1-body': 'Cabinet',
      'stages-1-kind': 'executive',
      'stages-1-meetingDate-day': '2',
      'stages-1-meetingDate-month': '2',
      'stages-1-meetingDate-year': '2017',
      'stages-2-body': 'Cabinet',
      'stages-2-kind': 'executive',
      'stages-2-meetingDate-day': '9',
      'stages-2-meetingDate-month': '3',
      'stages-2-meetingDate-year': '2017',
      ...extra,
    });
  const stagesOf = (f: URLSearchParams) => (toRunInput(readStartRunForm(f).values, TODAY).body as { stages: Array<{ urgency?: unknown }> }).stages;

  it('goes on each executive meeting too soon for the forward plan, and on no other', () => {
    const stages = stagesOf(form({ 'urgency-kind': 'general-exception', 'urgency-informed-day': '6', 'urgency-informed-month': '1', 'urgency-informed-year': '2017', 'urgency-reason': 'The grant' }));
    expect(stages.map((s) => s.urgency)).toEqual([undefined, { kind: 'general-exception', scrutinyChairInformedOn: '2017-01-06', reason: 'The grant' }, undefined]);
  });

  it('records special urgency with who agreed it', () => {
    const stages = stagesOf(form({ 'urgency-kind': 'special-urgency', 'urgency-agreedBy-name': 'Cllr Sue Scrutiny', 'urgency-agreedBy-role': 'Chair of Overview and Scrutiny' }));
    expect(stages[1].urgency).toEqual({ kind: 'special-urgency', agreedBy: { name: 'Cllr Sue Scrutiny', role: 'Chair of Overview and Scrutiny' } });
  });

  it('is ignored for a plan that is not a key decision, or when none is chosen', () => {
    expect(stagesOf(form({ 'plan-keyDecision': 'no', 'urgency-kind': 'special-urgency' })).every((s) => !s.urgency)).toBe(true);
    expect(stagesOf(form({})).every((s) => !s.urgency)).toBe(true);
  });

  it("puts the API's problems of the urgency on the urgency's own inputs", () => {
    const values = readStartRunForm(form({ 'urgency-kind': 'special-urgency' })).values;
    const input = toRunInput(values, TODAY);
    const parsed = newRunInputSchema.safeParse(input.body);
    expect(parsed.success).toBe(false);
    const errors = startRunErrors(fieldsOf(parsed.error!), input, values);
    expect(errors.map((e) => e.id)).toEqual(['urgency-agreedBy-name', 'urgency-agreedBy-role']);
  });
});
