import type { Actor } from '../../../../functions/edge/auth';
import { getRouteTemplate } from '../../../../functions/platform/routeTemplates';
import { buildRun } from '../../../../functions/domain/newRun';
import { runFormsContext, runPageModel } from '../../../../functions/pages/model/runPage';
import { SimulatedRun, clerk as clerkRef, keith, terry } from '../../domain/runSimulator';

const clerk: Actor = { ...clerkRef, roles: ['clerk'] };
const officer: Actor = { ...keith, roles: ['officer'] };
const manager: Actor = { name: 'Mia Manager', email: 'mia@example.gov.uk', roles: ['manager'] };

describe('runPageModel', () => {
  it('shows the timetable with dates as councils write them, stage statuses as tags and decisions under their stage', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-01T10:00:00Z');
    run.publish('csp');
    run.advanceTo('2017-02-09T10:00:00Z');
    run.decide('csp', { outcome: 'approved', resolution: 'Agreed the plan' });
    const model = runPageModel(run.snapshot, run.now, manager);
    expect(model.stages[0]).toMatchObject({
      body: 'Community Safety Partnership',
      kind: 'Partnership',
      meeting: 'Thursday 9 February 2017',
      publishBy: 'Wednesday 1 February 2017',
      published: 'Wednesday 1 February 2017',
      tag: { text: 'Decided', classes: 'govuk-tag--green' },
      decisions: [{ outcome: 'Approved', meeting: 'Thursday 9 February 2017', resolution: 'Agreed the plan', detail: null, by: 'Cleo Clerk' }],
    });
    expect(model.stages[1]).toMatchObject({ body: 'Management Board', current: true, tag: { text: 'Ready to publish', classes: 'govuk-tag--light-blue' } });
    expect(model.stages[2]).toMatchObject({ current: false, tag: { text: 'Not started' }, decisions: [] });
  });

  it('lists the sign-offs with officer, due date, status and the date answered', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-03-01T10:00:00Z');
    run.sign('legal-including-human-rights-act');
    run.advanceTo('2017-03-08T10:00:00Z');
    const [legal, finance] = runPageModel(run.snapshot, run.now, manager).signoffs;
    expect(legal).toMatchObject({ area: 'Legal including Human Rights Act', officer: 'Keith Trowell', due: 'Tuesday 7 March 2017', tag: { text: 'Signed' }, date: 'Wednesday 1 March 2017' });
    expect(finance).toMatchObject({ area: 'Finance and other resources', officer: 'Terry Hughes', due: 'Tuesday 7 March 2017 (overdue)', tag: { text: 'Requested' }, date: null });
  });

  it('says when the workflow is failing, since when and that it is tried again, and nothing when all is well', () => {
    const run = new SimulatedRun();
    expect(runPageModel(run.snapshot, run.now, manager).workflowFailure).toBeNull();
    run.snapshot = { ...run.snapshot, meta: { ...run.snapshot.meta, workflowFailure: { since: '2017-01-20T09:05:00Z', lastAt: '2017-01-20T12:05:00Z', error: 'States.TaskFailed' } } };
    const model = runPageModel(run.snapshot, run.now, manager);
    expect(model.workflowFailure).toEqual({
      since: 'Friday 20 January 2017 at 9:05am',
      lastAt: 'Friday 20 January 2017 at 12:05pm',
      error: 'States.TaskFailed',
      retryHours: 3,
    });
    expect(model.risk).toMatchObject({ tag: { text: 'Late' }, reasons: [expect.stringMatching(/^The run's workflow has been failing since Friday 20 January 2017/)] });
  });

  it("offers the revised report form to the plan's author and to clerks while the run is running, listing its sign-offs", () => {
    const run = new SimulatedRun();
    const author: Actor = { ...terry, roles: ['author'] };
    expect(run.snapshot.meta.plan.author.email).toBe(terry.email);
    const form = runPageModel(run.snapshot, run.now, author).revision;
    expect(form?.signoffs[0]).toEqual({ value: 'legal-including-human-rights-act', text: 'Legal including Human Rights Act (Keith Trowell)' });
    expect(form?.signoffs).toHaveLength(run.snapshot.signoffs.length);
    expect(runPageModel(run.snapshot, run.now, clerk).revision).not.toBeNull();
    // An officer, a manager, or another author (even one named as an officer) gets no form.
    expect(runPageModel(run.snapshot, run.now, officer).revision).toBeNull();
    expect(runPageModel(run.snapshot, run.now, manager).revision).toBeNull();
    expect(runPageModel(run.snapshot, run.now, { ...keith, roles: ['author', 'officer'] }).revision).toBeNull();
    run.snapshot = { ...run.snapshot, meta: { ...run.snapshot.meta, status: 'withdrawn' } };
    expect(runPageModel(run.snapshot, run.now, author).revision).toBeNull();
  });

  it('offers an answer link to the officer named on a sign-off and to clerks, not to others', () => {
    const run = new SimulatedRun();
    const links = (actor: Actor) => runPageModel(run.snapshot, run.now, actor).signoffs.map((so) => so.answerHref);
    expect(links(officer)[0]).toBe('/runs/run-1/signoffs/legal-including-human-rights-act');
    expect(links(officer).slice(1, 8)).toEqual(Array(7).fill(null));
    expect(links(clerk).every(Boolean)).toBe(true);
    expect(links(manager).every((l) => l === null)).toBe(true);
  });

  it('gives clerks their forms, and no one else', () => {
    const run = new SimulatedRun();
    expect(runPageModel(run.snapshot, run.now, manager).clerk).toBeNull();
    expect(runPageModel(run.snapshot, run.now, { ...officer, roles: ['officer', 'author'] }).clerk).toBeNull();
    expect(runPageModel(run.snapshot, run.now, clerk).clerk).toMatchObject({ canWithdraw: true });
  });

  it('explains why no decision can be recorded before the meeting, and offers the decision form from the day of the meeting', () => {
    const run = new SimulatedRun();
    expect(runPageModel(run.snapshot, run.now, clerk).clerk).toMatchObject({
      decision: null,
      decisionNote: 'The Community Safety Partnership meets on Thursday 9 February 2017: its decision can be recorded from that day.',
    });
    run.advanceTo('2017-02-09T00:30:00Z');
    const forms = runPageModel(run.snapshot, run.now, clerk).clerk!;
    expect(forms.decisionNote).toBeNull();
    expect(forms.decision).toMatchObject({ stageId: 'csp', body: 'Community Safety Partnership', meeting: 'Thursday 9 February 2017', referBackTo: [] });
    expect(forms.decision!.outcomes.map((o) => o.value)).toEqual(['approved', 'approved-with-amendments', 'noted', 'deferred', 'referred-back', 'rejected', 'delegated']);
  });

  it("offers only the outcomes the route lets the body decide, and the earlier stages to refer back to", () => {
    const template = getRouteTemplate('committee-system')!;
    const run = new SimulatedRun();
    const items = buildRun(
      { plan: { title: 'Strategic Assessment', author: terry, keyDecision: false, classification: 'public' }, clearDays: { count: 5, excludeNonWorkingDays: true }, signoffs: [], route: template.id,
        stages: [{ id: 'committee', body: 'Community Safety Committee', kind: 'committee', meetingDate: '2017-01-19' }, { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-02-23' }] },
      'run-2', clerkRef, run.now, template,
    );
    const snapshot = { ...items, decisions: [], revisions: [], sentEmails: new Set<string>(), events: [] };
    const at = new Date('2017-01-19T10:00:00Z');
    const forms = runPageModel(snapshot, at, clerk).clerk!;
    expect(forms.decision!.outcomes.map((o) => o.value)).toEqual(['approved', 'approved-with-amendments', 'noted', 'deferred', 'rejected']);
    expect(forms.reschedule.map((r) => r.value)).toEqual(['committee', 'council']);
  });

  it('stops offering clerk actions once the run has ended, and says who withdrew it and why', () => {
    const run = new SimulatedRun();
    run.snapshot = { ...run.snapshot, meta: { ...run.snapshot.meta, status: 'withdrawn', finishedAt: '2017-01-10T09:00:00Z', withdrawal: { reason: 'Superseded', by: clerkRef, at: '2017-01-10T09:00:00Z' } } };
    const model = runPageModel(run.snapshot, run.now, clerk);
    // Nothing is left for a clerk to do: the page shows no "Clerk actions" at all.
    expect(model.clerk).toBeNull();
    expect(model.withdrawal).toEqual({ reason: 'Superseded', by: 'Cleo Clerk', at: 'Tuesday 10 January 2017 at 9:00am' });
    expect(model.status.tag).toEqual({ text: 'Withdrawn', classes: 'govuk-tag--grey' });
    expect(model.risk).toBeNull();
  });
});

describe('runFormsContext', () => {
  it('shows a refused form with the values it was sent with and each error on its input', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T10:00:00Z');
    const model = runPageModel(run.snapshot, run.now, clerk);
    const values = { stageId: 'csp', outcome: 'deferred', resolution: 'Wait', deferTo: { day: '1', month: '13', year: '2017' }, referBackTo: '', delegateName: '', delegateEmail: '', meetingDate: { day: '', month: '', year: '' }, reason: '', summary: '', invalidates: [], publishedOn: { day: '', month: '', year: '' }, agendaUrl: '', lateReason: '', chairName: '', chairRole: '' };
    const context = runFormsContext(model, { form: 'decision', values, errors: [{ id: 'deferTo', href: '#deferTo-day', text: 'Enter a real date' }] });
    expect(context.errorList).toEqual([{ text: 'Enter a real date', href: '#deferTo-day' }]);
    expect(context.errors).toEqual({ deferTo: 'Enter a real date' });
    expect(context.forms.outcomeItems.find((o) => o.checked)?.value).toBe('deferred');
    expect(context.forms.deferToItems.map((i) => [i.value, i.classes])).toEqual([
      ['1', 'govuk-input--width-2 govuk-input--error'],
      ['13', 'govuk-input--width-2 govuk-input--error'],
      ['2017', 'govuk-input--width-4 govuk-input--error'],
    ]);
    // The other forms start blank; the revision form with every sign-off ticked.
    expect(context.forms.withdraw.reason).toBe('');
    expect(context.forms.invalidatesItems.length).toBe(run.snapshot.signoffs.length);
    expect(context.forms.invalidatesItems.every((i) => i.checked)).toBe(true);
  });
});
