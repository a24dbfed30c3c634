import { publishBy } from '../../../functions/domain/computeDeadlines';
import { planRun } from '../../../functions/domain/planRun';
import { SimulatedRun, instant, keith, sarah, terry, clerk, tunbridgeWellsInput } from './runSimulator';

const TERRY_AREAS = [
  'finance-and-other-resources',
  'staffing-establishment',
  'risk-management',
  'environment-and-sustainability',
  'community-safety',
  'health-and-safety',
  'health-and-wellbeing',
];
const LEGAL = 'legal-including-human-rights-act';

/** The Tunbridge Wells timetable, sign-offs given on the dates of the report's implications table. */
function tunbridgeWellsToCab(): SimulatedRun {
  const run = new SimulatedRun();
  run.advanceTo('2017-02-09T10:00:00Z');
  run.decide('csp', { outcome: 'approved' });
  run.advanceTo('2017-02-24T10:00:00Z');
  for (const id of TERRY_AREAS) run.sign(id);
  run.advanceTo('2017-03-01T10:00:00Z');
  run.decide('mb', { outcome: 'approved' });
  run.advanceTo('2017-03-03T10:00:00Z');
  run.sign(LEGAL);
  run.advanceTo('2017-03-08T10:00:00Z');
  run.sign('equalities');
  return run;
}

