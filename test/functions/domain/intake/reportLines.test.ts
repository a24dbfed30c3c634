import { cellsOf, cleanMarkup, isRule, reportLines, unshout } from '../../../../functions/domain/intake/reportLines';

describe('report lines', () => {
  it('numbers lines from 1 and keeps each one as given beside its cleaned text', () => {
    const lines = reportLines('Title\r\n<i>Meeting</i>\t<i>Date</i>\n\nCabinet | 9 Feb 2017');
    expect(lines.map((l) => [l.n, l.raw, l.cells])).toEqual([
      [1, 'Title', ['Title']],
      [2, '<i>Meeting</i>\t<i>Date</i>', ['Meeting', 'Date']],
      [3, '', ['']],
      [4, 'Cabinet | 9 Feb 2017', ['Cabinet', '9 Feb 2017']],
    ]);
  });

  it('splits cells on tabs (keeping a leading empty cell), pipes, and runs of two spaces but not after a full stop', () => {
    expect(cellsOf('\tClive Bowen, External Funding Officer\t')).toEqual(['', 'Clive Bowen, External Funding Officer']);
    expect(cellsOf('| Legal | Keith Trowell |')).toEqual(['Legal', 'Keith Trowell']);
    expect(cellsOf('Executive   9 July')).toEqual(['Executive', '9 July']);
    expect(cellsOf('It ends here.  Then a new sentence.')).toEqual(['It ends here.  Then a new sentence.'.replace(/ +/g, ' ')]);
  });

  it('strips pasted markup and entities, and tells table rules', () => {
    expect(cleanMarkup('<p>Health &amp; Safety</p><ul><li>&#8211; one</li></ul>')).toBe('Health & Safety – one ');
    expect(isRule(reportLines('-------------------\t---\t--')[0])).toBe(true);
    expect(isRule(reportLines('|---|:---:|')[0])).toBe(true);
    expect(isRule(reportLines('- 1.1 A point')[0])).toBe(false);
  });

  it('puts text typed in capitals into title case, small words lower case, keeping acronyms', () => {
    expect(unshout('STRATEGIC ASSESSMENT AND DRAFT COMMUNITY SAFETY PLAN 2016 to 2020')).toBe('Strategic Assessment and Draft Community Safety Plan 2016 to 2020');
    expect(unshout('COMMUNITIES CAB')).toBe('Communities CAB');
    expect(unshout('THANET COMMUNITY SAFETY PLAN 2017-20 Partnership Delivery Plan for 2017')).toBe('Thanet Community Safety Plan 2017-20 Partnership Delivery Plan for 2017');
    expect(unshout('CCTV SERVICE CONTRACT RENEWAL')).toBe('CCTV Service Contract Renewal');
    expect(unshout('A PLAN FOR THE UK AND THE PCC', new Set())).toBe('A Plan for the UK and the PCC');
    expect(unshout('SAFER TOGETHER BRIGHTON', new Set())).toBe('Safer Together Brighton');
  });
});
