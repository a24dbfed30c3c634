import { emailFor, parsePerson } from '../../../../functions/domain/intake/people';

describe('people named in reports', () => {
  it.each([
    ['Keith Trowell, Senior Lawyer (Corporate Governance) 03 March 2017', { name: 'Keith Trowell', role: 'Senior Lawyer (Corporate Governance)' }],
    ['Terry Hughes – Community Safety Manager', { name: 'Terry Hughes', role: 'Community Safety Manager' }],
    ['Jessica Bailey Community Safety Team Leader, 57737', { name: 'Jessica Bailey', role: 'Community Safety Team Leader' }],
    ['Head of Legal: Jane Smith', { name: 'Jane Smith', role: 'Head of Legal' }],
    ['Councillor Lynne Weatherly – Portfolio Holder for Communities', { name: 'Lynne Weatherly', role: 'Portfolio Holder for Communities' }],
    ['KEITH TROWELL (Senior Lawyer)', { name: 'Keith Trowell', role: 'Senior Lawyer' }],
    ["Dr. Amy O'Neill, Head of Safer Neighbourhoods", { name: "Amy O'Neill", role: 'Head of Safer Neighbourhoods' }],
    ['Jane van der Berg, Solicitor', { name: 'Jane van der Berg', role: 'Solicitor' }],
    ['Signed off by: Jane Smith, 9/2/2017 Jane.Smith@Council.gov.uk', { name: 'Jane Smith', email: 'jane.smith@council.gov.uk' }],
  ])('reads "%s"', (text, expected) => {
    expect(parsePerson(text)).toEqual(expected);
  });

  it.each(['Community Safety Team Leader', 'Full Council', 'Legal Services', 'No direct implications.', 'There are no financial implications arising.', 'Senior Lawyer'])(
    'finds nobody in "%s"',
    (text) => {
      expect(parsePerson(text)).toBeUndefined();
    },
  );

  it('finds an address made of the name, or the only one on a line naming the person', () => {
    const lines = [{ text: 'Contact: k.trowell@example.gov.uk' }, { text: 'Sarah Lavallie: equalities@kent.example.gov.uk' }, { text: 'press@example.gov.uk' }];
    expect(emailFor('Keith Trowell', lines)).toEqual({ email: 'k.trowell@example.gov.uk', line: 0 });
    expect(emailFor('Sarah Lavallie', lines)).toEqual({ email: 'equalities@kent.example.gov.uk', line: 1 });
    expect(emailFor('Terry Hughes', lines)).toBeUndefined();
  });
});