describe('planRun on the Tunbridge Wells timetable', () => {
  it('computes each stage publication deadline and the sign-off due date from the publishBy of the CAB', () => {
    const run = new SimulatedRun();
    expect(run.snapshot.stages.map((s) => [s.id, s.publishBy])).toEqual([
      ['csp', '2017-02-01'],
      ['mb', '2017-02-21'],
      ['cab', '2017-03-14'],
      ['os', '2017-03-31'],
      ['cabinet', '2017-04-05'],
      ['council', '2017-04-18'],
    ]);
    expect(new Set(run.snapshot.signoffs.map((s) => s.dueBy))).toEqual(new Set(['2017-03-07']));
  });

  it('e-mails every sign-off request when the run starts, each to its officer with a link request', () => {
    const run = new SimulatedRun();
    const requests = run.emailsOf('signoff-request');
    expect(requests).toHaveLength(9);
    expect(requests.filter((e) => e.to[0] === terry.email)).toHaveLength(7);
    expect(requests.find((e) => e.to[0] === keith.email)?.message).toMatchObject({ area: 'Legal including Human Rights Act', dueBy: '2017-03-07' });
    expect(requests.every((e) => e.sentAt === '2017-01-09T09:00:00.000Z')).toBe(true);
    expect(run.lastPlan.phase).toBe('AwaitPublication');
  });

  it('says the report is cleared for publication once its sign-offs are in, and publishes only what the clerk records', () => {
    const run = new SimulatedRun();
    // Nothing gates the partnership's (or the board's) report: cleared from the start, the author and clerk told once.
    const clearedCsp = () => run.emailsOf('report-cleared').filter((e) => (e.message as { stage: { id: string } }).stage.id === 'csp');
    expect(clearedCsp()).toEqual([expect.objectContaining({ to: [terry.email, clerk.email], sentAt: '2017-01-09T09:00:00.000Z' })]);
    run.advanceTo('2017-02-01T08:00:00Z');
    // The deadline day comes: nothing is assumed published.
    expect(run.stage('csp').publishedAt).toBeNull();
    expect(run.lastPlan.phase).toBe('AwaitPublication');
    run.publish('csp', '2017-02-01', 'https://democracy.example.gov.uk/csp-9-feb-2017');
    expect(run.stage('csp')).toMatchObject({ publishedAt: '2017-02-01T08:00:00.000Z', publishedFor: '2017-02-09', publishedOn: '2017-02-01', agendaUrl: 'https://democracy.example.gov.uk/csp-9-feb-2017' });
    expect(run.lastPlan.phase).toBe('AwaitMeeting');
    expect(clearedCsp()).toHaveLength(1);
  });

  it('reminds two working days before the due date and on the day, then escalates from the next day to the author and the clerk', () => {
    const run = tunbridgeWellsToCab();
    const reminders = run.emailsOf('signoff-reminder');
    // Keith and Sarah are reminded on Fri 3 March; only Sarah on Tue 7 March (Keith signed on the 3rd).
    expect(reminders.map((e) => [e.to[0], e.sentAt, (e.message as { reminder: number }).reminder])).toEqual([
      [keith.email, '2017-03-03T00:00:00.000Z', 1],
      [sarah.email, '2017-03-03T00:00:00.000Z', 1],
      [sarah.email, '2017-03-07T00:00:00.000Z', 2],
    ]);
    const escalations = run.emailsOf('signoff-escalation');
    expect(escalations).toHaveLength(1);
    expect(escalations[0]).toMatchObject({ to: [terry.email, clerk.email], sentAt: '2017-03-08T00:00:00.000Z' });
    expect(escalations[0].message).toMatchObject({ area: 'Equalities', dueBy: '2017-03-07' });
  });

  it('clears the CAB report when its last sign-off is in; an agenda despatched before that leaves it a late item', () => {
    const early = new SimulatedRun();
    early.advanceTo('2017-02-09T10:00:00Z');
    early.decide('csp', { outcome: 'approved' });
    early.advanceTo('2017-03-01T10:00:00Z');
    early.decide('mb', { outcome: 'approved' });
    early.advanceTo('2017-03-14T09:00:00Z');
    early.publish('cab');
    expect(early.stage('cab').publishedAt).toBeNull();
    expect(early.stage('cab').agendaFor).toBe('2017-03-22');
    expect(early.lastPlan.phase).toBe('AwaitSignoffs');
    early.agreeLateItem('cab');
    expect(early.lastPlan.phase).toBe('AwaitMeeting');

    const run = tunbridgeWellsToCab();
    expect(run.lastPlan.phase).toBe('AwaitPublication');
    expect(run.emailsOf('report-cleared').map((e) => [(e.message as { stage: { id: string } }).stage.id, e.sentAt])).toContainEqual(['cab', '2017-03-08T10:00:00.000Z']);
    run.advanceTo('2017-03-14T09:00:00Z');
    expect(run.stage('cab').publishedAt).toBeNull();
    run.publish('cab');
    expect(run.stage('cab').publishedAt).toBe('2017-03-14T09:00:00.000Z');
  });

  it('goes from sign-offs to adoption by Full Council and says so once', () => {
    const run = tunbridgeWellsToCab();
    run.despatchAndApprove([
      ['cab', '2017-03-14', '2017-03-22'],
      ['os', '2017-03-31', '2017-04-10'],
      ['cabinet', '2017-04-05', '2017-04-13'],
    ]);
    run.advanceTo('2017-04-18T09:00:00Z');
    run.publish('council');
    run.advanceTo('2017-04-26T18:00:00Z');
    expect(run.lastPlan.phase).toBe('AwaitDecision');
    run.decide('council', { outcome: 'approved', resolution: 'That the plan be adopted.' });
    expect(run.snapshot.meta.status).toBe('adopted');
    expect(run.lastPlan.phase).toBe('Finished');
    expect(run.lastPlan.wakeAt).toBeNull();
    expect(run.emailsOf('run-finished')).toHaveLength(1);
    expect(run.emailsOf('decision-notice')).toHaveLength(6);
    // Cleared when nothing more gates a report: the first two from the start, the rest with the last sign-off.
    expect(run.emailsOf('report-cleared').map((e) => e.sentAt)).toEqual([
      '2017-01-09T09:00:00.000Z',
      '2017-01-09T09:00:00.000Z',
      '2017-03-08T10:00:00.000Z',
      '2017-03-08T10:00:00.000Z',
      '2017-03-08T10:00:00.000Z',
      '2017-03-08T10:00:00.000Z',
    ]);
    expect(run.snapshot.stages.slice(2).every((s) => s.publishedAt)).toBe(true);
    expect(run.emailsOf('publication-missed')).toHaveLength(0);
    // No two e-mails share recipients, subject facts and reason.
    const reasons = run.sent.map((e) => e.reason);
    expect(new Set(reasons).size).toBe(reasons.length);
  });

  it("never escalates an officer's own overdue sign-off to that officer, when they are also the report's author", () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-03-09T09:00:00Z'); // every sign-off was due on Tuesday 7 March
    const escalations = run.emailsOf('signoff-escalation');
    const terrysOwn = escalations.filter((e) => (e.message as { officer: { email: string } }).officer.email === terry.email);
    expect(terrysOwn).toHaveLength(7);
    // Terry is the author: the clerk alone hears of his own late sign-offs; Keith's go to both.
    expect(terrysOwn.every((e) => e.to.length === 1 && e.to[0] === clerk.email)).toBe(true);
    expect(escalations.find((e) => (e.message as { officer: { email: string } }).officer.email === keith.email)!.to).toEqual([terry.email, clerk.email]);
  });

  it('asks the clerk to record a decision at 00:00 on the day after the meeting when none is recorded', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T22:00:00Z');
    expect(run.emailsOf('decision-request')).toHaveLength(0);
    run.advanceTo('2017-02-10T09:00:00Z');
    expect(run.emailsOf('decision-request')).toEqual([
      expect.objectContaining({ to: [clerk.email], sentAt: '2017-02-10T00:00:00.000Z' }),
    ]);
  });

  it('asks again when a meeting that passed undecided is moved and the new date passes undecided too', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-10T09:00:00Z');
    // The clerk moves the partnership's meeting a week on (as PATCH does), and records nothing after it either.
    run.snapshot.stages = run.snapshot.stages.map((s) =>
      s.id === 'csp' ? { ...s, meetingDate: '2017-02-16', publishBy: publishBy('2017-02-16', run.snapshot.meta.clearDays) } : s,
    );
    run.reconcile();
    run.advanceTo('2017-02-17T09:00:00Z');
    expect(run.emailsOf('decision-request').map((e) => [e.sentAt, (e.message as { stage: { meetingDate: string } }).stage.meetingDate])).toEqual([
      ['2017-02-10T00:00:00.000Z', '2017-02-09'],
      ['2017-02-17T00:00:00.000Z', '2017-02-16'],
    ]);
  });

  it('e-mails "publication deadline missed" the day after publishBy while sign-offs are outstanding', () => {
    const run = tunbridgeWellsToCab();
    // Sarah's equalities sign-off is asked again, late, and not given before 14 March.
    run.snapshot.signoffs = run.snapshot.signoffs.map((s) => (s.id === 'equalities' ? { ...s, status: 'changes-requested' } : s));
    run.advanceTo('2017-03-15T09:00:00Z');
    expect(run.stage('cab').publishedAt).toBeNull();
    const missed = run.emailsOf('publication-missed');
    expect(missed).toHaveLength(1);
    expect(missed[0].sentAt).toBe('2017-03-15T00:00:00.000Z');
    expect(missed[0].message).toMatchObject({ publishBy: '2017-03-14', outstanding: [{ area: 'Equalities', status: 'changes-requested' }] });
  });
});

