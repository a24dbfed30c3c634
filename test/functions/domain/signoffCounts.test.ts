import { countSignoffs } from '../../../functions/domain/signoffCounts';

describe('countSignoffs', () => {
  it('counts every open sign-off and those whose dueBy has passed as overdue', () => {
    const keys = ['2017-03-07#run-1#legal', '2017-03-08#run-1#finance', '2017-03-09#run-2#risk'];
    expect(countSignoffs(keys, '2017-03-08')).toEqual({ open: 3, overdue: 1 });
  });

  it('does not count a sign-off due today as overdue', () => {
    expect(countSignoffs(['2017-03-08#run-1#legal'], '2017-03-08')).toEqual({ open: 1, overdue: 0 });
  });

  it('answers zero for no open sign-offs', () => {
    expect(countSignoffs([], '2017-03-08')).toEqual({ open: 0, overdue: 0 });
  });
});
