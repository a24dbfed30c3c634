import { assessRun, openDeadlines } from '../../../functions/domain/runRisk';
import { SimulatedRun, terry, tunbridgeWellsInput } from './runSimulator';

/** Tunbridge Wells: nine sign-offs due Tuesday 7 March 2017, before the Cabinet Advisory Board (publish by 14 March). */
const signoffIds = (run: SimulatedRun) => run.snapshot.signoffs.map((so) => so.id);

/**
 * The run kept as a clerk keeps it: each agenda despatched on its deadline day and each decision recorded at its
 * meeting, for the partnership (and the board, unless `boardToo` is false), then on to `until`.
 */
function keptUpTo(until: string, boardToo = true): SimulatedRun {
  const run = new SimulatedRun();
  const steps: Array<[string, string, string]> = [['csp', '2017-02-01', '2017-02-09'], ...(boardToo ? [['mb', '2017-02-21', '2017-03-01'] as [string, string, string]] : [])];
  run.despatchAndApprove(steps);
  run.advanceTo(until);
  return run;
}

describe('assessRun', () => {
  it('puts a run on track while its deadlines are more than 5 working days away, naming its next meeting and deadline', () => {
    const run = new SimulatedRun();
    const risk = assessRun(run.snapshot, run.now);
    expect(risk).toMatchObject({
      status: 'on-track',
      reasons: [],
      nextMeeting: { date: '2017-02-09', body: 'Community Safety Partnership' },
      nextDeadline: { date: '2017-02-01', kind: 'publication', what: 'Publish the report for the Community Safety Partnership', missed: false },
    });
  });

  it('puts a run at risk when requested sign-offs fall due within 5 working days, saying which and when', () => {
    const run = keptUpTo('2017-02-21T09:00:00Z', false);
    run.publish('mb');
    run.advanceTo('2017-02-27T09:00:00Z'); // Monday: 6 working days before Tuesday 7 March
    expect(assessRun(run.snapshot, run.now).status).toBe('on-track');
    run.advanceTo('2017-02-28T09:00:00Z'); // 5 working days before
    const risk = assessRun(run.snapshot, run.now);
    expect(risk.status).toBe('at-risk');
    expect(risk.reasons).toEqual([expect.stringMatching(/^9 sign-offs are due in 5 working days \(Tuesday 7 March 2017\): .*Legal including Human Rights Act/)]);
    expect(risk.nextDeadline).toMatchObject({ date: '2017-03-07', kind: 'signoff' });
  });

  it('is late when a meeting was held without its decision recorded, saying so, and nothing after it is missed', () => {
    // The partnership met on 9 February; nobody recorded its decision. A month on, the later stages are not "missed".
    const run = new SimulatedRun();
    run.advanceTo('2017-02-01T09:00:00Z');
    run.publish('csp');
    run.advanceTo('2017-02-09T18:00:00Z');
    expect(assessRun(run.snapshot, run.now).status).toBe('on-track'); // the meeting day itself: not late yet
    run.advanceTo('2017-03-20T09:00:00Z');
    const risk = assessRun(run.snapshot, run.now);
    // The sign-offs were due all the same (a fact); the reports of the stages it cannot reach are not "missed".
    expect(risk).toMatchObject({
      status: 'late',
      reasons: [expect.stringMatching(/^9 sign-offs were due on Tuesday 7 March 2017/), 'The decision of the Community Safety Partnership on Thursday 9 February 2017 is not recorded'],
    });
    expect(openDeadlines(run.snapshot, run.now).filter((d) => d.kind === 'publication')).toEqual([]);
    expect(run.emailsOf('publication-missed')).toHaveLength(0);
    expect(run.snapshot.stages.slice(1).every((s) => !s.publishedAt)).toBe(true);
  });

  it('is late while an agenda went without the report, until the chair agrees to take it as a late item', () => {
    const run = keptUpTo('2017-03-14T09:00:00Z');
    run.publish('cab'); // the Cabinet Advisory Board's agenda goes; the sign-offs are not in
    expect(assessRun(run.snapshot, run.now)).toMatchObject({
      status: 'late',
      reasons: expect.arrayContaining(["The agenda for the Communities Cabinet Advisory Board went without the report: record the chair's agreement to take it as a late item, or move it"]),
    });
    for (const id of signoffIds(run)) run.sign(id);
    run.agreeLateItem('cab');
    expect(assessRun(run.snapshot, run.now).status).not.toBe('late');
    expect(run.lastPlan.phase).toBe('AwaitMeeting');
  });

  it('keeps a run on track when every sign-off is given, however close the publication deadline', () => {
    const run = keptUpTo('2017-03-06T09:00:00Z');
    for (const id of signoffIds(run)) run.sign(id);
    run.advanceTo('2017-03-13T09:00:00Z');
    expect(assessRun(run.snapshot, run.now)).toMatchObject({ status: 'on-track', reasons: [] });
  });

  it('puts a run at risk when its one sign-off still requested is due the next working day', () => {
    const run = keptUpTo('2017-03-06T09:00:00Z');
    for (const id of signoffIds(run).slice(1)) run.sign(id);
    const risk = assessRun(run.snapshot, run.now);
    expect(risk.status).toBe('at-risk');
    // The publication deadline itself is 6 working days away: only the sign-off puts the run at risk.
    expect(risk.reasons).toEqual(['Legal including Human Rights Act sign-off (Keith Trowell) is due in 1 working day (Tuesday 7 March 2017)']);
  });

  it('makes a run late the day after a sign-off was due while it is still requested', () => {
    const run = keptUpTo('2017-03-06T09:00:00Z');
    for (const id of signoffIds(run).slice(1)) run.sign(id);
    run.advanceTo('2017-03-07T23:00:00Z'); // still the 7th in London
    expect(assessRun(run.snapshot, run.now).status).toBe('at-risk');
    run.advanceTo('2017-03-08T09:00:00Z');
    const risk = assessRun(run.snapshot, run.now);
    expect(risk.status).toBe('late');
    expect(risk.reasons[0]).toBe('Legal including Human Rights Act sign-off (Keith Trowell) was due on Tuesday 7 March 2017');
    expect(risk.reasons).toContain('Publish the report for the Communities Cabinet Advisory Board by Tuesday 14 March 2017 (in 4 working days): 1 sign-off outstanding');
    expect(risk.nextDeadline).toMatchObject({ date: '2017-03-07', missed: true });
  });

  it('makes a run late when its report is still unpublished after its publication deadline', () => {
    const run = keptUpTo('2017-03-06T09:00:00Z');
    for (const id of signoffIds(run).slice(1)) run.sign(id);
    run.sign(signoffIds(run)[0], 'changes-requested', 'Needs a human rights paragraph');
    run.advanceTo('2017-03-15T09:00:00Z');
    expect(assessRun(run.snapshot, run.now)).toMatchObject({
      status: 'late',
      reasons: ['The report for the Communities Cabinet Advisory Board was not published by Tuesday 14 March 2017'],
    });
  });

  it('keeps a run late when its report went out after the deadline, until the meeting is held', () => {
    const run = keptUpTo('2017-03-06T09:00:00Z');
    for (const id of signoffIds(run).slice(1)) run.sign(id);
    run.advanceTo('2017-03-15T09:00:00Z');
    run.sign(signoffIds(run)[0]);
    // Cleared but not yet recorded as published: late for that reason, in words.
    expect(assessRun(run.snapshot, run.now).reasons).toEqual([
      'The report for the Communities Cabinet Advisory Board is cleared but its publication, due by Tuesday 14 March 2017, is not recorded',
    ]);
    run.publish('cab');
    expect(run.stage('cab').publishedAt).toBe('2017-03-15T09:00:00.000Z');
    expect(assessRun(run.snapshot, run.now)).toMatchObject({
      status: 'late',
      reasons: ['The report for the Communities Cabinet Advisory Board was published on Wednesday 15 March 2017, after its deadline of Tuesday 14 March 2017'],
    });
    run.advanceTo('2017-03-22T09:00:00Z');
    expect(assessRun(run.snapshot, run.now).status).not.toBe('late');
  });

  it('does not count a sign-off that asked for changes as overdue, but still as outstanding for publication', () => {
    const run = keptUpTo('2017-03-06T09:00:00Z');
    for (const id of signoffIds(run).slice(1)) run.sign(id);
    run.sign(signoffIds(run)[0], 'changes-requested', 'Needs a human rights paragraph');
    run.advanceTo('2017-03-08T09:00:00Z');
    const risk = assessRun(run.snapshot, run.now);
    expect(risk.status).toBe('at-risk');
    expect(risk.reasons).toEqual(['Publish the report for the Communities Cabinet Advisory Board by Tuesday 14 March 2017 (in 4 working days): 1 sign-off outstanding']);
  });

  it('gives a finished run no status reasons, deadlines or meetings', () => {
    const run = new SimulatedRun(tunbridgeWellsInput({ stages: [{ id: 'wp', body: 'Working Party', kind: 'working-party', meetingDate: '2017-01-19' }], signoffs: [] }));
    run.advanceTo('2017-01-19T10:00:00Z');
    run.decide('wp', { outcome: 'noted' });
    expect(run.snapshot.meta.status).toBe('noted');
    expect(assessRun(run.snapshot, run.now)).toEqual({ status: 'on-track', needsAttention: false, reasons: [], nextDeadline: null, nextMeeting: null });
  });
});

