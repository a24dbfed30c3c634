import { DomainError } from '../../../../functions/domain/errors';
import { STAGE_ID } from '../../../../functions/domain/newRun';
import { bodySchema, type Body } from '../../../../functions/domain/meetings/bodies';
import type { Meeting } from '../../../../functions/domain/meetings/meetings';
import {
  planRequestOf,
  proposeInputSchema,
  proposePlan,
  resolveRouteStages,
  type StageToPlace,
} from '../../../../functions/domain/meetings/proposePlan';

const body = (id: string, name: string, kind: string, extra: object = {}): Body => bodySchema.parse({ id, name, kind, ...extra });

const bodies: Body[] = [
  body('csp', 'Community Safety Partnership', 'partnership'),
  body('management-board', 'Management Board', 'board'),
  body('communities-cab', 'Communities Cabinet Advisory Board', 'advisory'),
  body('overview-scrutiny', 'Overview and Scrutiny Committee', 'scrutiny'),
  body('cabinet', 'Cabinet', 'executive'),
  body('full-council', 'Full Council', 'council'),
];

let n = 0;
const meeting = (bodyId: string, date: string, status: Meeting['status'] = 'scheduled'): Meeting => ({
  meetingId: `${bodyId}-${date}-${++n}`,
  body: bodyId,
  date,
  status,
});

/** Tunbridge Wells' calendar for January to April 2017, with the meetings of the CSP plan 2017/18 on it. */
const tunbridgeWells: Meeting[] = [
  meeting('csp', '2016-11-10'),
  meeting('csp', '2017-02-09'),
  meeting('csp', '2017-05-11'),
  meeting('management-board', '2017-02-08'),
  meeting('management-board', '2017-03-01'),
  meeting('management-board', '2017-03-29'),
  meeting('communities-cab', '2017-02-01'),
  meeting('communities-cab', '2017-03-22'),
  meeting('overview-scrutiny', '2017-03-27', 'cancelled'),
  meeting('overview-scrutiny', '2017-04-10'),
  meeting('cabinet', '2017-03-09'),
  meeting('cabinet', '2017-04-13'),
  meeting('full-council', '2017-02-22'),
  meeting('full-council', '2017-04-26'),
];

const route: StageToPlace[] = [
  { id: 'csp', bodyId: 'csp' },
  { id: 'management-board', bodyId: 'management-board' },
  { id: 'cab', bodyId: 'communities-cab' },
  { id: 'scrutiny', bodyId: 'overview-scrutiny' },
  { id: 'cabinet', bodyId: 'cabinet' },
  { id: 'council', bodyId: 'full-council' },
];

function conflictOf(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    return error as DomainError;
  }
  throw new Error('expected a DomainError');
}

