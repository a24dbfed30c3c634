/**
 * What a run does when a meeting it sits at moves or is cancelled, without servers: which stages follow, which lose
 * their meeting, the window for a replacement and the e-mails owed. Also new runs' stages given by meeting.
 */
import { checkedStages, newRunInputSchema, buildRun, type StageMeeting } from '../../../../functions/domain/newRun';
import { checkMeetingChoice } from '../../../../functions/domain/meetingDates';
import { followMeetingChange, meetingMovedEmail, meetingNeededEmail, replacementWindow, stageInLine } from '../../../../functions/domain/meetings';
import type { RunSnapshot } from '../../../../functions/domain/runModel';
import { composeEmail } from '../../../../functions/domain/emails/compose';

const terry = { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' };
const keith = { name: 'Keith Trowell', email: 'k.trowell@example.gov.uk' };
const clerk = { name: 'Cleo Clerk', email: 'cleo.clerk@example.gov.uk' };

const meetings = new Map<string, StageMeeting>([
  ['csp-1', { meetingId: 'csp-1', date: '2017-02-09', status: 'scheduled', body: { id: 'csp', name: 'Community Safety Partnership', kind: 'partnership' } }],
  ['cab-1', { meetingId: 'cab-1', date: '2017-03-09', status: 'scheduled', body: { id: 'cabinet', name: 'Cabinet', kind: 'executive' } }],
  ['cab-x', { meetingId: 'cab-x', date: '2017-03-02', status: 'cancelled', body: { id: 'cabinet', name: 'Cabinet', kind: 'executive' } }],
]);

function run(): RunSnapshot {
  const input = newRunInputSchema.parse({
    plan: { title: 'Plan', author: terry },
    stages: [
      { id: 'csp', meetingId: 'csp-1' },
      { id: 'cabinet', meetingId: 'cab-1' },
    ],
    signoffs: [{ area: 'Legal', officer: keith, requiredBefore: 'cabinet' }],
  });
  const stages = checkedStages(input, undefined, '2017-01-09', meetings);
  const items = buildRun({ ...input, stages }, 'run-1', clerk, new Date('2017-01-09T09:00:00Z'));
  return { ...items, decisions: [], revisions: [], sentEmails: new Set(), events: [] };
}

describe('stages given by meeting', () => {
  it('take body, kind and date from the meeting', () => {
    expect(run().stages.map((s) => [s.body, s.kind, s.meetingDate, s.meetingId, s.meetingStatus, s.bodyId])).toEqual([
      ['Community Safety Partnership', 'partnership', '2017-02-09', 'csp-1', 'scheduled', 'csp'],
      ['Cabinet', 'executive', '2017-03-09', 'cab-1', 'scheduled', 'cabinet'],
    ]);
  });

  it('name unknown, cancelled and out-of-order meetings on stages.N.meetingId', () => {
    const input = newRunInputSchema.parse({
      plan: { title: 'Plan', author: terry },
      stages: [{ id: 'a', meetingId: 'cab-1' }, { id: 'b', meetingId: 'nope' }, { id: 'c', meetingId: 'csp-1' }, { id: 'd', meetingId: 'cab-x' }],
    });
    expect(() => checkedStages(input, undefined, '2017-01-09', meetings)).toThrow(
      expect.objectContaining({ fields: { 'stages.1.meetingId': expect.any(String), 'stages.2.meetingId': expect.stringContaining('before'), 'stages.3.meetingId': expect.stringContaining('cancelled') } }),
    );
    // The date rule broken keeps its name and values (pages word it), the message names the meeting's date.
    expect(() => checkedStages(input, undefined, '2017-01-09', meetings)).toThrow(
      expect.objectContaining({
        problems: expect.objectContaining({
          'stages.2.meetingId': {
            rule: 'before-previous',
            message: 'the meeting on 2017-02-09 is before the meeting of the previous stage (b on 2017-03-09)',
            values: { stageId: 'b', meetingDate: '2017-03-09' },
          },
        }),
      }),
    );
  });

  it('are told apart from typed stages by their meetingId, each naming its own fields', () => {
    const parsed = newRunInputSchema.safeParse({ plan: { title: 'Plan', author: terry }, stages: [{ id: 'a', meetingId: '' }, { id: 'b', body: 'Cabinet' }] });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['stages.0.meetingId', 'stages.1.kind', 'stages.1.meetingDate']);
  });
});

