import { checkDecision } from '../../../functions/domain/decisionRules';
import { buildRun, checkNewRun, newRunInputSchema, signoffIds, stagesFromRoute, type StageInput } from '../../../functions/domain/newRun';
import { getRouteTemplate } from '../../../functions/platform/routeTemplates';
import { clerk, keith, terry, tunbridgeWellsStages } from './runSimulator';
import { invalid } from '../../../functions/domain/errors';

/** What the API says for each field (the rules pages read are checked on their own). */
const messages = (fields: Parameters<typeof invalid>[1]) => invalid('', fields).fields ?? {};

describe('checkNewRun', () => {
  it('reports dates out of order on the later stage, past meetings, reused ids and unknown requiredBefore', () => {
    const stages = [
      { ...tunbridgeWellsStages[0], meetingDate: '2017-03-01' },
      { ...tunbridgeWellsStages[1], meetingDate: '2017-02-09' },
      { ...tunbridgeWellsStages[2], id: 'csp', meetingDate: '2017-01-02' },
    ];
    expect(messages(checkNewRun(stages, [{ area: 'Legal', officer: keith, requiredBefore: 'cabinet' }], '2017-01-09'))).toEqual({
      'stages.1.meetingDate': 'is before the meeting of the previous stage (csp on 2017-03-01)',
      'stages.2.id': 'csp is already the id of an earlier stage',
      'stages.2.meetingDate': 'is in the past (today is 2017-01-09); is before the meeting of the previous stage (mb on 2017-02-09)',
      'signoffs.0.requiredBefore': 'cabinet is not a stage of this run',
    });
  });

  it('refuses a meeting more than ten years ahead (a mistyped year) instead of failing on it', () => {
    const stages = [
      { ...tunbridgeWellsStages[0], meetingDate: '2027-01-09' },
      { ...tunbridgeWellsStages[1], meetingDate: '9999-12-31' },
    ];
    expect(messages(checkNewRun(stages, [], '2017-01-09'))).toEqual({ 'stages.1.meetingDate': 'is more than 10 years ahead (after 2027-01-09)' });
  });

  it('refuses a sign-off that repeats an earlier one (same area, officer and stage), on the later one', () => {
    const stages = tunbridgeWellsStages.slice(0, 2);
    const signoffs = [
      { area: 'Legal', officer: keith },
      { area: 'Finance', officer: keith, requiredBefore: 'mb' },
      { area: ' legal ', officer: { ...keith }, requiredBefore: 'csp' },
    ];
    expect(messages(checkNewRun(stages, signoffs, '2017-01-09'))).toEqual({
      'signoffs.2.area': 'repeats signoffs.0 (the same area, officer and stage)',
    });
    expect(checkNewRun(stages, signoffs, '2017-01-09')['signoffs.2.area']).toMatchObject({ rule: 'repeats-signoff', values: { signoff: '0' } });
  });

  it('accepts the same area from two officers, or from one officer before two stages', () => {
    const stages = tunbridgeWellsStages.slice(0, 2);
    const signoffs = [
      { area: 'Legal', officer: keith },
      { area: 'Legal', officer: terry },
      { area: 'Legal', officer: keith, requiredBefore: 'mb' },
    ];
    expect(messages(checkNewRun(stages, signoffs, '2017-01-09'))).toEqual({});
  });

  it('accepts two meetings on the same day, and a meeting today as a late item only', () => {
    const stages = [
      { ...tunbridgeWellsStages[0], meetingDate: '2017-01-09', lateItem: { reason: 'The partnership meets today; the chair will be asked' } },
      { ...tunbridgeWellsStages[1], meetingDate: '2017-01-09', lateItem: { reason: 'Urgent' } },
    ];
    expect(messages(checkNewRun(stages, [], '2017-01-09'))).toEqual({});
  });

  it('refuses a meeting whose publication deadline has passed, saying the deadline and the earliest date that fits', () => {
    // 5 clear working days before Tuesday 17 January 2017 is Monday 9 January: the first meeting that still fits.
    const stages = [
      { ...tunbridgeWellsStages[0], meetingDate: '2017-01-16' },
      { ...tunbridgeWellsStages[1], meetingDate: '2017-01-17' },
    ];
    const fields = checkNewRun(stages, [], '2017-01-09');
    expect(Object.keys(fields)).toEqual(['stages.0.meetingDate']);
    expect(fields['stages.0.meetingDate']).toMatchObject({ rule: 'publication-deadline-passed', values: { publishBy: '2017-01-06', earliest: '2017-01-17' } });
  });
});

