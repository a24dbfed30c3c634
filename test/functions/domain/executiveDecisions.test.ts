/**
 * Executive decisions, rule by rule (2012 Executive Arrangements Regulations, regs. 9 to 12, and call-in): the
 * forward plan's 28 clear days, the general exception's 5 clear days after the scrutiny chair was informed,
 * special urgency, the call-in period in working days across bank holidays, a call-in after the period, and each
 * outcome of the scrutiny meeting that considers a call-in; a Cabinet recommendation to Full Council goes straight on.
 */
import { conflict } from '../../../functions/domain/errors';
import {
  callInEndsOn,
  callInOf,
  checkCallIn,
  earliestKeyDecisionDate,
  keyDecisionNoticeProblem,
  leavesForwardPlanNotice,
  leavesGeneralExceptionNotice,
  urgencyOnMove,
} from '../../../functions/domain/executiveDecisions';
import { forwardPlan, forwardPlanEntry, forwardPlanFeedEvents } from '../../../functions/domain/forwardPlan';
import { checkedStages, newRunInputSchema } from '../../../functions/domain/newRun';
import { planRun } from '../../../functions/domain/planRun';
import { parseRouteTemplate } from '../../../functions/domain/routes';
import { runView } from '../../../functions/domain/runView';
import { getRouteTemplate } from '../../../functions/platform/routeTemplates';
import { SimulatedRun, clerk, instant, keith, terry } from './runSimulator';

const chair = { name: 'Cllr Sue Scrutiny', email: 'sue.scrutiny@example.gov.uk' };
const scrutinyMeeting = { body: 'Overview and Scrutiny Committee', meetingDate: '2017-05-03' };