describe('proposing the earliest timetable', () => {
  it('finds the CSP plan 2017/18 timetable on the Tunbridge Wells calendar, each meeting after the one before', () => {
    const plan = proposePlan({ stages: route }, { bodies, meetings: tunbridgeWells, today: '2017-01-09' });
    expect(plan.stages.map((s) => [s.id, s.meetingDate, s.publishBy, s.signoffsDueBy])).toEqual([
      ['csp', '2017-02-09', '2017-02-01', '2017-01-25'],
      ['management-board', '2017-03-01', '2017-02-21', '2017-02-14'],
      ['cab', '2017-03-22', '2017-03-14', '2017-03-07'],
      ['scrutiny', '2017-04-10', '2017-03-31', '2017-03-24'],
      ['cabinet', '2017-04-13', '2017-04-05', '2017-03-29'],
      ['council', '2017-04-26', '2017-04-18', '2017-04-07'],
    ]);
    expect(plan.stages[0]).toMatchObject({ body: 'csp', meetingId: tunbridgeWells[1].meetingId });
    expect(plan.keyDecisionNoticeBy).toBeNull();
  });

  it('says why, in words, naming the meetings it passed over', () => {
    const { stages } = proposePlan({ stages: route }, { bodies, meetings: tunbridgeWells, today: '2017-01-09' });
    expect(stages[0].why).toBe(
      'Community Safety Partnership on Thursday 9 February 2017 is the earliest meeting that leaves 5 working days for sign-offs ' +
        '(due by 25 January); the meeting on 10 November 2016 is too soon: its papers had to be published by 2 November 2016.',
    );
    expect(stages[1].why).toBe(
      'Management Board on Wednesday 1 March 2017 is the earliest meeting after Community Safety Partnership on 9 February ' +
        'that leaves 5 working days for sign-offs (due by 14 February).',
    );
    expect(stages[3].why).toBe(
      'Overview and Scrutiny Committee on Monday 10 April 2017 is the earliest meeting after Communities Cabinet Advisory Board ' +
        'on 22 March that leaves 5 working days for sign-offs (due by 24 March); the meeting on 27 March is cancelled.',
    );
  });

  it('passes over a meeting that leaves too little time for sign-offs, and says so', () => {
    const meetings = [meeting('cabinet', '2017-02-14'), meeting('cabinet', '2017-03-07')];
    const [cabinet] = proposePlan({ stages: [{ id: 'cabinet', bodyId: 'cabinet' }] }, { bodies, meetings, today: '2017-02-01' }).stages;
    expect(cabinet.meetingDate).toBe('2017-03-07');
    expect(cabinet.why).toBe(
      'Cabinet on Tuesday 7 March 2017 is the earliest meeting that leaves 5 working days for sign-offs (due by 20 February); ' +
        'the meeting on 14 February left too little time for sign-offs (due by 30 January, before the report is ready).',
    );
  });

  it('counts the sign-offs\' working days from readyBy, across Good Friday and Easter Monday', () => {
    // Full Council on Wed 26 April 2017: publish by Tue 18 April, sign-offs due Fri 7 April (14 and 17 April are
    // bank holidays), which is 5 working days after Fri 31 March but only 4 after Mon 3 April.
    const meetings = [meeting('full-council', '2017-04-26'), meeting('full-council', '2017-07-19')];
    const stages = [{ id: 'council', bodyId: 'full-council' }];
    const ready = proposePlan({ stages, readyBy: '2017-03-31' }, { bodies, meetings, today: '2017-03-01' }).stages[0];
    expect(ready).toMatchObject({ meetingDate: '2017-04-26', publishBy: '2017-04-18', signoffsDueBy: '2017-04-07' });
    const late = proposePlan({ stages, readyBy: '2017-04-03' }, { bodies, meetings, today: '2017-03-01' }).stages[0];
    expect(late.meetingDate).toBe('2017-07-19');
    expect(late.why).toContain('the meeting on 26 April left too little time for sign-offs (due by 7 April, 4 working days after the report is ready)');
  });

  it('takes the given number of working days for sign-offs', () => {
    const meetings = [meeting('full-council', '2017-04-26'), meeting('full-council', '2017-07-19')];
    const stages = [{ id: 'council', bodyId: 'full-council' }];
    expect(proposePlan({ stages, readyBy: '2017-04-03', signoffWorkingDays: 4 }, { bodies, meetings, today: '2017-03-01' }).stages[0].meetingDate).toBe('2017-04-26');
    expect(proposePlan({ stages, readyBy: '2017-03-31', signoffWorkingDays: 6 }, { bodies, meetings, today: '2017-03-01' }).stages[0].meetingDate).toBe('2017-07-19');
  });

  it('publishes across Christmas and the New Year bank holidays', () => {
    // Thu 5 January 2017: 6 working days back skips 2 January and 26-27 December: publish by Fri 23 December 2016.
    const [stage] = proposePlan({ stages: [{ id: 'cabinet', bodyId: 'cabinet' }] }, { bodies, meetings: [meeting('cabinet', '2017-01-05')], today: '2016-12-01' }).stages;
    expect(stage).toMatchObject({ publishBy: '2016-12-23', signoffsDueBy: '2016-12-16' });
    expect(stage.why).toBe('Cabinet on Thursday 5 January 2017 is the earliest meeting that leaves 5 working days for sign-offs (due by 16 December 2016).');
  });

  it('follows a body\'s own clear days', () => {
    const council = body('full-council', 'Full Council', 'council', { clearDays: { count: 10, excludeNonWorkingDays: true } });
    const [stage] = proposePlan({ stages: [{ id: 'council', bodyId: 'full-council' }] }, { bodies: [council], meetings: [meeting('full-council', '2017-04-26')], today: '2017-03-01' }).stages;
    // 11 working days before Wed 26 April 2017, Good Friday and Easter Monday not counted: Fri 7 April.
    expect(stage.publishBy).toBe('2017-04-07');
  });

  it('never puts a stage on the day of the previous stage\'s meeting, nor before it', () => {
    const meetings = [meeting('overview-scrutiny', '2017-03-09'), meeting('cabinet', '2017-03-02'), meeting('cabinet', '2017-03-09'), meeting('cabinet', '2017-03-16')];
    const plan = proposePlan(
      { stages: [{ id: 'scrutiny', bodyId: 'overview-scrutiny' }, { id: 'cabinet', bodyId: 'cabinet' }] },
      { bodies, meetings, today: '2017-01-09' },
    );
    expect(plan.stages.map((s) => s.meetingDate)).toEqual(['2017-03-09', '2017-03-16']);
  });
});