describe('planRun decisions', () => {
  function atCab(): SimulatedRun {
    const run = tunbridgeWellsToCab();
    run.advanceTo('2017-03-22T18:00:00Z');
    return run;
  }

  it('moves a deferred stage to the new date, recomputes its publishBy and asks for publication again', () => {
    const run = atCab();
    run.decide('cab', { outcome: 'deferred', deferTo: '2017-04-05' });
    expect(run.stage('cab')).toMatchObject({ meetingDate: '2017-04-05', publishBy: '2017-03-28' });
    expect(run.snapshot.meta.cursor).toMatchObject({ index: 2, round: 4 });
    expect(run.lastPlan.phase).toBe('AwaitPublication');
    run.advanceTo('2017-03-28T09:00:00Z');
    expect(run.emailsOf('report-cleared').filter((e) => (e.message as { stage: { id: string } }).stage.id === 'cab')).toHaveLength(2);
  });

  it('recomputes the due dates of sign-offs required before a deferred stage', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T10:00:00Z');
    run.decide('csp', { outcome: 'approved' });
    run.advanceTo('2017-03-01T10:00:00Z');
    // cab is not current yet: a deferral of mb does not move cab's sign-offs.
    run.decide('mb', { outcome: 'deferred', deferTo: '2017-03-08' });
    expect(run.signoff(LEGAL).dueBy).toBe('2017-03-07');
    expect(run.stage('mb').publishBy).toBe('2017-02-28');
  });

  it('adopts on approval at the last stage and notes on noting at the last stage', () => {
    const input = tunbridgeWellsInput({ stages: [{ id: 'hwb', body: 'Health and Wellbeing Board', kind: 'board', meetingDate: '2017-02-09' }], signoffs: [] });
    const noted = new SimulatedRun(input);
    noted.advanceTo('2017-02-09T12:00:00Z');
    noted.decide('hwb', { outcome: 'noted' });
    expect(noted.snapshot.meta.status).toBe('noted');
    expect(noted.emailsOf('run-finished')[0].message).toMatchObject({ status: 'noted' });
  });

  it('moves on after noting, approving, or approving with amendments (which records a revision) at any other stage', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T10:00:00Z');
    run.decide('csp', { outcome: 'approved-with-amendments', resolution: 'Add a priority on cyber crime' });
    expect(run.snapshot.meta.cursor.index).toBe(1);
    expect(run.snapshot.revisions).toEqual([expect.objectContaining({ n: 1, kind: 'amendments', summary: 'Add a priority on cyber crime', invalidates: [] })]);
    // Amendments ask no sign-off again.
    expect(run.snapshot.signoffs.every((s) => s.round === 1)).toBe(true);
    run.advanceTo('2017-03-01T10:00:00Z');
    run.decide('mb', { outcome: 'noted' });
    expect(run.snapshot.meta.cursor.index).toBe(2);
  });

  it('ends the run on rejection', () => {
    const run = atCab();
    run.decide('cab', { outcome: 'rejected' });
    expect(run.snapshot.meta.status).toBe('rejected');
    expect(run.lastPlan.phase).toBe('Finished');
  });

  it('refers back: waits for a revision, asks every sign-off again, then needs a new date for the earlier stage', () => {
    const run = atCab();
    run.decide('cab', { outcome: 'referred-back', referBackTo: 'mb', resolution: 'Consult the board again' });
    expect(run.lastPlan.phase).toBe('AwaitRevision');
    expect(run.snapshot.meta.cursor.index).toBe(1);
    run.advanceTo('2017-03-24T10:00:00Z');
    run.revise('Revised after the CAB');
    expect(run.snapshot.signoffs.every((s) => s.round === 2 && s.status === 'requested')).toBe(true);
    expect(run.emailsOf('signoff-request')).toHaveLength(18);
    expect(run.lastPlan.phase).toBe('AwaitSchedule');
    expect(run.emailsOf('schedule-request')).toHaveLength(1);
  });

  it('asks again only the sign-offs a revision names', () => {
    const run = atCab();
    run.decide('cab', { outcome: 'referred-back', referBackTo: 'mb' });
    run.revise('Legal wording changed', [LEGAL]);
    expect(run.signoff(LEGAL)).toMatchObject({ round: 2, status: 'requested', dueFor: 'cab' });
    expect(run.signoff('equalities')).toMatchObject({ round: 1, status: 'signed' });
  });

  it('delegates: asks the delegate to sign within 10 working days, then moves on once signed', () => {
    const run = atCab();
    const delegate = { name: 'Paul Taylor', email: 'paul.taylor@example.gov.uk' };
    run.decide('cab', { outcome: 'delegated', delegateTo: delegate });
    expect(run.lastPlan.phase).toBe('AwaitDelegatedSignoff');
    const signoff = run.signoff('delegated-cab-3');
    expect(signoff).toMatchObject({ area: 'Delegated finalisation', dueBy: '2017-04-05', status: 'requested' });
    expect(run.emailsOf('signoff-request').at(-1)).toMatchObject({ to: [delegate.email] });
    run.sign('delegated-cab-3');
    expect(run.snapshot.meta.cursor.index).toBe(3);
  });

  it('refuses a decision before the meeting has started, and a second decision', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-08T23:30:00Z');
    expect(() => run.decide('csp', { outcome: 'approved' })).toThrow(/meets on 2017-02-09/);
    run.advanceTo('2017-02-09T00:00:00Z');
    run.decide('csp', { outcome: 'deferred', deferTo: '2017-02-16' });
    expect(() => run.decide('csp', { outcome: 'approved' })).toThrow(/meets on 2017-02-16/);
    expect(() => run.decide('mb', { outcome: 'approved' })).toThrow(/current stage/);
  });
});

