import { checkReschedule, meetingDateProblem, movedMeetingProblem } from '../../../functions/domain/meetingDates';
import { SimulatedRun } from './runSimulator';

describe('meetingDateProblem', () => {
  it('accepts today and up to ten years ahead, and refuses the past and anything later', () => {
    expect(meetingDateProblem('2017-01-09', '2017-01-09')).toBeUndefined();
    expect(meetingDateProblem('2027-01-09', '2017-01-09')).toBeUndefined();
    expect(meetingDateProblem('2017-01-08', '2017-01-09')).toMatchObject({ rule: 'in-the-past', message: 'is in the past (today is 2017-01-09)' });
    expect(meetingDateProblem('2027-01-10', '2017-01-09')).toMatchObject({ rule: 'too-far-ahead', message: 'is more than 10 years ahead (after 2027-01-09)' });
    expect(meetingDateProblem('9999-12-31', '2017-01-09')).toMatchObject({ rule: 'too-far-ahead', message: expect.stringMatching(/more than 10 years ahead/) });
  });

  it('counts ten years from a 29 February to the 1 March after the 28 February', () => {
    expect(meetingDateProblem('2030-03-01', '2020-02-29')).toBeUndefined();
    expect(meetingDateProblem('2030-03-02', '2020-02-29')).toMatchObject({ rule: 'too-far-ahead', message: 'is more than 10 years ahead (after 2030-03-01)' });
  });
});

describe('movedMeetingProblem (a reschedule or a deferral)', () => {
  // Tunbridge Wells on 9 January 2017: csp 9 Feb, mb 1 Mar, cab 22 Mar, os 10 Apr, cabinet 13 Apr, council 26 Apr.
  const run = new SimulatedRun();
  const mb = run.stage('mb');

  it('keeps the meetings in order, the same day as a neighbour being allowed', () => {
    expect(movedMeetingProblem(run.snapshot, mb, '2017-02-09', '2017-01-09')).toBeUndefined();
    expect(movedMeetingProblem(run.snapshot, mb, '2017-03-22', '2017-01-09')).toBeUndefined();
    expect(movedMeetingProblem(run.snapshot, mb, '2017-02-08', '2017-01-09')).toMatchObject({ rule: 'before-previous', message: 'is before the meeting of the previous stage (csp on 2017-02-09)' });
    expect(movedMeetingProblem(run.snapshot, mb, '2017-03-23', '2017-01-09')).toMatchObject({ rule: 'after-next', message: 'is after the meeting of the next stage (cab on 2017-03-22): move that one first' });
  });

  it('refuses a date in the past or more than ten years ahead before looking at the neighbours', () => {
    expect(movedMeetingProblem(run.snapshot, mb, '2017-01-06', '2017-01-09')).toMatchObject({ rule: 'in-the-past', message: 'is in the past (today is 2017-01-09)' });
    expect(movedMeetingProblem(run.snapshot, run.stage('council'), '2099-04-26', '2017-01-09')).toMatchObject({ rule: 'too-far-ahead', message: expect.stringMatching(/more than 10 years ahead/) });
  });
});

describe('checkReschedule', () => {
  it('refuses a move of a decided stage as a conflict, even to a date whose deadline has passed', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T18:00:00Z');
    run.decide('csp', { outcome: 'approved' });
    const err = (() => {
      try {
        checkReschedule(run.snapshot, 'csp', '2017-02-13', '2017-02-09');
      } catch (e) {
        return e as { code: string };
      }
    })();
    expect(err?.code).toBe('conflict');
    // A stage still to come: the date too soon is named, a late item allowed.
    expect(() => checkReschedule(run.snapshot, 'mb', '2017-02-13', '2017-02-09')).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(checkReschedule(run.snapshot, 'mb', '2017-02-13', '2017-02-09', { lateItem: true }).id).toBe('mb');
  });
});
