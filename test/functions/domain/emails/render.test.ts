import type { EmailMessage } from '../../../../functions/domain/emailIntents';
import { renderEmail } from '../../../../functions/domain/emails/render';
import { SimulatedRun, terry } from '../runSimulator';

const stage = { id: 'cab', body: 'Communities Cabinet Advisory Board', meetingDate: '2017-03-22' };
const link = { runId: 'run-1', signoffId: 'legal', round: 1, expiresAt: 1_500_000_000 };
const keith = { name: 'Keith Trowell', email: 'k.trowell@example.gov.uk' };
const planTitle = 'Community Safety Partnership Plan 2017/18';

describe('renderEmail', () => {
  it('names the plan, the stage, the meeting and the date asked for, in text and HTML', () => {
    const email = renderEmail(
      { kind: 'signoff-request', planTitle, stage, area: 'Legal', officer: keith, dueBy: '2017-03-07', round: 1, link },
      { signoffUrl: 'https://ratify.example/signoff/v1.abc.def' },
    );
    for (const part of [email.text, email.html]) {
      expect(part).toContain(planTitle);
      expect(part).toContain('Communities Cabinet Advisory Board');
      expect(part).toContain('Wednesday 22 March 2017');
      expect(part).toContain('Tuesday 7 March 2017');
      expect(part).toContain('https://ratify.example/signoff/v1.abc.def');
    }
    expect(email.subject).toBe(`Sign-off requested: Legal – ${planTitle} (Communities Cabinet Advisory Board, Wednesday 22 March 2017)`);
  });

  it('escapes what users typed in the HTML part, and leaves the text part readable', () => {
    const email = renderEmail({
      kind: 'signoff-changes-requested',
      planTitle: 'Plan <script>alert(1)</script>',
      stage,
      area: 'Finance',
      officer: keith,
      comment: 'Costs & "savings"',
      answeredOn: '2017-03-01',
      round: 1,
    });
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('Plan &lt;script&gt;');
    expect(email.html).toContain('Costs &amp; &quot;savings&quot;');
    expect(email.text).toContain('Costs & "savings"');
  });

  it('says which reminder it is, so the two reminders never share a subject and body', () => {
    const base = { planTitle, stage, area: 'Equalities', officer: keith, dueBy: '2017-03-07', round: 1, link } as const;
    const first = renderEmail({ kind: 'signoff-reminder', ...base, reminder: 1 });
    const second = renderEmail({ kind: 'signoff-reminder', ...base, reminder: 2 });
    expect(first.subject).toMatch(/^Reminder 1 of 2/);
    expect(second.subject).toMatch(/^Reminder 2 of 2: sign-off due today/);
    expect(first.text).not.toBe(second.text);
  });

  it('says legal and finance sign-offs are never given by silence when escalating them', () => {
    const message: EmailMessage = { kind: 'signoff-escalation', planTitle, stage, area: 'Legal', officer: keith, dueBy: '2017-03-07', round: 1, neverBySilence: true };
    expect(renderEmail(message).text).toContain('never taken as given by silence');
    expect(renderEmail({ ...message, area: 'Risk', neverBySilence: false }).text).not.toContain('silence');
  });

  it('gives every e-mail of a whole run a distinct recipients, subject and body', () => {
    const run = new SimulatedRun();
    run.advanceTo('2017-02-09T10:00:00Z');
    run.decide('csp', { outcome: 'deferred', deferTo: '2017-02-16' });
    run.advanceTo('2017-02-17T10:00:00Z');
    run.decide('csp', { outcome: 'approved' });
    run.advanceTo('2017-03-09T10:00:00Z');
    const keys = run.sent.map((e) => {
      const rendered = renderEmail(e.message, { runUrl: 'https://ratify.example/runs/run-1' });
      return JSON.stringify([e.to, e.cc, rendered.subject, rendered.text]);
    });
    expect(run.sent.length).toBeGreaterThan(20);
    expect(new Set(keys).size).toBe(keys.length);
    expect(run.sent.some((e) => e.to.includes(terry.email))).toBe(true);
  });

  it('tells apart the escalations and change requests of successive requests of the same sign-off', () => {
    const run = new SimulatedRun();
    const legal = run.snapshot.signoffs[0];
    expect(legal).toMatchObject({ area: 'Legal including Human Rights Act', dueBy: '2017-03-07' });
    // Overdue from 8 March; each revision asks again with the same due date, escalated again the next day.
    run.advanceTo('2017-03-08T10:00:00Z');
    run.revise('Crime figures updated', [legal.id]);
    run.advanceTo('2017-03-09T10:00:00Z');
    run.revise('Crime figures corrected', [legal.id]);
    run.advanceTo('2017-03-10T10:00:00Z');
    // Asked again twice the same day, answered with the same words both times.
    run.sign(legal.id, 'changes-requested', 'See my note.');
    run.revise('Note addressed', [legal.id]);
    run.sign(legal.id, 'changes-requested', 'See my note.');
    run.advanceTo('2017-03-10T11:00:00Z');
    const sent = run.sent.filter(
      (e) => (e.message.kind === 'signoff-escalation' || e.message.kind === 'signoff-changes-requested') && e.message.area === legal.area,
    );
    expect(sent.map((e) => e.message.kind)).toEqual([
      'signoff-escalation',
      'signoff-escalation',
      'signoff-escalation',
      'signoff-changes-requested',
      'signoff-changes-requested',
    ]);
    const keys = sent.map((e) => {
      const rendered = renderEmail(e.message, { runUrl: 'https://ratify.example/runs/run-1' });
      return JSON.stringify([e.to, e.cc, rendered.subject, rendered.text, rendered.html]);
    });
    expect(new Set(keys).size).toBe(keys.length);
  });
});