describe('following a meeting', () => {
  it('moves the stage when the new date keeps the run in order, and e-mails the new dates once', () => {
    const before = run();
    const follows = followMeetingChange(before, 'cab-1', { kind: 'moved', to: '2017-03-16' }, '2017-01-09');
    expect(follows).toEqual([expect.objectContaining({ kind: 'move', meetingDate: '2017-03-16', publishBy: '2017-03-08' })]);
    const after: RunSnapshot = {
      ...before,
      stages: before.stages.map((s) => (s.id === 'cabinet' ? { ...s, meetingDate: '2017-03-16', publishBy: '2017-03-08' } : s)),
      signoffs: before.signoffs.map((so) => ({ ...so, dueBy: '2017-03-01' })),
    };
    const email = meetingMovedEmail(before, after, 'cabinet', 'cab-1')!;
    expect(email.to.sort()).toEqual([clerk.email, keith.email, terry.email].sort());
    expect(email.reason).toBe('meeting-moved#cab-1#cabinet#2017-03-09#2017-03-16');
    expect(composeEmail(email.message).subject).toContain('Meeting moved');
  });

  it('leaves a stage out of order, or cancelled, needing a meeting; and nothing for a decided stage', () => {
    const snapshot = run();
    expect(followMeetingChange(snapshot, 'csp-1', { kind: 'moved', to: '2017-03-20' }, '2017-01-09')).toEqual([
      expect.objectContaining({ kind: 'lose', why: 'out-of-order', movedTo: '2017-03-20' }),
    ]);
    const lost = followMeetingChange(snapshot, 'csp-1', { kind: 'cancelled' }, '2017-01-09');
    expect(lost).toEqual([expect.objectContaining({ kind: 'lose', why: 'cancelled' })]);
    expect(replacementWindow(snapshot, snapshot.stages[0], '2017-01-09')).toMatchObject({ after: '2017-01-08', before: '2017-03-09' });
    const email = meetingNeededEmail(snapshot, lost[0] as any, 'csp-1', { meetingId: 'csp-2', date: '2017-02-23', publishBy: '2017-02-15' });
    expect(email.to).toEqual([clerk.email]);
    expect(composeEmail(email.message).paragraphs.join(' ')).toContain('csp-2');

    const moved = { ...snapshot, meta: { ...snapshot.meta, cursor: { ...snapshot.meta.cursor, index: 1 } } };
    expect(followMeetingChange(moved, 'csp-1', { kind: 'cancelled' }, '2017-01-09')).toEqual([]);
    const finished = { ...snapshot, meta: { ...snapshot.meta, status: 'withdrawn' as const } };
    expect(followMeetingChange(finished, 'cab-1', { kind: 'moved', to: '2017-03-16' }, '2017-01-09')).toEqual([]);
  });

  describe('of a key decision (its notice on the forward plan on the day the run started, 9 January)', () => {
    const keyDecision = (urgency?: object): RunSnapshot => {
      const input = newRunInputSchema.parse({
        plan: { title: 'Plan', author: terry, keyDecision: true },
        stages: [{ id: 'cabinet', meetingId: 'cab-1', ...(urgency ? { urgency } : {}) }],
      });
      const stages = checkedStages(input, undefined, '2017-01-09', meetings);
      const items = buildRun({ ...input, stages }, 'run-1', clerk, new Date('2017-01-09T09:00:00Z'));
      return { ...items, decisions: [], revisions: [], sentEmails: new Set(), events: [] };
    };

    it('follows a move that still leaves 28 clear days (10 January to 6 February)', () => {
      expect(followMeetingChange(keyDecision(), 'cab-1', { kind: 'moved', to: '2017-02-07' }, '2017-01-20')).toEqual([
        expect.objectContaining({ kind: 'move', meetingDate: '2017-02-07' }),
      ]);
    });

    it('loses a meeting moved any sooner, and tells the clerk to choose a later one or record urgency', () => {
      const snapshot = keyDecision();
      const lost = followMeetingChange(snapshot, 'cab-1', { kind: 'moved', to: '2017-02-06' }, '2017-01-20');
      expect(lost).toEqual([expect.objectContaining({ kind: 'lose', why: 'key-decision-notice', movedTo: '2017-02-06' })]);
      const email = composeEmail(meetingNeededEmail(snapshot, lost[0] as any, 'cab-1', null).message);
      expect(email.subject).toMatch(/^A new meeting is needed: Cabinet \(moved too soon for the key decision's notice\)/);
      expect(email.paragraphs.join(' ')).toContain('general exception');
      // Marked so, it is not lost again; moved back to a date with the notice, it follows and is scheduled again.
      const marked = { ...snapshot, stages: snapshot.stages.map((s) => ({ ...s, meetingStatus: 'key-decision-notice' as const })) };
      expect(followMeetingChange(marked, 'cab-1', { kind: 'moved', to: '2017-02-06' }, '2017-01-20')).toEqual([]);
      expect(followMeetingChange(marked, 'cab-1', { kind: 'moved', to: '2017-03-09' }, '2017-01-20')).toEqual([expect.objectContaining({ kind: 'move' })]);
    });

    it('follows any move when special urgency was recorded for it', () => {
      const urgent = keyDecision({ kind: 'special-urgency', agreedBy: { name: 'Cllr Chair', role: 'Chair of Overview and Scrutiny' }, agreedOn: '2017-01-09' });
      expect(followMeetingChange(urgent, 'cab-1', { kind: 'moved', to: '2017-02-01' }, '2017-01-20')).toEqual([expect.objectContaining({ kind: 'move' })]);
    });
  });

  it("lets the clerk pick only a scheduled meeting of the stage's body that fits", () => {
    const snapshot = run();
    const pick = (choice: any) => () => checkMeetingChoice(snapshot, 'csp', 'm', choice, '2017-01-09');
    expect(pick(undefined)).toThrow(expect.objectContaining({ fields: { meetingId: expect.stringContaining('not a meeting') } }));
    expect(pick({ meetingId: 'm', date: '2017-02-23', status: 'cancelled', bodyId: 'csp', bodyName: 'Community Safety Partnership' })).toThrow(expect.objectContaining({ code: 'invalid-input' }));
    expect(pick({ meetingId: 'm', date: '2017-02-23', status: 'scheduled', bodyId: 'cabinet', bodyName: 'Cabinet' })).toThrow(expect.objectContaining({ fields: { meetingId: expect.stringContaining('Cabinet') } }));
    expect(pick({ meetingId: 'm', date: '2017-03-20', status: 'scheduled', bodyId: 'csp', bodyName: 'community safety  partnership' })).toThrow(
      expect.objectContaining({
        fields: { meetingId: 'the meeting on 2017-03-20 is after the meeting of the next stage (cabinet on 2017-03-09): move that one first' },
        problems: { meetingId: expect.objectContaining({ rule: 'after-next', values: { stageId: 'cabinet', meetingDate: '2017-03-09' } }) },
      }),
    );
    expect(pick({ meetingId: 'm', date: '2017-02-23', status: 'scheduled', bodyId: 'csp', bodyName: 'Community Safety Partnership' })()).toMatchObject({ id: 'csp' });
  });
});

describe('a stage in line with its meeting (what an import looks at before reading the runs)', () => {
  it('is at the meeting date and held by it when the meeting is scheduled, marked cancelled when it is cancelled', () => {
    const scheduled = { date: '2017-03-09', status: 'scheduled' as const };
    expect(stageInLine(scheduled, { meetingDate: '2017-03-09', meetingStatus: 'scheduled' })).toBe(true);
    expect(stageInLine(scheduled, { meetingDate: '2017-03-09', meetingStatus: null })).toBe(true);
    expect(stageInLine(scheduled, { meetingDate: '2017-03-02', meetingStatus: 'scheduled' })).toBe(false);
    expect(stageInLine(scheduled, { meetingDate: '2017-03-09', meetingStatus: 'cancelled' })).toBe(false);
    expect(stageInLine(scheduled, { meetingDate: '2017-03-02', meetingStatus: 'out-of-order' })).toBe(false);
    const cancelled = { date: '2017-03-09', status: 'cancelled' as const };
    expect(stageInLine(cancelled, { meetingDate: '2017-03-09', meetingStatus: 'cancelled' })).toBe(true);
    expect(stageInLine(cancelled, { meetingDate: '2017-03-09', meetingStatus: 'scheduled' })).toBe(false);
  });
});
