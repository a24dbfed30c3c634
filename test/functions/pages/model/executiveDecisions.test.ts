/**
 * What the pages and e-mails say of executive decisions: the decision notice (page and e-mail), the run page and
 * dashboard in a call-in period with the clerk's call-in form, the forward plan's rows, and the rules' wording.
 */
import type { Actor } from '../../../../functions/edge/auth';
import { renderEmail } from '../../../../functions/domain/emails/render';
import { forwardPlan, forwardPlanRows } from '../../../../functions/domain/forwardPlan';
import { newRunInputSchema } from '../../../../functions/domain/newRun';
import { dashboardModel } from '../../../../functions/pages/model/dashboard';
import { decisionNoticeModel } from '../../../../functions/pages/model/decisionNotice';
import { callInBody, dateRuleText, readRunForm } from '../../../../functions/pages/model/runForms';
import { runPageModel } from '../../../../functions/pages/model/runPage';
import { SimulatedRun, clerk as clerkRef, keith, terry } from '../../domain/runSimulator';

const clerk: Actor = { ...clerkRef, roles: ['clerk'] };

function cabinetRun(urgency?: Record<string, unknown>) {
  return new SimulatedRun(
    newRunInputSchema.parse({
      plan: { title: 'Community Safety Strategy 2017-20', author: terry, keyDecision: true },
      stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13', ...(urgency ? { urgency } : {}) }],
      signoffs: [{ area: 'Legal', officer: keith }],
    }),
  );
}

function decided() {
  const run = cabinetRun();
  run.advanceTo('2017-04-13T18:00:00Z');
  run.decide('cabinet', { outcome: 'approved', resolution: 'The strategy meets the partnership plan', alternatives: 'Doing nothing' });
  return run;
}

describe('the decision notice', () => {
  it('says what was decided, the reasons, the alternatives and the call-in period', () => {
    const run = decided();
    const model = decisionNoticeModel(run.snapshot, 'cabinet-1', run.now);
    expect(model.title).toBe('Decision notice: Cabinet, Thursday 13 April 2017');
    const rows = Object.fromEntries(model.rows.map((r) => [r.key.text, r.value.text]));
    expect(rows).toMatchObject({
      'Decision maker': 'Cabinet',
      Decision: 'approved',
      'Reasons (the resolution)': 'The strategy meets the partnership plan',
      'Alternatives considered and rejected': 'Doing nothing',
      'Key decision': 'Yes, on the forward plan',
    });
    expect(model.callIn).toEqual({ open: true, text: expect.stringContaining('until the end of Monday 24 April 2017') });
    expect(model.callIn!.text).toContain('takes effect on Tuesday 25 April 2017');
    expect(() => decisionNoticeModel(run.snapshot, 'cabinet-9', run.now)).toThrow(expect.objectContaining({ code: 'not-found' }));
  });

  it('is e-mailed in words with the call-in end, linking the notice page', () => {
    const run = decided();
    const intent = run.emailsOf('decision-notice').at(-1)!;
    const email = renderEmail(intent.message, { runUrl: 'https://ratify.example.gov.uk/runs/run-1' });
    expect(email.subject).toBe('Decision: Cabinet approved – Community Safety Strategy 2017-20');
    expect(email.text).toContain('Resolution: “The strategy meets the partnership plan”');
    expect(email.text).toContain('Alternatives considered and rejected: Doing nothing');
    expect(email.text).toContain('can be called in to overview and scrutiny until the end of Monday 24 April 2017');
    expect(email.text).toContain('Call-in period ends: Monday 24 April 2017');
    expect(email.text).toContain('Open the decision notice: https://ratify.example.gov.uk/runs/run-1/decisions/cabinet-1');
    expect(email.text).not.toContain('The plan is adopted.');
  });
});

describe('a run in its call-in period', () => {
  it('shows the period on the run page, offers the clerk the call-in form, and tags the dashboard row', () => {
    const run = decided();
    const model = runPageModel(run.snapshot, run.now, clerk);
    expect(model.callIn).toEqual({ status: 'open', text: expect.stringContaining('in its call-in period until the end of Monday 24 April 2017') });
    expect(model.clerk!.callIn).toEqual({ body: 'Cabinet', endsOn: 'Monday 24 April 2017', scrutinyBody: 'Overview and Scrutiny Committee' });
    expect(model.stages[0].decisions[0]).toMatchObject({ href: '/runs/run-1/decisions/cabinet-1', callIn: 'Call-in period to Monday 24 April 2017' });
    expect(model.clerk!.decisionNote).toMatch(/takes effect once its call-in period ends \(Monday 24 April 2017\)/);
    const row = dashboardModel([run.snapshot], run.now, 'all').inFlight[0];
    expect(row.callIn).toEqual({ tag: { text: 'Call-in period', classes: 'govuk-tag--purple' }, text: 'Can be called in until Monday 24 April 2017' });
  });

  it('reads the call-in form into the API body', () => {
    const form = new URLSearchParams({ 'callIn-by': 'Cllr Ann Member', 'callIn-reason': 'Not consulted', 'callIn-meetingDate-day': '3', 'callIn-meetingDate-month': '5', 'callIn-meetingDate-year': '2017' });
    expect(callInBody(readRunForm(form))).toEqual({ by: 'Cllr Ann Member', reason: 'Not consulted', meetingDate: '2017-05-03' });
  });

  it('words the rules of key decisions and call-in for the forms', () => {
    expect(dateRuleText({ message: '', rule: 'key-decision-notice', values: { noticePublishedOn: '2017-03-01', earliest: '2017-03-30' } }, 'The meeting date')).toBe(
      'The meeting date is too soon for a key decision: its notice went on the forward plan on Wednesday 1 March 2017 and needs 28 clear days. Choose a meeting on Thursday 30 March 2017 or later, or record the general exception or special urgency',
    );
    expect(dateRuleText({ message: '', rule: 'general-exception-notice', values: { scrutinyChairInformedOn: '2017-03-01', earliest: '2017-03-07' } }, 'The meeting date')).toMatch(/5 clear days after the scrutiny chair was informed on Wednesday 1 March 2017/);
    expect(dateRuleText({ message: '', rule: 'call-in-ended', values: { endsOn: '2017-04-24' } }, 'X')).toBe('The call-in period ended on Monday 24 April 2017: the decision can no longer be called in');
  });
});

describe('the forward plan page', () => {
  it('gives each entry in words, with its urgency', () => {
    const run = cabinetRun({ kind: 'special-urgency', agreedBy: { name: 'Cllr Sam Chair', role: 'Chair of Overview and Scrutiny' }, reason: 'The river is rising' });
    const [row] = forwardPlanRows(forwardPlan([run.snapshot], run.now));
    expect(row).toMatchObject({
      title: 'Community Safety Strategy 2017-20',
      decisionMaker: 'Cabinet',
      decisionDate: 'Thursday 13 April 2017',
      noticePublishedOn: 'Monday 9 January 2017',
      status: { text: 'Scheduled' },
      urgency: 'Special urgency: agreed by Cllr Sam Chair (Chair of Overview and Scrutiny) on Monday 9 January 2017; it cannot be called in',
      reason: 'The river is rising',
      contact: 'Terry Hughes (terry.hughes@example.gov.uk)',
    });
  });
});