describe('a key decision', () => {
  const meetings = [meeting('cabinet', '2017-03-23'), meeting('cabinet', '2017-03-30'), meeting('cabinet', '2017-04-13'), meeting('full-council', '2017-03-29'), meeting('full-council', '2017-04-26')];
  const stages = [{ id: 'cabinet', bodyId: 'cabinet' }, { id: 'council', bodyId: 'full-council' }];

  it('puts the executive meeting at least 29 days after today, leaving 28 clear days for the notice', () => {
    const plan = proposePlan({ stages, keyDecision: true }, { bodies, meetings, today: '2017-03-01' });
    expect(plan.stages.map((s) => s.meetingDate)).toEqual(['2017-03-30', '2017-04-26']);
    expect(plan.stages[0].why).toBe(
      'Cabinet on Thursday 30 March 2017 is the earliest meeting that leaves ' +
        "5 working days for sign-offs (due by 15 March) and 28 clear days' notice of the key decision; the meeting on 23 March " +
        "is 22 days away, too soon for the key decision's 28 clear days' notice.",
    );
  });

  it('has a notice to publish by 29 days before the executive meets', () => {
    expect(proposePlan({ stages, keyDecision: true }, { bodies, meetings, today: '2017-03-01' }).keyDecisionNoticeBy).toBe('2017-03-01');
  });

  it('does not hold back a meeting when it is not one', () => {
    const plan = proposePlan({ stages }, { bodies, meetings, today: '2017-03-01' });
    expect(plan.stages.map((s) => s.meetingDate)).toEqual(['2017-03-23', '2017-03-29']);
    expect(plan.keyDecisionNoticeBy).toBeNull();
  });
});

describe('when no meeting fits', () => {
  it('is a conflict on the stage\'s body, saying why each meeting does not fit', () => {
    const meetings = [meeting('cabinet', '2017-01-12'), meeting('cabinet', '2017-02-09', 'cancelled')];
    const error = conflictOf(() => proposePlan({ stages: [{ id: 'cabinet', bodyId: 'cabinet' }] }, { bodies, meetings, today: '2017-01-09' }));
    expect(error.code).toBe('conflict');
    expect(error.fields).toEqual({
      'stages.0.body':
        'no meeting of Cabinet fits: the meeting on 12 January is too soon: its papers had to be published by 4 January; the meeting on 9 February is cancelled',
    });
    expect(error.problems!['stages.0.body']).toMatchObject({ rule: 'no-fitting-meeting', values: { body: 'cabinet' } });
  });

  it('is a conflict naming the later stage when its body meets only before the previous stage', () => {
    const meetings = [meeting('cabinet', '2017-03-09'), meeting('full-council', '2017-02-22')];
    const error = conflictOf(() =>
      proposePlan({ stages: [{ id: 'cabinet', bodyId: 'cabinet' }, { id: 'council', bodyId: 'full-council' }] }, { bodies, meetings, today: '2017-01-09' }),
    );
    expect(error.fields).toEqual({ 'stages.1.body': 'Full Council has no scheduled meeting after Cabinet on 9 March on the calendar' });
  });

  it('lists at most three meetings passed over, and counts the rest', () => {
    const meetings = ['2017-01-10', '2017-01-11', '2017-01-12', '2017-01-13', '2017-01-16'].map((d) => meeting('cabinet', d));
    const error = conflictOf(() => proposePlan({ stages: [{ id: 'cabinet', bodyId: 'cabinet' }] }, { bodies, meetings, today: '2017-01-09' }));
    expect(error.fields!['stages.0.body']).toMatch(/; and 2 more$/);
  });
});