/** A key decision the Cabinet takes itself, its final one: partnership, pre-decision scrutiny, Cabinet. */
function executiveInput(overrides: { cabinet?: Record<string, unknown>; plan?: Record<string, unknown>; stages?: unknown[] } = {}) {
  return newRunInputSchema.parse({
    plan: { title: 'Community Safety Strategy 2017-20', author: terry, keyDecision: true, ...overrides.plan },
    stages: overrides.stages ?? [
      { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
      { id: 'scrutiny', body: 'Overview and Scrutiny Committee', kind: 'scrutiny', meetingDate: '2017-03-01' },
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13', ...overrides.cabinet },
    ],
    signoffs: [{ area: 'Legal', officer: keith, requiredBefore: 'cabinet' }],
  });
}

/** The run up to the Cabinet's meeting on Thursday 13 April 2017, its earlier stages decided. */
function toCabinet(input = executiveInput()): SimulatedRun {
  const run = new SimulatedRun(input);
  run.advanceTo('2017-02-09T18:00:00Z');
  run.decide('csp', { outcome: 'approved' });
  run.advanceTo('2017-03-01T18:00:00Z');
  run.decide('scrutiny', { outcome: 'noted' });
  run.sign('legal');
  run.advanceTo('2017-04-13T18:00:00Z');
  return run;
}

/** The Cabinet approves on 13 April 2017: its call-in period (5 working days, Easter in between) ends on 24 April. */
function cabinetApproves(run = toCabinet(), callInWorkingDays?: number): SimulatedRun {
  run.decide(
    'cabinet',
    { outcome: 'approved', resolution: 'The strategy is agreed because it meets the partnership plan', alternatives: 'Doing nothing; a two-year strategy' },
    clerk,
    { callInWorkingDays },
  );
  return run;
}

describe('reg. 9: 28 clear days of notice on the forward plan', () => {
  it('counts calendar days excluding both ends: a notice today needs the meeting at least 29 calendar days later', () => {
    expect(leavesForwardPlanNotice('2017-03-01', '2017-03-30')).toBe(true);
    expect(leavesForwardPlanNotice('2017-03-01', '2017-03-29')).toBe(false);
    expect(earliestKeyDecisionDate('2017-03-01')).toBe('2017-03-30');
    // Weekends and bank holidays count: these are calendar days (Easter 2017 inside).
    expect(leavesForwardPlanNotice('2017-03-16', '2017-04-14')).toBe(true);
  });

  it('names the rule, the notice date and the earliest meeting when the 28 days are not there', () => {
    expect(keyDecisionNoticeProblem('2017-03-30', '2017-03-01')).toBeUndefined();
    expect(keyDecisionNoticeProblem('2017-03-29', '2017-03-01')).toMatchObject({
      rule: 'key-decision-notice',
      values: { noticePublishedOn: '2017-03-01', earliest: '2017-03-30' },
    });
  });

  it('refuses to start a key decision whose executive meets fewer than 28 clear days after today, on that stage meetingDate', () => {
    const body = executiveInput({ stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-29' }] });
    expect(() => checkedStages(body, undefined, '2017-03-01')).toThrow(expect.objectContaining({ code: 'invalid-input', problems: { 'stages.0.meetingDate': expect.objectContaining({ rule: 'key-decision-notice' }) } }));
    const ok = executiveInput({ stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-30' }] });
    expect(checkedStages(ok, undefined, '2017-03-01')).toHaveLength(1);
    // Not a key decision: no notice needed.
    const notKey = executiveInput({ plan: { keyDecision: false }, stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-10' }] });
    expect(checkedStages(notKey, undefined, '2017-03-01')).toHaveLength(1);
  });

  it('names a meeting on the calendar by its meetingId', () => {
    const body = newRunInputSchema.parse({ plan: { title: 'P', author: terry, keyDecision: true }, stages: [{ id: 'cabinet', meetingId: 'cab-1' }] });
    const meetings = new Map([['cab-1', { meetingId: 'cab-1', date: '2017-03-20', status: 'scheduled' as const, body: { id: 'cabinet', name: 'Cabinet', kind: 'executive' as const } }]]);
    expect(() => checkedStages(body, undefined, '2017-03-01', meetings)).toThrow(expect.objectContaining({ problems: { 'stages.0.meetingId': expect.objectContaining({ rule: 'key-decision-notice' }) } }));
  });

  it('checks the 28 days again on every reschedule of the executive stage, from the notice published when the run started', () => {
    const run = new SimulatedRun(executiveInput());
    const cabinet = run.stage('cabinet');
    const opts = { today: '2017-01-09', by: clerk, at: run.now, field: 'meetingDate' as const };
    // Notice on Monday 9 January 2017: the Cabinet may meet from Tuesday 7 February (10 January to 6 February: 28 days).
    expect(urgencyOnMove(run.snapshot, cabinet, '2017-02-07', undefined, opts)).toBeUndefined();
    expect(() => urgencyOnMove(run.snapshot, cabinet, '2017-02-06', undefined, opts)).toThrow(
      expect.objectContaining({ problems: { meetingDate: expect.objectContaining({ rule: 'key-decision-notice', values: { noticePublishedOn: '2017-01-09', earliest: '2017-02-07' } }) } }),
    );
    // With the general exception given, 5 clear days after the chair was informed suffice; it is stored for the new date.
    const urgency = { kind: 'general-exception' as const, scrutinyChairInformedOn: '2017-01-09', scrutinyChair: chair };
    expect(urgencyOnMove(run.snapshot, cabinet, '2017-01-27', urgency, opts)).toMatchObject({ kind: 'general-exception', meetingDate: '2017-01-27', scrutinyChair: chair });
    // A stage that has an urgency and moves to a date with the 28 days no longer needs it: it is removed (null).
    const withUrgency = { ...cabinet, urgency: urgencyOnMove(run.snapshot, cabinet, '2017-01-27', urgency, opts)! };
    expect(urgencyOnMove(run.snapshot, withUrgency, '2017-03-01', undefined, opts)).toBeNull();
    expect(urgencyOnMove(run.snapshot, withUrgency, '2017-01-30', undefined, opts)).toMatchObject({ meetingDate: '2017-01-30' });
  });
});

describe('reg. 10: the general exception', () => {
  it('needs 5 clear days after the scrutiny chair was informed', () => {
    expect(leavesGeneralExceptionNotice('2017-03-01', '2017-03-07')).toBe(true);
    expect(leavesGeneralExceptionNotice('2017-03-01', '2017-03-06')).toBe(false);
    const urgency = { kind: 'general-exception' as const, scrutinyChairInformedOn: '2017-03-01' };
    expect(keyDecisionNoticeProblem('2017-03-07', '2017-03-01', urgency)).toBeUndefined();
    expect(keyDecisionNoticeProblem('2017-03-06', '2017-03-01', urgency)).toMatchObject({
      rule: 'general-exception-notice',
      values: { scrutinyChairInformedOn: '2017-03-01', earliest: '2017-03-07' },
    });
  });

  it('lets a run start within 28 days under it, shows it on the forward plan and e-mails the scrutiny chair once', () => {
    const urgency = { kind: 'general-exception', scrutinyChairInformedOn: '2017-01-09', reason: 'The grant conditions need a decision by March', scrutinyChair: chair };
    const body = executiveInput({ stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-01-27', urgency }] });
    expect(checkedStages(body, undefined, '2017-01-09')).toHaveLength(1);
    // 10 to 14 January are 5 clear days; the 14th is too soon (as a late item, so that only this rule is in the way).
    const lateItem = { reason: 'Urgent' };
    expect(checkedStages(executiveInput({ stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-01-15', urgency, lateItem }] }), undefined, '2017-01-09')).toHaveLength(1);
    const tooSoon = executiveInput({ stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-01-14', urgency, lateItem }] });
    expect(() => checkedStages(tooSoon, undefined, '2017-01-09')).toThrow(expect.objectContaining({ problems: { 'stages.0.meetingDate': expect.objectContaining({ rule: 'general-exception-notice' }) } }));

    const run = new SimulatedRun(body);
    expect(run.stage('cabinet').urgency).toMatchObject({ kind: 'general-exception', scrutinyChair: chair, meetingDate: '2017-01-27', recordedBy: clerk });
    expect(forwardPlanEntry(run.snapshot, run.now)).toMatchObject({
      decisionMaker: 'Cabinet',
      decisionDate: '2017-01-27',
      noticePublishedOn: '2017-01-09',
      urgency: { kind: 'general-exception', scrutinyChairInformedOn: '2017-01-09', reason: 'The grant conditions need a decision by March' },
    });
    const told = run.emailsOf('key-decision-urgency');
    expect(told).toEqual([expect.objectContaining({ to: [chair.email], cc: [clerk.email] })]);
    // No 28-day reminder: the notice could not be given, the urgency says why.
    run.advanceTo('2017-01-26T12:00:00Z');
    expect(run.emailsOf('key-decision-notice')).toEqual([]);
    expect(run.emailsOf('key-decision-urgency')).toHaveLength(1);
  });

  it('refuses an informed date in the future, and an urgency on a stage that takes no key decision', () => {
    const future = executiveInput({ stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-01-20', urgency: { kind: 'general-exception', scrutinyChairInformedOn: '2017-01-10' } }] });
    expect(() => checkedStages(future, undefined, '2017-01-09')).toThrow(expect.objectContaining({ problems: expect.objectContaining({ 'stages.0.urgency.scrutinyChairInformedOn': expect.objectContaining({ rule: 'in-the-future' }) }) }));
    const misplaced = executiveInput({
      stages: [
        { id: 'board', body: 'Board', kind: 'board', meetingDate: '2017-02-20', urgency: { kind: 'special-urgency', agreedBy: { name: 'A', role: 'Chair' } } },
        { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-20' },
      ],
    });
    expect(() => checkedStages(misplaced, undefined, '2017-01-09')).toThrow(expect.objectContaining({ fields: { 'stages.0.urgency': expect.stringMatching(/executive stage of a key decision/) } }));
  });
});

describe('reg. 11: special urgency', () => {
  const urgency = { kind: 'special-urgency', agreedBy: { name: 'Cllr Sam Chair', role: 'Chair of Overview and Scrutiny' }, reason: 'Flood defences cannot wait' };

  it('needs no days of notice, and its decision takes effect at once: no call-in', () => {
    const body = executiveInput({ stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-01-10', urgency, lateItem: { reason: 'It cannot wait' } }] });
    expect(checkedStages(body, undefined, '2017-01-09')).toHaveLength(1);
    const run = new SimulatedRun(body);
    expect(run.stage('cabinet').urgency).toMatchObject({ kind: 'special-urgency', agreedOn: '2017-01-09', agreedBy: urgency.agreedBy });
    run.advanceTo('2017-01-10T18:00:00Z');
    run.decide('cabinet', { outcome: 'approved' });
    expect(run.snapshot.decisions[0].callInEndsOn).toBeNull();
    expect(run.snapshot.meta.status).toBe('adopted');
    expect(runView(run.snapshot, run.now).callIn).toBeNull();
  });
});

describe('call-in: the period in working days', () => {
  it('ends 5 working days after the day of the decision, skipping bank holidays (Easter 2017, Christmas 2017)', () => {
    // Thursday 13 April 2017: Good Friday and Easter Monday are not working days.
    expect(callInEndsOn('2017-04-13', 5)).toBe('2017-04-24');
    // Thursday 21 December 2017: Christmas, Boxing Day and New Year's Day are not.
    expect(callInEndsOn('2017-12-21', 5)).toBe('2018-01-02');
    expect(callInEndsOn('2017-04-13', 0)).toBeNull();
  });

  it('keeps a final executive decision from taking effect until the day after the period ends, then adopts the plan and tells everyone', () => {
    const run = cabinetApproves();
    expect(run.snapshot.decisions.at(-1)).toMatchObject({ callInEndsOn: '2017-04-24', alternatives: 'Doing nothing; a two-year strategy' });
    expect(run.snapshot.meta.status).toBe('running');
    expect(runView(run.snapshot, run.now).callIn).toEqual({ endsOn: '2017-04-24', status: 'open' });
    // The planner wakes at 00:00 London on Tuesday 25 April (British Summer Time).
    run.advanceTo('2017-04-14T09:00:00Z');
    expect(run.lastPlan.wakeAt).toEqual(new Date('2017-04-24T23:00:00.000Z'));
    const notice = run.emailsOf('decision-notice').at(-1)!;
    expect(notice).toMatchObject({ to: [terry.email], cc: [clerk.email], message: { callInEndsOn: '2017-04-24', alternatives: 'Doing nothing; a two-year strategy' } });

    run.advanceTo('2017-04-24T22:59:00Z');
    expect(run.snapshot.meta.status).toBe('running');
    run.advanceTo('2017-04-25T09:00:00Z');
    expect(run.snapshot.meta).toMatchObject({ status: 'adopted', finishedAt: '2017-04-24T23:00:00.000Z' });
    expect(runView(run.snapshot, run.now).callIn).toEqual({ endsOn: '2017-04-24', status: 'ended' });
    const finished = run.emailsOf('run-finished');
    expect(finished).toEqual([expect.objectContaining({ to: [terry.email, clerk.email], cc: [keith.email], message: expect.objectContaining({ callIn: { endsOn: '2017-04-24', calledIn: false, body: 'Cabinet' } }) })]);
  });

  it('takes the body\'s callInWorkingDays, and none when it is 0', () => {
    expect(cabinetApproves(toCabinet(), 2).snapshot.decisions.at(-1)!.callInEndsOn).toBe('2017-04-19');
    const none = cabinetApproves(toCabinet(), 0);
    expect(none.snapshot.decisions.at(-1)!.callInEndsOn).toBeNull();
    expect(none.snapshot.meta.status).toBe('adopted');
  });

  it('refuses a call-in after the period: 409', () => {
    const run = cabinetApproves();
    // On the last day it can still be called in; from the next day it cannot, even before the run has moved.
    expect(() => checkCallIn(run.snapshot, scrutinyMeeting, instant('2017-04-24T20:00:00Z'))).not.toThrow();
    expect(() => checkCallIn(run.snapshot, scrutinyMeeting, new Date('2017-04-24T23:00:00Z'))).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/ended on 2017-04-24/) }));
    run.advanceTo('2017-04-26T09:00:00Z');
    expect(() => run.callIn(scrutinyMeeting)).toThrow(expect.objectContaining({ code: 'conflict' }));
    // Before any decision: nothing to call in.
    expect(() => checkCallIn(toCabinet().snapshot, scrutinyMeeting, instant('2017-04-13T18:00:00Z'))).toThrow(expect.objectContaining({ code: conflict('x').code }));
  });

  it('refuses a scrutiny meeting in the past or before the decision: 400 on meetingDate', () => {
    const run = cabinetApproves();
    expect(() => checkCallIn(run.snapshot, { ...scrutinyMeeting, meetingDate: '2017-04-12' }, run.now)).toThrow(expect.objectContaining({ code: 'invalid-input', fields: { meetingDate: expect.any(String) } }));
  });
});

describe('call-in: what the scrutiny meeting decides', () => {
  function calledIn(): SimulatedRun {
    const run = cabinetApproves();
    run.advanceTo('2017-04-18T10:00:00Z');
    run.callIn(scrutinyMeeting);
    return run;
  }

  it('adds a scrutiny stage at the meeting and moves the run to it; the decision does not take effect meanwhile', () => {
    const run = calledIn();
    const added = run.stage('call-in');
    expect(added).toMatchObject({ kind: 'scrutiny', body: 'Overview and Scrutiny Committee', meetingDate: '2017-05-03', index: 3, addedBy: { kind: 'call-in', decision: '2#3' } });
    expect(run.snapshot.meta.cursor.index).toBe(3);
    expect(runView(run.snapshot, run.now).callIn).toEqual({ endsOn: '2017-04-24', status: 'called-in' });
    expect(run.emailsOf('call-in-recorded')).toEqual([expect.objectContaining({ to: [terry.email, clerk.email] })]);
    run.advanceTo('2017-04-26T09:00:00Z');
    expect(run.snapshot.meta.status).toBe('running');
    // Called in once is enough: a second call-in is a 409.
    expect(() => checkCallIn(run.snapshot, scrutinyMeeting, run.now)).toThrow(expect.objectContaining({ code: 'conflict' }));
  });

  it('noted (no further action): the decision stands and the plan is adopted', () => {
    const run = calledIn();
    run.advanceTo('2017-05-03T18:00:00Z');
    expect(() => run.decide('call-in', { outcome: 'approved' })).toThrow(expect.objectContaining({ fields: { outcome: expect.stringMatching(/may decide noted, referred-back, referred-to-council, deferred/) } }));
    run.decide('call-in', { outcome: 'noted', resolution: 'No further action' });
    expect(run.snapshot.meta.status).toBe('adopted');
  });

  it('referred back: back to the Cabinet, which needs a new meeting; its new decision is final and cannot be called in again', () => {
    const run = calledIn();
    run.advanceTo('2017-05-03T18:00:00Z');
    run.decide('call-in', { outcome: 'referred-back', resolution: 'Consult the partnership on option B' });
    expect(run.snapshot.decisions.at(-1)!.referBackTo).toBe('cabinet');
    expect(run.snapshot.meta).toMatchObject({ cursor: { index: 2 }, awaitingRevision: false, status: 'running' });
    expect(run.lastPlan.phase).toBe('AwaitSchedule');
    expect(forwardPlanEntry(run.snapshot, run.now)).toMatchObject({ decisionMaker: 'Cabinet', status: 'to-be-rescheduled' });
    run.reschedule('cabinet', '2017-05-25');
    run.advanceTo('2017-05-25T18:00:00Z');
    run.decide('cabinet', { outcome: 'approved', resolution: 'Agreed with option B' });
    expect(run.snapshot.decisions.at(-1)!.callInEndsOn).toBeNull();
    expect(run.snapshot.meta.status).toBe('adopted');
  });

  it('referred to Full Council: a council stage is added; no objection there and the decision takes effect, or back to the Cabinet', () => {
    const run = calledIn();
    run.advanceTo('2017-05-03T18:00:00Z');
    expect(() => run.decide('call-in', { outcome: 'referred-to-council', referTo: { body: 'Full Council', meetingDate: '2017-05-02' } })).toThrow(
      expect.objectContaining({ fields: { 'referTo.meetingDate': expect.stringMatching(/past|before/) } }),
    );
    run.decide('call-in', { outcome: 'referred-to-council', referTo: { body: 'Full Council', meetingDate: '2017-05-17' } });
    expect(run.stage('council')).toMatchObject({ kind: 'council', meetingDate: '2017-05-17', index: 4, addedBy: { kind: 'council-referral', decision: '2#3' } });
    expect(run.snapshot.meta.cursor.index).toBe(4);

    const objecting = structuredCloneRun(run);
    run.advanceTo('2017-05-17T18:00:00Z');
    run.decide('council', { outcome: 'noted', resolution: 'No objection' });
    expect(run.snapshot.meta.status).toBe('adopted');

    objecting.advanceTo('2017-05-17T18:00:00Z');
    objecting.decide('council', { outcome: 'referred-back' });
    expect(objecting.snapshot.meta.cursor.index).toBe(2);
    objecting.reschedule('cabinet', '2017-06-08');
    objecting.advanceTo('2017-06-08T18:00:00Z');
    objecting.decide('cabinet', { outcome: 'approved' });
    expect(objecting.snapshot.meta.status).toBe('adopted');
  });

  it('refers to Full Council only from a call-in', () => {
    const run = toCabinet();
    expect(() => run.decide('cabinet', { outcome: 'referred-to-council', referTo: { body: 'Full Council', meetingDate: '2017-05-17' } })).toThrow(
      expect.objectContaining({ fields: { outcome: expect.stringMatching(/only the scrutiny meeting of a call-in/) } }),
    );
  });
});

describe('call-in applies only to the run\'s final decision', () => {
  it('lets a Cabinet recommendation to Full Council (the Telford route: Cabinet, then Council) go straight on', () => {
    const run = new SimulatedRun(
      executiveInput({
        stages: [
          { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-03-09' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-03-22' },
        ],
      }),
    );
    run.advanceTo('2017-03-09T18:00:00Z');
    run.decide('cabinet', { outcome: 'approved', resolution: 'Recommended to Council' });
    expect(run.snapshot.decisions[0].callInEndsOn).toBeNull();
    expect(run.snapshot.meta.cursor.index).toBe(1);
    expect(runView(run.snapshot, run.now).callIn).toBeNull();
    run.advanceTo('2017-03-22T18:00:00Z');
    run.decide('council', { outcome: 'approved' });
    expect(run.snapshot.meta.status).toBe('adopted');
  });

  it('follows the route: an executive stage the route does not mark is not called in, one it marks is', () => {
    const unmarked = toCabinet();
    unmarked.snapshot = { ...unmarked.snapshot, stages: unmarked.snapshot.stages.map((s) => (s.id === 'cabinet' ? { ...s, callIn: false } : s)) };
    cabinetApproves(unmarked);
    expect(unmarked.snapshot.meta.status).toBe('adopted');
    const route = getRouteTemplate('executive-decision')!;
    expect(route.stages.at(-1)).toMatchObject({ kind: 'executive', callIn: true });
  });

  it('refuses a route that marks a stage other than a last executive one', () => {
    const template = (stages: unknown[]) => JSON.stringify({ id: 'r', name: 'R', description: 'D', stages });
    const stage = (id: string, kind: string, extra = {}) => ({ id, body: id, kind, decides: ['approved'], ...extra });
    expect(() => parseRouteTemplate('r.json', template([stage('cabinet', 'executive', { callIn: true }), stage('council', 'council')]))).toThrow(/stages\.0\.callIn: call-in applies to the run's final decision/);
    expect(() => parseRouteTemplate('r.json', template([stage('board', 'board', { callIn: true })]))).toThrow(/only an executive stage/);
    expect(parseRouteTemplate('r.json', template([stage('board', 'board'), stage('cabinet', 'executive', { callIn: true })])).stages[1].callIn).toBe(true);
  });
});

describe('the forward plan', () => {
  it('lists every key decision not yet taken, with its decision maker, date and notice date; exempt reports by title only', () => {
    const run = new SimulatedRun(executiveInput());
    const exempt = new SimulatedRun(executiveInput({ plan: { title: 'Sale of the depot', classification: 'exempt' } }));
    const notKey = new SimulatedRun(executiveInput({ plan: { keyDecision: false } }));
    const entries = forwardPlan([notKey.snapshot, run.snapshot, exempt.snapshot], run.now);
    expect(entries).toEqual([
      expect.objectContaining({ title: 'Community Safety Strategy 2017-20', decisionMaker: 'Cabinet', decisionDate: '2017-04-13', noticePublishedOn: '2017-01-09', status: 'scheduled', urgency: null, exempt: false, contact: { name: terry.name, email: terry.email } }),
      expect.objectContaining({ title: 'Sale of the depot', decisionMaker: 'Cabinet', exempt: true, contact: null }),
    ]);
    const events = forwardPlanFeedEvents(entries, { url: 'https://ratify.example.gov.uk/forward-plan' });
    expect(events[0]).toMatchObject({ uid: 'forward-plan.run-1.cabinet@ratify', date: '2017-04-13', title: 'Key decision: Community Safety Strategy 2017-20 (Cabinet)' });
    expect(events[1].description).not.toMatch(/Contact/);
  });

  it('drops the decision once it is taken (in its call-in period too), and says when it was deferred', () => {
    const run = toCabinet();
    expect(forwardPlanEntry(run.snapshot, run.now)).toMatchObject({ status: 'decision-due' });
    run.decide('cabinet', { outcome: 'deferred', deferTo: '2017-04-27' });
    expect(forwardPlanEntry(run.snapshot, run.now)).toMatchObject({ decisionDate: '2017-04-27', status: 'deferred' });
    run.advanceTo('2017-04-27T18:00:00Z');
    cabinetApproves(run);
    expect(callInOf(run.snapshot, run.now)).toMatchObject({ status: 'open' });
    expect(forwardPlanEntry(run.snapshot, run.now)).toBeUndefined();
  });
});

/** A copy of a simulated run to follow two futures from one present. */
function structuredCloneRun(run: SimulatedRun): SimulatedRun {
  const copy = Object.create(SimulatedRun.prototype) as SimulatedRun;
  Object.assign(copy, { snapshot: { ...run.snapshot, sentEmails: new Set(run.snapshot.sentEmails) }, now: run.now, sent: [...run.sent], lastPlan: planRun(run.snapshot, run.now) });
  return copy;
}
