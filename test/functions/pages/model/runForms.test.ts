import { decisionInputSchema } from '../../../../functions/domain/decisionRules';
import { decisionBody, readRunForm, rescheduleBody, revisionBody, runFormErrors, withdrawBody } from '../../../../functions/pages/model/runForms';
import { SimulatedRun } from '../../domain/runSimulator';
import { meetingDateProblem } from '../../../../functions/domain/meetingDates';
import { problem } from '../../../../functions/domain/errors';

const form = (fields: Record<string, string>) => readRunForm(new URLSearchParams({ stageId: 'csp', ...fields }));

describe("the run page's clerk forms", () => {
  it('send a revision asking every sign-off again when all are ticked (the default), else only those ticked', () => {
    const ids = ['legal', 'finance'];
    expect(revisionBody(readRunForm(new URLSearchParams('summary=+New+figures+&invalidates=legal&invalidates=finance')), ids)).toEqual({ summary: 'New figures' });
    expect(revisionBody(readRunForm(new URLSearchParams('summary=New&invalidates=finance')), ids)).toEqual({ summary: 'New', invalidates: ['finance'] });
    expect(revisionBody(readRunForm(new URLSearchParams('summary=Typo')), ids)).toEqual({ summary: 'Typo', invalidates: [] });
  });

  it('send only the fields the chosen outcome uses', () => {
    const filled = { resolution: 'Agreed', 'deferTo-day': '9', 'deferTo-month': '3', 'deferTo-year': '2017', referBackTo: 'csp', 'delegateTo-name': 'Paul', 'delegateTo-email': 'paul@example.gov.uk' };
    expect(decisionBody(form({ ...filled, outcome: 'approved' }))).toEqual({ outcome: 'approved', resolution: 'Agreed' });
    expect(decisionBody(form({ ...filled, outcome: 'deferred' }))).toEqual({ outcome: 'deferred', resolution: 'Agreed', deferTo: '2017-03-09' });
    expect(decisionBody(form({ ...filled, outcome: 'referred-back' }))).toEqual({ outcome: 'referred-back', resolution: 'Agreed', referBackTo: 'csp' });
    expect(decisionBody(form({ ...filled, outcome: 'delegated' }))).toEqual({ outcome: 'delegated', resolution: 'Agreed', delegateTo: { name: 'Paul', email: 'paul@example.gov.uk' } });
    expect(rescheduleBody(form({ 'meetingDate-day': '1', 'meetingDate-month': '12', 'meetingDate-year': '2027' }))).toEqual({ meetingDate: '2027-12-01' });
    expect(withdrawBody(form({ reason: '  Superseded  ' }))).toEqual({ reason: 'Superseded' });
  });

  it("turn the API's field errors into GOV.UK messages linked to the inputs", () => {
    const run = new SimulatedRun();
    const deferred = form({ outcome: 'deferred' });
    const parsed = decisionInputSchema.safeParse(decisionBody(deferred));
    expect(parsed.success).toBe(false);
    expect(runFormErrors('decision', { deferTo: 'is required when the outcome is deferred' }, deferred, run.snapshot)).toEqual([
      { id: 'deferTo', href: '#deferTo-day', text: 'Enter the date of the meeting it is deferred to' },
    ]);
    const early = form({ outcome: 'deferred', 'deferTo-day': '1', 'deferTo-month': '2', 'deferTo-year': '2017' });
    const notAfter = problem('not-after-meeting', 'must be later than the meeting on 2017-02-09', { meetingDate: '2017-02-09' });
    expect(runFormErrors('decision', { deferTo: notAfter }, early, run.snapshot)[0].text).toBe(
      'The date of the meeting it is deferred to must be after the meeting on Thursday 9 February 2017',
    );
    expect(runFormErrors('decision', { outcome: 'Invalid option' }, form({}), run.snapshot)[0].text).toBe('Select what the Community Safety Partnership decided');
    expect(runFormErrors('decision', { delegateTo: 'is required when the outcome is delegated' }, form({ outcome: 'delegated' }), run.snapshot).map((e) => e.id)).toEqual([
      'delegateTo-name',
      'delegateTo-email',
    ]);
    expect(runFormErrors('reschedule', { meetingDate: meetingDateProblem('2017-01-01', '2017-01-09')! }, form({ 'meetingDate-day': '1', 'meetingDate-month': '1', 'meetingDate-year': '2017' }), run.snapshot)).toEqual([
      { id: 'meetingDate', href: '#meetingDate-day', text: 'The new meeting date must be today or in the future' },
    ]);
    const farAhead = form({ 'meetingDate-day': '1', 'meetingDate-month': '1', 'meetingDate-year': '2071' });
    expect(runFormErrors('reschedule', { meetingDate: meetingDateProblem('2071-01-01', '2017-01-09')! }, farAhead, run.snapshot)).toEqual([
      { id: 'meetingDate', href: '#meetingDate-day', text: 'The new meeting date must be within 10 years of today: check the year' },
    ]);
    // The page reads the rule, not the wording: a reworded message keeps its GOV.UK text.
    const reworded = { ...meetingDateProblem('2017-01-01', '2017-01-09')!, message: 'lies before today' };
    expect(runFormErrors('reschedule', { meetingDate: reworded }, form({ 'meetingDate-day': '1', 'meetingDate-month': '1', 'meetingDate-year': '2017' }), run.snapshot)[0].text).toBe(
      'The new meeting date must be today or in the future',
    );
    expect(runFormErrors('reschedule', { meetingDate: 'lies before today' }, form({ 'meetingDate-day': '1', 'meetingDate-month': '1', 'meetingDate-year': '2017' }), run.snapshot)[0].text).toBe(
      'The new meeting date must be a real date, like 27 3 2027',
    );
    expect(runFormErrors('revision', { summary: 'Too small' }, form({}), run.snapshot)).toEqual([{ id: 'summary', href: '#summary', text: 'Enter what the revised report changes' }]);
    expect(runFormErrors('revision', { 'invalidates.0': 'x is not a sign-off of this run' }, form({ summary: 'New figures', invalidates: 'x' }), run.snapshot)).toEqual([
      { id: 'invalidates', href: '#invalidates', text: 'Select only sign-offs of this run' },
    ]);
    expect(runFormErrors('withdraw', { reason: 'Too small' }, form({}), run.snapshot)).toEqual([{ id: 'reason', href: '#reason', text: 'Enter why the run is withdrawn' }]);
  });
});