it('refuses a stage at a body that is not on the calendar, naming every such stage', () => {
  const error = conflictOf(() =>
    proposePlan({ stages: [{ id: 'a', bodyId: 'cabinet' }, { id: 'b', bodyId: 'nope' }, { id: 'c', bodyId: 'gone' }] }, { bodies, meetings: [], today: '2017-01-09' }),
  );
  expect(error.code).toBe('invalid-input');
  expect(Object.keys(error.fields!)).toEqual(['stages.1.body', 'stages.2.body']);
});

describe('the propose request', () => {
  it('takes stages, with defaults for the rest', () => {
    expect(proposeInputSchema.parse({ stages: [{ id: 'cabinet', body: 'cabinet' }], colour: 'red' })).toEqual({
      stages: [{ id: 'cabinet', body: 'cabinet' }],
      keyDecision: false,
      signoffWorkingDays: 5,
    });
  });

  it('takes a route instead of stages', () => {
    expect(proposeInputSchema.safeParse({ route: 'district-executive', readyBy: '2017-03-01', keyDecision: true }).success).toBe(true);
  });

  it('needs stages or a route, stage ids used once and real dates', () => {
    expect(proposeInputSchema.safeParse({}).error!.issues.map((i) => i.path.join('.'))).toEqual(['stages']);
    const result = proposeInputSchema.safeParse({ stages: [{ id: 'a', body: 'cabinet' }, { id: 'a', body: 'Full Council' }], readyBy: '2017-02-30' });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['readyBy', 'stages.1.body', 'stages.1.id']);
  });

  it('becomes a request with its own stages, or the route\'s', () => {
    const input = proposeInputSchema.parse({ stages: [{ id: 'cabinet', body: 'cabinet' }], readyBy: '2017-03-01' });
    expect(planRequestOf(input)).toEqual({ stages: [{ id: 'cabinet', bodyId: 'cabinet' }], readyBy: '2017-03-01', keyDecision: false, signoffWorkingDays: 5 });
    const byRoute = proposeInputSchema.parse({ route: 'district-executive' });
    expect(planRequestOf(byRoute, route).stages).toBe(route);
    expect(conflictOf(() => planRequestOf(byRoute)).fields).toEqual({ route: 'district-executive is not a route template' });
  });

  it('finds a route\'s bodies on the calendar by name, whatever the case', () => {
    expect(resolveRouteStages([{ id: 'cabinet', body: 'cabinet' }, { id: 'council', body: 'Full  Council' }], bodies)).toEqual([
      { id: 'cabinet', bodyId: 'cabinet' },
      { id: 'council', bodyId: 'full-council' },
    ]);
    const error = conflictOf(() => resolveRouteStages([{ id: 'cab', body: 'Cabinet Advisory Board' }], bodies));
    expect(error.fields).toEqual({ route: 'stage cab: no body named "Cabinet Advisory Board" on the calendar' });
  });
});

it('takes stage ids as a new run does', () => {
  for (const id of ['cab', 'Stage_2', 'a'.repeat(64), '-x', 'a'.repeat(65), 'a b']) {
    expect(proposeInputSchema.safeParse({ stages: [{ id, body: 'cabinet' }] }).success).toBe(STAGE_ID.test(id));
  }
});
