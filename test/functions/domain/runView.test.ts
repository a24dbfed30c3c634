import { runSummary, runView } from '../../../functions/domain/runView';
import { SimulatedRun, tunbridgeWellsInput, terry } from './runSimulator';

const statuses = (run: SimulatedRun) => runView(run.snapshot, run.now).stages.map((s) => s.status);

describe('runView', () => {
  it('shows where each stage is, derived from the run and the clock', () => {
    const run = new SimulatedRun();
    expect(statuses(run)).toEqual(['awaiting-publication', 'pending', 'pending', 'pending', 'pending', 'pending']);
    run.advanceTo('2017-02-02T10:00:00Z');
    // Past its deadline, still not published: only a recorded despatch publishes it.
    expect(statuses(run)[0]).toBe('awaiting-publication');
    expect(runView(run.snapshot, run.now).stages[0].publication).toMatchObject({ status: 'cleared', publishedOn: null, agendaUrl: null });
    run.publish('csp', '2017-02-01', 'https://democracy.example.gov.uk/csp');
    expect(statuses(run)[0]).toBe('published');
    expect(runView(run.snapshot, run.now).stages[0].publication).toEqual({ status: 'published', publishedOn: '2017-02-01', agendaUrl: 'https://democracy.example.gov.uk/csp' });
    run.advanceTo('2017-02-09T10:00:00Z');
    expect(statuses(run)[0]).toBe('awaiting-decision');
    run.decide('csp', { outcome: 'approved' });
    expect(statuses(run).slice(0, 2)).toEqual(['decided', 'awaiting-publication']);
  });

  it('never calls a late item published: agreed by the chair, it waits for its meeting as a late item', () => {
    const run = new SimulatedRun();
    run.despatchAndApprove([
      ['csp', '2017-02-01', '2017-02-09'],
      ['mb', '2017-02-21', '2017-03-01'],
    ]);
    run.advanceTo('2017-03-14T09:00:00Z');
    run.publish('cab'); // the agenda goes without the report: the sign-offs are not in
    expect(statuses(run)[2]).toBe('awaiting-signoffs');
    run.agreeLateItem('cab');
    expect(run.lastPlan.phase).toBe('AwaitMeeting');
    expect(statuses(run)[2]).toBe('late-item-agreed');
    expect(runView(run.snapshot, run.now).stages[2]).toMatchObject({ publishedAt: null, publication: { status: 'late-item' }, lateItem: { agreedBy: { name: 'Cllr Chair' } } });
  });

  it('shows the run as the API describes it: sign-offs with officer and due date, decisions under their stage', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T10:00:00Z');
    run.decide('csp', { outcome: 'approved', resolution: 'Agreed' });
    const view = runView(run.snapshot, run.now);
    expect(view).toMatchObject({ runId: 'run-1', status: 'running', currentStage: 'mb', plan: { author: terry } });
    expect(view.stages[0].decisions).toEqual([expect.objectContaining({ outcome: 'approved', resolution: 'Agreed', meetingDate: '2017-02-09' })]);
    expect(view.signoffs[0]).toEqual(expect.objectContaining({ id: 'legal-including-human-rights-act', requiredBefore: 'cab', status: 'requested', dueBy: '2017-03-07', signedAt: null, comment: null }));
    expect(runSummary(run.snapshot, run.now)).toMatchObject({ runId: 'run-1', currentStage: 'mb', nextDeadline: '2017-02-21T00:00:00.000Z' });
  });

  it('gives the key decision notice date on the executive stage of a key decision', () => {
    const run = new SimulatedRun(tunbridgeWellsInput({ plan: { title: 'P', author: terry, keyDecision: true } }));
    const cabinet = runView(run.snapshot, run.now).stages.find((s) => s.id === 'cabinet');
    expect(cabinet).toMatchObject({ keyDecisionNoticeBy: '2017-03-15' });
  });
});
