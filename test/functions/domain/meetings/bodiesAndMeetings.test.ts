import { DomainError } from '../../../../functions/domain/errors';
import { bodyFromInput, bodyIdSchema, bodyInputSchema, bodySchema } from '../../../../functions/domain/meetings/bodies';
import {
  applyMeetingPatch,
  compareMeetings,
  meetingPatchSchema,
  meetingSchema,
  meetingView,
  newMeeting,
  newMeetingInputSchema,
  type Meeting,
} from '../../../../functions/domain/meetings/meetings';

const cabinet = bodySchema.parse({ id: 'cabinet', name: 'Cabinet', kind: 'executive' });
const meeting: Meeting = { meetingId: 'm1', body: 'cabinet', date: '2017-04-13', time: '18:30', status: 'scheduled' };

describe('a body', () => {
  it('takes the run default clear days when none are given', () => {
    expect(cabinet.clearDays).toEqual({ count: 5, excludeNonWorkingDays: true });
  });

  it('of the executive has 5 working days of call-in by default, any other body none', () => {
    expect(cabinet.callInWorkingDays).toBe(5);
    expect(bodySchema.parse({ id: 'council', name: 'Full Council', kind: 'council' }).callInWorkingDays).toBe(0);
  });

  it('keeps a call-in of 0 (none) when it is given', () => {
    expect(bodyInputSchema.parse({ name: 'Cabinet', kind: 'executive', callInWorkingDays: 0 }).callInWorkingDays).toBe(0);
  });

  it('refuses a call-in longer than 30 working days and an unknown kind', () => {
    const result = bodyInputSchema.safeParse({ name: 'Cabinet', kind: 'cabinet', callInWorkingDays: 31 });
    expect(result.success).toBe(false);
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['callInWorkingDays', 'kind']);
  });

  it('needs a name and a kind, and ignores fields it does not know', () => {
    expect(bodyInputSchema.safeParse({ kind: 'board' }).success).toBe(false);
    const parsed = bodyInputSchema.parse({ name: ' Management\nBoard ', kind: 'board', colour: 'red' });
    expect(parsed).toEqual({
      name: 'Management Board',
      kind: 'board',
      clearDays: { count: 5, excludeNonWorkingDays: true },
      callInWorkingDays: 0,
    });
  });

  it('may name the scrutiny chair to tell of urgent key decisions', () => {
    const input = bodyInputSchema.parse({ name: 'Cabinet', kind: 'executive', scrutinyChair: { name: 'Cllr Ann Lee', email: 'Ann.Lee@example.gov.uk' } });
    expect(bodyFromInput('cabinet', input).scrutinyChair).toEqual({ name: 'Cllr Ann Lee', email: 'ann.lee@example.gov.uk' });
  });

  it.each(['cabinet', 'overview-and-scrutiny', 'a'.repeat(64)])('has an id like %s', (id) => {
    expect(bodyIdSchema.safeParse(id).success).toBe(true);
  });

  it.each(['', 'Cabinet', 'full council', 'a'.repeat(65), 'caf\u00e9'])('cannot have the id %j', (id) => {
    expect(bodyIdSchema.safeParse(id).success).toBe(false);
  });
});

describe('a new meeting', () => {
  it('needs a body and a date; time and location are optional', () => {
    expect(newMeetingInputSchema.safeParse({ date: '2017-04-13' }).success).toBe(false);
    expect(newMeetingInputSchema.safeParse({ body: 'cabinet' }).success).toBe(false);
    expect(newMeetingInputSchema.parse({ body: 'cabinet', date: '2017-04-13', extra: 1 })).toEqual({ body: 'cabinet', date: '2017-04-13' });
  });

  it('refuses an impossible date and a time that is not HH:MM', () => {
    const result = newMeetingInputSchema.safeParse({ body: 'cabinet', date: '2017-02-29', time: '6.30pm' });
    expect(result.error!.issues.map((i) => i.path.join('.')).sort()).toEqual(['date', 'time']);
  });

  it('is scheduled at the body it names', () => {
    const input = newMeetingInputSchema.parse({ body: 'cabinet', date: '2017-04-13', time: '18:30', location: 'Council Chamber' });
    expect(newMeeting(input, cabinet, 'm9')).toEqual({
      meetingId: 'm9', body: 'cabinet', date: '2017-04-13', time: '18:30', location: 'Council Chamber', status: 'scheduled',
    });
  });

  it('at an unknown body is invalid input on body', () => {
    const input = newMeetingInputSchema.parse({ body: 'cabnet', date: '2017-04-13' });
    expect(() => newMeeting(input, undefined, 'm9')).toThrow(DomainError);
    try {
      newMeeting(input, undefined, 'm9');
    } catch (error) {
      expect((error as DomainError).code).toBe('invalid-input');
      expect((error as DomainError).fields).toEqual({ body: 'cabnet is not a body on the calendar' });
    }
  });
});

