import { upcomingMeetings } from '../../../../functions/pages/model/meetings';
import { SimulatedRun } from '../../domain/runSimulator';

/** Each upcoming meeting's publication tag: [stage body, tag text]. */
const tags = (run: SimulatedRun) => upcomingMeetings([run.snapshot], run.now).map((r) => [r.body, r.publication.text]);

describe('upcoming meetings: whether each report is out', () => {
  it('says published only when the despatch was recorded, and missed only for a deadline the run could meet', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-02T09:00:00Z');
    // The partnership's deadline (1 February) went with nothing recorded: missed, a fact.
    expect(tags(run)[0]).toEqual(['Community Safety Partnership', 'Deadline missed']);
    run.publish('csp', '2017-02-01');
    expect(tags(run)[0]).toEqual(['Community Safety Partnership', 'Published']);
  });

  it('does not call a later stage missed while a meeting held is waiting for its decision to be recorded', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-01T09:00:00Z');
    run.publish('csp');
    // The partnership met on 9 February; by 20 March nobody has recorded its decision. The board's (21 February) and
    // the advisory board's (14 March) deadlines have gone, but the run could not reach them: nothing is "missed".
    run.advanceTo('2017-03-20T09:00:00Z');
    expect(tags(run)).toEqual([
      ['Communities Cabinet Advisory Board', 'Not yet published'],
      ['Overview and Scrutiny Committee', 'Not yet published'],
      ['Cabinet', 'Not yet published'],
      ['Full Council', 'Not yet published'],
    ]);
  });

  it('shows a late item as one, agreed or not, rather than a missed deadline', () => {
    const run = new SimulatedRun();
    run.despatchAndApprove([
      ['csp', '2017-02-01', '2017-02-09'],
      ['mb', '2017-02-21', '2017-03-01'],
    ]);
    run.advanceTo('2017-03-14T09:00:00Z');
    run.publish('cab'); // the agenda goes; the nine sign-offs are not in
    run.advanceTo('2017-03-15T09:00:00Z');
    expect(tags(run)[0]).toEqual(['Communities Cabinet Advisory Board', 'Late item']);
    run.agreeLateItem('cab');
    expect(tags(run)[0]).toEqual(['Communities Cabinet Advisory Board', 'Agreed late item']);
  });
});
