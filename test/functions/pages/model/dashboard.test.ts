import { dashboardModel, parseFilter } from '../../../../functions/pages/model/dashboard';
import { SimulatedRun, tunbridgeWellsInput } from '../../domain/runSimulator';

const now = new Date('2017-03-08T09:00:00Z');

/** Three runs on one clock: late (sign-offs overdue), on track (nothing due soon), noted (finished). */
function portfolio() {
  const late = new SimulatedRun();
  late.advanceTo(now);
  const onTrack = new SimulatedRun(
    tunbridgeWellsInput({
      plan: { title: 'Air Quality Action Plan', author: { name: 'Ann Author', email: 'ann@example.gov.uk' } },
      stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-05-11' }],
      signoffs: [],
    }),
    '2017-03-01T09:00:00Z',
  );
  onTrack.advanceTo(now);
  const noted = new SimulatedRun(
    tunbridgeWellsInput({ plan: { title: 'Action Plan Update', author: { name: 'Ann Author', email: 'ann@example.gov.uk' } }, stages: [{ id: 'wp', body: 'Working Party', kind: 'working-party', meetingDate: '2017-03-02' }], signoffs: [] }),
    '2017-02-20T09:00:00Z',
  );
  noted.advanceTo('2017-03-02T10:00:00Z');
  noted.decide('wp', { outcome: 'noted' });
  return [onTrack.snapshot, noted.snapshot, late.snapshot];
}

describe('dashboardModel', () => {
  it('counts the runs in flight by status and keeps finished runs in their own list', () => {
    const model = dashboardModel(portfolio(), now, 'all');
    expect(model.counts).toEqual({ inFlight: 2, 'on-track': 1, 'at-risk': 0, late: 1, finished: 1 });
    expect(model.finished).toEqual([expect.objectContaining({ title: 'Action Plan Update', status: 'noted', tag: { text: 'Noted', classes: 'govuk-tag--turquoise' }, lastStage: 'Working Party' })]);
    expect(model.finished[0].finished).toBe('Thursday 2 March 2017 at 10:00am');
  });

  it('lists the most urgent first, each with its stage, next meeting, next deadline and a status tag with text', () => {
    const [first, second] = dashboardModel(portfolio(), now, 'all').inFlight;
    expect(first).toMatchObject({
      title: 'Community Safety Partnership Plan 2017/18',
      href: '/runs/run-1',
      risk: 'late',
      tag: { text: 'Late', classes: 'govuk-tag--red' },
      stage: { body: 'Community Safety Partnership', tag: { text: 'Awaiting decision' } },
      nextMeeting: { date: '2017-03-22', text: 'Wednesday 22 March 2017', body: 'Communities Cabinet Advisory Board' },
      nextDeadline: { date: '2017-03-07', text: 'Tuesday 7 March 2017', missed: true },
    });
    expect(first.reasons[0]).toMatch(/^9 sign-offs were due on Tuesday 7 March 2017/);
    expect(second).toMatchObject({ title: 'Air Quality Action Plan', risk: 'on-track', tag: { text: 'On track' }, reasons: [] });
  });

  it('flags a run whose workflow keeps failing as late and needing attention, first of all, with the reason', () => {
    const [onTrack, noted, late] = portfolio();
    const failing = { ...onTrack, meta: { ...onTrack.meta, workflowFailure: { since: '2017-03-07T01:00:00Z', lastAt: '2017-03-08T07:00:00Z', error: 'States.TaskFailed' } } };
    const model = dashboardModel([failing, noted, late], now, 'all');
    expect(model.counts).toMatchObject({ late: 2, 'on-track': 0 });
    expect(model.inFlight[0]).toMatchObject({ title: 'Air Quality Action Plan', risk: 'late', attention: { text: 'Needs attention' } });
    expect(model.inFlight[0].reasons).toEqual([expect.stringMatching(/^The run's workflow has been failing since Tuesday 7 March 2017 at 1:00am.*tried again every 3 hours$/)]);
    expect(model.inFlight[1]).toMatchObject({ risk: 'late', attention: null });
  });

  it('filters the runs in flight by status but keeps the counts of all', () => {
    const model = dashboardModel(portfolio(), now, 'on-track');
    expect(model.inFlight.map((r) => r.title)).toEqual(['Air Quality Action Plan']);
    expect(model.counts.late).toBe(1);
    expect(dashboardModel(portfolio(), now, 'at-risk').inFlight).toEqual([]);
  });
});

describe('parseFilter', () => {
  it('accepts the three statuses and reads anything else as all', () => {
    expect(['late', 'at-risk', 'on-track', 'LATE', '', undefined, 'x'].map(parseFilter)).toEqual(['late', 'at-risk', 'on-track', 'all', 'all', 'all', 'all']);
  });
});