describe('planRun key decisions', () => {
  it('reminds the clerk 5 working days before the 28-clear-day notice of the executive meeting is due', () => {
    const input = tunbridgeWellsInput({ plan: { title: 'CSP Plan', author: terry, keyDecision: true } });
    const run = new SimulatedRun(input);
    // Cabinet 13 April 2017: notice by Wed 15 March (29 days before); reminder Wed 8 March.
    run.advanceTo('2017-03-08T09:00:00Z');
    const notices = run.emailsOf('key-decision-notice');
    expect(notices).toEqual([expect.objectContaining({ to: [clerk.email], sentAt: '2017-03-08T00:00:00.000Z' })]);
    expect(notices[0].message).toMatchObject({ noticeBy: '2017-03-15' });
  });
});

describe('planRun wake-ups', () => {
  it('never asks to wake in the past and says nothing changes in a finished run', () => {
    const run = new SimulatedRun();
    const plan = planRun(run.snapshot, instant('2017-01-10'));
    expect(plan.wakeAt!.getTime()).toBeGreaterThan(instant('2017-01-10').getTime());
    const finished = { ...run.snapshot, meta: { ...run.snapshot.meta, status: 'withdrawn' as const, finishedAt: '2017-01-10T10:00:00Z' } };
    expect(planRun(finished, instant('2017-01-10'))).toMatchObject({ changes: [], phase: 'Finished', wakeAt: null });
  });
});