describe('openDeadlines', () => {
  it('lists each report still to publish and each requested sign-off, soonest first', () => {
    const run = new SimulatedRun(tunbridgeWellsInput({ signoffs: [{ area: 'Finance', officer: terry, requiredBefore: 'mb' }] }));
    const deadlines = openDeadlines(run.snapshot, run.now);
    expect(deadlines.map((d) => [d.date, d.kind, d.subject, d.outstanding])).toEqual([
      ['2017-02-01', 'publication', 'Community Safety Partnership', 0],
      ['2017-02-14', 'signoff', 'Finance', 1],
      ['2017-02-21', 'publication', 'Management Board', 1],
      ['2017-03-14', 'publication', 'Communities Cabinet Advisory Board', 1],
      ['2017-03-31', 'publication', 'Overview and Scrutiny Committee', 1],
      ['2017-04-05', 'publication', 'Cabinet', 1],
      ['2017-04-18', 'publication', 'Full Council', 1],
    ]);
  });
});

describe('a run whose workflow keeps failing', () => {
  it('is late and needs attention whatever its dates, saying since when and that it is tried again', () => {
    const run = new SimulatedRun();
    expect(assessRun(run.snapshot, run.now)).toMatchObject({ status: 'on-track', needsAttention: false });
    run.snapshot = { ...run.snapshot, meta: { ...run.snapshot.meta, workflowFailure: { since: '2017-01-20T09:05:00Z', lastAt: '2017-01-20T12:05:00Z', error: 'States.TaskFailed' } } };
    const risk = assessRun(run.snapshot, run.now);
    expect(risk).toMatchObject({ status: 'late', needsAttention: true });
    expect(risk.reasons[0]).toBe(
      "The run's workflow has been failing since Friday 20 January 2017 at 9:05am: reminders, escalations and publication wait until it works again; it is tried again every 3 hours",
    );
  });
});