describe('a meeting as the API shows it', () => {
  it('has its publication deadline from the body\'s clear days, and null for what is not known', () => {
    expect(meetingView({ ...meeting, time: undefined }, cabinet)).toEqual({
      meetingId: 'm1', body: 'cabinet', date: '2017-04-13', time: null, location: null, status: 'scheduled',
      publishBy: '2017-04-05', source: null, publication: null,
    });
  });

  it('follows a body that needs calendar clear days', () => {
    const council = bodySchema.parse({ id: 'council', name: 'Full Council', kind: 'council', clearDays: { count: 7, excludeNonWorkingDays: false } });
    // 7 clear calendar days before Wed 26 April 2017: Tue 18 April.
    expect(meetingView({ ...meeting, body: 'council', date: '2017-04-26' }, council).publishBy).toBe('2017-04-18');
  });

  it('validates as stored, with an agenda link on the web only', () => {
    expect(meetingSchema.safeParse({ ...meeting, publication: { publishedOn: '2017-04-05', agendaUrl: 'https://example.gov.uk/agenda' } }).success).toBe(true);
    expect(meetingSchema.safeParse({ ...meeting, publication: { publishedOn: '2017-04-05', agendaUrl: 'javascript:alert(1)' } }).success).toBe(false);
  });
});

describe('changing a meeting', () => {
  it('moves it to a new date and says from where to where', () => {
    const change = applyMeetingPatch(meeting, meetingPatchSchema.parse({ date: '2017-04-20' }));
    expect(change).toEqual({
      kind: 'moved',
      meeting: { ...meeting, date: '2017-04-20' },
      from: { date: '2017-04-13', time: '18:30' },
      to: { date: '2017-04-20', time: '18:30' },
    });
  });

  it('to the same date and time changes nothing', () => {
    expect(applyMeetingPatch(meeting, meetingPatchSchema.parse({ date: '2017-04-13', time: '18:30' })).kind).toBe('unchanged');
  });

  it('cancels it, and cancelling again changes nothing', () => {
    const cancelled = applyMeetingPatch(meeting, meetingPatchSchema.parse({ status: 'cancelled' }));
    expect(cancelled).toEqual({ kind: 'cancelled', meeting: { ...meeting, status: 'cancelled' } });
    expect(applyMeetingPatch(cancelled.meeting, { status: 'cancelled' }).kind).toBe('unchanged');
  });

  it('cannot move a cancelled meeting (a conflict)', () => {
    expect(() => applyMeetingPatch({ ...meeting, status: 'cancelled' }, { date: '2017-04-20' })).toThrow(
      expect.objectContaining({ code: 'conflict' }),
    );
  });

  it('needs something to change, and not a move and a cancellation at once', () => {
    expect(meetingPatchSchema.safeParse({}).error!.issues[0].path).toEqual(['date']);
    expect(meetingPatchSchema.safeParse({ date: '2017-04-20', status: 'cancelled' }).error!.issues[0].path).toEqual(['status']);
    expect(meetingPatchSchema.safeParse({ status: 'scheduled' }).success).toBe(false);
  });
});

it('sorts meetings by date, then time, untimed first', () => {
  const a: Meeting = { ...meeting, meetingId: 'a', date: '2017-04-13', time: undefined };
  const b: Meeting = { ...meeting, meetingId: 'b', date: '2017-04-13', time: '10:00' };
  const c: Meeting = { ...meeting, meetingId: 'c', date: '2017-03-01', time: '19:00' };
  expect([b, a, c].sort(compareMeetings).map((m) => m.meetingId)).toEqual(['c', 'a', 'b']);
});