describe('newRunInputSchema', () => {
  it('keeps names, titles, bodies and areas on one line: line breaks, tabs and control characters become one space', () => {
    const parsed = newRunInputSchema.parse({
      plan: { title: ' Community Safety\r\nBcc: someone@example.com ', author: { name: 'Terry\n Hughes', email: 'terry.hughes@example.gov.uk' } },
      stages: [{ id: 'csp', body: 'Community\tSafety\u0000Partnership', kind: 'partnership', meetingDate: '2017-02-09' }],
      signoffs: [{ area: 'Legal\nimplications', officer: { name: 'Keith\r\nTrowell', email: 'k.trowell@example.gov.uk' } }],
    });
    expect([parsed.plan.title, parsed.plan.author.name, (parsed.stages![0] as StageInput).body, parsed.signoffs[0].area, parsed.signoffs[0].officer.name]).toEqual([
      'Community Safety Bcc: someone@example.com',
      'Terry Hughes',
      'Community Safety Partnership',
      'Legal implications',
      'Keith Trowell',
    ]);
  });

  it('refuses a title of nothing but line breaks and control characters', () => {
    const parsed = newRunInputSchema.safeParse({ plan: { title: '\r\n\u0007\t', author: { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' } }, stages: [] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.'))).toContain('plan.title');
  });

  it('fills the documented defaults', () => {
    const input = newRunInputSchema.parse({ plan: { title: 'P', author: terry }, stages: tunbridgeWellsStages });
    expect(input).toMatchObject({
      plan: { keyDecision: false, classification: 'public' },
      clearDays: { count: 5, excludeNonWorkingDays: true },
      signoffs: [],
    });
  });

  it('refuses a title over 300 characters and an unknown stage kind', () => {
    const result = newRunInputSchema.safeParse({ plan: { title: 'x'.repeat(301), author: terry }, stages: [{ ...tunbridgeWellsStages[0], kind: 'cabal' }] });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.'))).toEqual(['plan.title', 'stages.0.kind']);
  });
});

describe('signoffIds', () => {
  it('makes short unique ids from the areas', () => {
    expect(signoffIds(['Legal', 'Finance & resources', 'Finance & resources', 'Delegated finalisation', '!!!'])).toEqual([
      'legal',
      'finance-resources',
      'finance-resources-2',
      'signoff-delegated-finalisation',
      'signoff-5',
    ]);
  });
});

describe('runs on a route template', () => {
  const template = getRouteTemplate('district-executive')!;

  it('take the route stages on its suggested dates when no stages are given', () => {
    const stages = stagesFromRoute(template, '2017-01-09');
    expect(stages.map((s) => s.id)).toEqual(template.stages.map((s) => s.id));
    expect(stages.every((s, i) => i === 0 || s.meetingDate >= stages[i - 1].meetingDate)).toBe(true);
  });

  it('never suggest a first meeting whose publication deadline has already passed, so the run can start on them', () => {
    // For noting: one working party, no suggested weeks. From Mon 9 Jan 2017, 5 clear working days: Tue 17 Jan
    // (publish by Mon 9 Jan, today) is the first that fits; the meeting of the day itself would be refused.
    const forNoting = getRouteTemplate('for-noting')!;
    const stages = stagesFromRoute(forNoting, '2017-01-09');
    expect(stages.map((s) => s.meetingDate)).toEqual(['2017-01-17']);
    expect(checkNewRun(stages, [], '2017-01-09')).toEqual({});
    // Other clear days give another earliest date: 10 calendar days from Mon 9 Jan is Fri 20 Jan.
    expect(stagesFromRoute(forNoting, '2017-01-09', { count: 10, excludeNonWorkingDays: false }).map((s) => s.meetingDate)).toEqual(['2017-01-20']);
    // The later stages keep their spacing after the first; a first suggestion far enough ahead is kept as it is.
    const district = stagesFromRoute(template, '2017-01-19');
    expect(district.map((s) => s.meetingDate)).toEqual(['2017-01-27', '2017-02-17', '2017-03-10', '2017-03-31', '2017-04-07', '2017-04-21']);
    expect(checkNewRun(district, [], '2017-01-19')).toEqual({});
  });

  it('require a sign-off that names no stage before the first stage, as API.md says, even on a route, and keep what each body may decide', () => {
    const stages = stagesFromRoute(template, '2017-01-09');
    const input = newRunInputSchema.parse({ plan: { title: 'P', author: terry }, stages, signoffs: [{ area: 'Equalities', officer: keith }, { area: 'Other', officer: keith }] });
    const run = buildRun({ ...input, stages }, 'run-1', clerk, new Date('2017-01-09T09:00:00Z'), template);
    expect(run.signoffs.map((s) => s.requiredBefore)).toEqual(['csp', 'csp']);
    expect(run.stages[0].decides).toEqual(template.stages[0].decides);

    const snapshot = { ...run, decisions: [], revisions: [], sentEmails: new Set<string>(), events: [] };
    const meeting = new Date(`${run.stages[0].meetingDate}T12:00:00Z`);
    expect(() => checkDecision(snapshot, 'csp', { outcome: 'noted' }, clerk, meeting)).toThrow(
      expect.objectContaining({ code: 'invalid-input', fields: { outcome: expect.stringContaining('may decide approved, approved-with-amendments, deferred, rejected on this route') } }),
    );
    expect(checkDecision(snapshot, 'csp', { outcome: 'approved' }, clerk, meeting).outcome).toBe('approved');
  });
});
