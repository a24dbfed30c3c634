import type { Body, Meeting } from '../../../../functions/domain/meetings';
import { newRunInputSchema } from '../../../../functions/domain/newRun';
import { meetingItemsOf, planErrors, planStagesOf, withChosenMeetings, withProposal, type StartFormCalendar } from '../../../../functions/pages/model/startRunCalendar';
import { blankStartRunValues, readStartRunForm, toRunInput, withoutRow, type StartRunValues } from '../../../../functions/pages/model/startRunForm';

const TODAY = '2017-01-09';
const cabinet: Body = { id: 'cabinet', name: 'Cabinet', kind: 'executive', clearDays: { count: 5, excludeNonWorkingDays: true }, callInWorkingDays: 5 } as Body;
const meeting = (meetingId: string, date: string, status: Meeting['status'] = 'scheduled'): Meeting => ({ meetingId, body: 'cabinet', date, status });
const calendar: StartFormCalendar = {
  bodies: [cabinet],
  offers: new Map([['cabinet', [meeting('cab-mar', '2017-03-09'), meeting('cab-apr', '2017-04-13')]]]),
  chosen: new Map([['cab-mar', meeting('cab-mar', '2017-03-09')], ['cab-jun', meeting('cab-jun', '2017-06-08')]]),
};

function form(stages: Array<Partial<StartRunValues['stages'][number]>>): StartRunValues {
  const blank = blankStartRunValues('f-1');
  return {
    ...blank,
    title: 'Plan',
    authorName: 'Terry Hughes',
    authorEmail: 'terry.hughes@example.gov.uk',
    stages: stages.map((s) => ({ ...blank.stages[0], ...s })),
    signoffs: [{ area: 'Legal', name: 'Keith', email: 'k@example.gov.uk', role: '', person: '', requiredBefore: '1' }],
  };
}

describe('the start form on the calendar', () => {
  it('reads a chosen meeting and a row\'s own "Remove" button from the post', () => {
    const read = readStartRunForm(new URLSearchParams({ 'stages-0-body': 'Cabinet', 'stages-0-meetingId': 'cab-mar', action: 'remove-stage-3' }));
    expect(read.values.stages[0].meetingId).toBe('cab-mar');
    expect([read.action, read.row]).toEqual(['remove-stage', 3]);
    expect(readStartRunForm(new URLSearchParams({ action: 'remove-stage' })).action).toBe('start');
  });

  it('sends a row at a meeting as its meetingId only, which the API accepts', () => {
    const values = withChosenMeetings(form([{ body: 'cabinet', meetingId: 'cab-mar' }]), calendar);
    expect(values.stages[0]).toMatchObject({ body: 'Cabinet', kind: 'executive', day: '9', month: '3', year: '2017' });
    const body = toRunInput(values, TODAY).body as { stages: unknown[] };
    expect(body.stages).toEqual([{ id: 'cabinet', meetingId: 'cab-mar' }]);
    expect(newRunInputSchema.safeParse(body).success).toBe(true);
  });

  it("offers a calendar body's meetings, the chosen one even when not among them, and none for a body not on the calendar", () => {
    const items = meetingItemsOf({ ...form([{}]).stages[0], body: 'CABINET', meetingId: 'cab-jun' }, calendar)!;
    expect(items.map((i) => i.value)).toEqual(['', 'cab-mar', 'cab-apr', 'cab-jun']);
    expect(items.find((i) => i.selected)?.value).toBe('cab-jun');
    expect(items[1].text).toBe('Thursday 9 March 2017');
    expect(meetingItemsOf({ ...form([{}]).stages[0], body: 'Full Council' }, calendar)).toBeUndefined();
  });

  it('plans the filled-in rows only, and names each row whose body is not on the calendar', () => {
    expect(planStagesOf(form([{ body: 'Cabinet' }, {}, { body: 'cabinet' }]), [cabinet])).toEqual({
      stages: [{ id: 'cabinet', body: 'cabinet' }, { id: 'cabinet-2', body: 'cabinet' }],
      rows: [0, 2],
    });
    expect(planStagesOf(form([{ body: 'Cabinet' }, { body: 'Full Council' }]), [cabinet])).toEqual({
      errors: [{ id: 'stages-1-body', href: '#stages-1-body', text: 'Full Council (stage 2) is not on the calendar: type its meeting date, or add its meetings to the calendar' }],
    });
  });

  it('puts the proposal in the rows it was made for, and a refusal on the row it is about', () => {
    const plan = { stages: [{ id: 'c', body: 'cabinet', meetingId: 'cab-apr', meetingDate: '2017-04-13', publishBy: '2017-04-05', signoffsDueBy: '2017-03-29', why: 'the earliest' }], keyDecisionNoticeBy: null };
    const values = withProposal(form([{}, { body: 'cabinet' }]), [1], plan, calendar);
    expect(values.stages[1]).toMatchObject({ body: 'Cabinet', kind: 'executive', meetingId: 'cab-apr', day: '13', month: '4', year: '2017', why: 'the earliest' });
    expect(values.stages[0].meetingId).toBe('');
    expect(planErrors({ 'stages.0.body': { message: 'no meeting fits', rule: 'no-fitting-meeting' } }, [1])).toEqual([
      { id: 'stages-1-body', href: '#stages-1-body', text: 'No meeting fits stage 2: no meeting fits' },
    ]);
  });

  it('removes a stage: sign-offs needed before a later stage follow it, one needed before it falls to the first stage', () => {
    const values = form([{ body: 'A' }, { body: 'B' }, { body: 'C' }]);
    values.signoffs = [1, 2, 0].map((before) => ({ ...values.signoffs[0], requiredBefore: String(before) }));
    const removed = withoutRow(values, 'stages', 1);
    expect(removed.stages.map((s) => s.body)).toEqual(['A', 'C']);
    expect(removed.signoffs.map((s) => s.requiredBefore)).toEqual(['', '1', '0']);
    expect(withoutRow(form([{ body: 'A' }]), 'stages', 0).stages).toHaveLength(1);
  });
});
