import { deputyCopies } from '../../../functions/domain/deputyEmails';
import type { EmailIntent } from '../../../functions/domain/emailIntents';
import { renderEmail } from '../../../functions/domain/emails/render';
import type { DirectoryPerson } from '../../../functions/domain/people';

const stage = { id: 'cab', body: 'Cabinet', meetingDate: '2017-03-22' };
const link = { runId: 'run-1', signoffId: 'legal', round: 1, expiresAt: 1_500_000_000 };
const keith = { name: 'Keith Trowell', email: 'k.trowell@example.gov.uk' };
const planTitle = 'Community Safety Partnership Plan 2017/18';

function person(email: string, name: string, more: Partial<DirectoryPerson> = {}): DirectoryPerson {
  return { email, name, jobTitle: null, area: 'Legal', roles: ['officer'], deputy: null, away: false, awayUntil: null, updatedAt: '', updatedBy: { name: 'x', email: null }, ...more };
}
const dana = person('dana@example.gov.uk', 'Dana Deputy');
const keithAway = person(keith.email, keith.name, { deputy: dana.email, awayUntil: '2017-03-10' });

const request: EmailIntent = {
  reason: 'signoff-request#legal#1',
  to: [keith.email],
  cc: [],
  message: { kind: 'signoff-request', planTitle, stage, area: 'Legal', officer: keith, dueBy: '2017-03-07', round: 1, link },
};

describe("deputies' copies", () => {
  it('go to the acting deputy of a recipient who is away, as an e-mail of their own with its own guard reason', () => {
    const copies = deputyCopies(request, new Map([[keith.email, { away: keithAway, deputy: dana }]]));
    expect(copies).toEqual([
      {
        reason: 'signoff-request#legal#1#deputy#dana@example.gov.uk',
        to: ['dana@example.gov.uk'],
        cc: [],
        message: request.message,
        deputyFor: { name: 'Keith Trowell', email: keith.email, awayUntil: '2017-03-10', deputyName: 'Dana Deputy' },
      },
    ]);
  });

  it('are not made for nobody away, for other kinds of e-mail, for a deputy already a recipient, nor twice for one deputy', () => {
    expect(deputyCopies(request, new Map())).toEqual([]);
    const changes: EmailIntent = { ...request, reason: 'signoff-changes#legal#1', message: { kind: 'signoff-changes-requested', planTitle, stage, area: 'Legal', officer: keith, comment: null, answeredOn: '2017-03-01', round: 1 } };
    const away = new Map([[keith.email, { away: keithAway, deputy: dana }]]);
    expect(deputyCopies(changes, away)).toEqual([]);
    expect(deputyCopies({ ...request, cc: [dana.email] }, away)).toEqual([]);
    const author = person('terry@example.gov.uk', 'Terry', { away: true, deputy: dana.email });
    const escalation: EmailIntent = {
      reason: 'signoff-escalation#legal#1#2017-03-07',
      to: [author.email, keith.email],
      cc: [],
      message: { kind: 'signoff-escalation', planTitle, stage, area: 'Legal', officer: keith, dueBy: '2017-03-07', round: 1, neverBySilence: true },
    };
    const both = new Map([...away, [author.email, { away: author, deputy: dana }]]);
    expect(deputyCopies(escalation, both).map((c) => c.to)).toEqual([['dana@example.gov.uk']]);
    // A copy is never copied again.
    expect(deputyCopies(deputyCopies(request, away)[0], away)).toEqual([]);
  });

  it('say whose they are and why, offer the sign-off page to sign in and answer, and never carry the officer\'s link', () => {
    const [copy] = deputyCopies(request, new Map([[keith.email, { away: keithAway, deputy: dana }]]));
    const email = renderEmail(copy.message, {
      signoffUrl: 'https://ratify.example/signoff/v1.officers.own',
      runUrl: 'https://ratify.example/runs/run-1',
      deputyFor: copy.deputyFor,
      answerUrl: 'https://ratify.example/runs/run-1/signoffs/legal',
    });
    expect(email.subject).toBe(`For Keith Trowell (away): Sign-off requested: Legal – ${planTitle} (Cabinet, Wednesday 22 March 2017)`);
    expect(email.text).toMatch(/^Dear Dana Deputy,/);
    expect(email.text).toContain('Keith Trowell is away until Friday 10 March 2017, and you are their deputy');
    expect(email.text).toContain('You may answer it on their behalf: sign in to Ratify');
    expect(email.text).toContain('Sign in and answer: https://ratify.example/runs/run-1/signoffs/legal');
    expect(email.text).not.toContain('Dear Keith');
    expect(email.text).not.toContain('v1.officers.own');
    expect(email.html).not.toContain('v1.officers.own');
    expect(email.text).toContain('Deputy for: Keith Trowell <k.trowell@example.gov.uk>');
  });

  it('of an escalation say the deputy is copied in, and keep the run page', () => {
    const author = person('terry@example.gov.uk', 'Terry Hughes', { away: true, deputy: dana.email });
    const escalation: EmailIntent = {
      reason: 'signoff-escalation#legal#1#2017-03-07',
      to: [author.email],
      cc: [],
      message: { kind: 'signoff-escalation', planTitle, stage, area: 'Legal', officer: keith, dueBy: '2017-03-07', round: 1, neverBySilence: true },
    };
    const [copy] = deputyCopies(escalation, new Map([[author.email, { away: author, deputy: dana }]]));
    const email = renderEmail(copy.message, { runUrl: 'https://ratify.example/runs/run-1', deputyFor: copy.deputyFor });
    expect(email.subject).toBe(`For Terry Hughes (away): Overdue sign-off: Legal (Keith Trowell) – ${planTitle}`);
    expect(email.text).toContain('Terry Hughes is away, and you are their deputy: this e-mail to them comes to you too.');
    expect(email.text).toContain('never taken as given by silence');
    expect(email.text).toContain('Open the run: https://ratify.example/runs/run-1');
  });
});
