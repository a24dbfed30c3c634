/** Who a report means by initials, and the addresses the people directory gives for the officers it names. */
import { directoryEntryFor, initialsOf, nameForInitials } from '../../../../functions/domain/intake/directory';
import { proposeRun } from '../../../../functions/domain/intake/proposeRun';

const directory = [
  { name: 'Jane  SMITH', email: 'Jane.Smith@council.example.gov.uk', area: 'Community Safety' },
  { name: 'K. Trowell', email: 'k.trowell@council.example.gov.uk', area: 'Legal' },
  { name: 'Sam Patel', email: 'sam.patel@council.example.gov.uk' },
  { name: 'Sam Patel', email: 'sam.patel2@council.example.gov.uk' },
];

const report = [
  'Cabinet – 9 February 2027',
  'Anti-Social Behaviour Policy 2027',
  'Report Author:\tJane Smith, Community Safety Manager',
  'Key Decision:\tNo',
  '',
  'Implications\tComments\tSigned off by',
  'Legal\tNone.\tKeith Trowell, Senior Lawyer, 20/01/2027',
  'Finance\tNone.\tSam Patel, Accountant, 21/01/2027',
  'Equalities\tNone.\tJS 22/01/2027',
  'Risk\tNone.\tAB 22/01/2027',
].join('\n');

describe('the people directory', () => {
  it('matches a name whatever its case and spacing, or by initial and surname, and only when one entry fits', () => {
    expect(directoryEntryFor('jane smith', directory)?.email).toBe('Jane.Smith@council.example.gov.uk');
    expect(directoryEntryFor('Keith Trowell', directory)?.email).toBe('k.trowell@council.example.gov.uk');
    expect(directoryEntryFor('Sam Patel', directory)).toBeUndefined();
    expect(directoryEntryFor('Keith Smith', directory)).toBeUndefined();
  });

  it('fills the e-mail addresses of the author and the officers the report names, saying where they came from', () => {
    const { run, warnings } = proposeRun(report, { today: '2027-01-04', directory });
    expect(run.plan.author).toEqual({ name: 'Jane Smith', email: 'jane.smith@council.example.gov.uk' });
    expect(run.signoffs.map((s) => [s.area, s.officer.name, s.officer.email])).toEqual([
      ['Legal', 'Keith Trowell', 'k.trowell@council.example.gov.uk'],
      ['Finance', 'Sam Patel', ''],
      ['Equalities', 'Jane Smith', 'jane.smith@council.example.gov.uk'],
      ['Risk', '', ''],
    ]);
    expect(warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^plan\.author\.email: .*taken from the people directory/),
        expect.stringMatching(/^signoffs\.0\.officer\.email: .*k\.trowell@council\.example\.gov\.uk taken from the people directory \(K\. Trowell\)/),
        expect.stringMatching(/^signoffs\.1\.officer\.email: the report gives no e-mail address for Sam Patel/),
      ]),
    );
  });

  it('proposes no address without a directory', () => {
    const { run } = proposeRun(report, { today: '2027-01-04' });
    expect(run.plan.author.email).toBe('');
    expect(run.signoffs.every((s) => s.officer.email === '')).toBe(true);
  });
});

describe('initials closing a sign-off cell', () => {
  it('are the one person the report names with them, with a warning; initials nobody has name nobody', () => {
    const { run, warnings } = proposeRun(report, { today: '2027-01-04' });
    expect(run.signoffs[2].officer.name).toBe('Jane Smith');
    expect(warnings).toContainEqual(expect.stringMatching(/^signoffs\.2\.officer: Equalities is signed with the initials JS, read as Jane Smith/));
    expect(run.signoffs[3].officer.name).toBe('');
    expect(warnings).toContainEqual(expect.stringMatching(/^signoffs\.3\.officer: Risk is signed with the initials AB only/));
  });

  it('are read as first and last (and middle) initials, and never guessed between two people', () => {
    expect(initialsOf('Cllr Mary Anne Jones')).toEqual(['MJ', 'MAJ']);
    expect(nameForInitials('M.J.', ['Mary Jones', 'Mark Jenkins'])).toBeUndefined();
    expect(nameForInitials('MJ', ['Mary Jones', 'Ann Smith'])).toBe('Mary Jones');
  });
});

describe('the same area twice', () => {
  it('is one sign-off, with a warning naming both rows', () => {
    const text = [
      'Cabinet – 9 February 2027',
      'Housing Enforcement Policy',
      '',
      'Implications\tComments\tSigned off by',
      'Financial\tNone.\t',
      'Legal\tNone.\tKeith Trowell, Senior Lawyer',
      'Finance and budget\tNone.\tPriya Natt, Accountant',
    ].join('\n');
    const { run, warnings } = proposeRun(text, { today: '2027-01-04' });
    expect(run.signoffs.map((s) => [s.area, s.officer.name])).toEqual([
      ['Financial', 'Priya Natt'],
      ['Legal', 'Keith Trowell'],
    ]);
    expect(warnings).toContainEqual('signoffs.0.area: "Financial" (line 5) and "Finance and budget" (line 7) are the same area; merged into one sign-off');
  });
});

describe('meetings named only in a sentence', () => {
  it('adds the deciding body a recommendation looks forward to, with its date, and says so', () => {
    const text = ['Report To:\tCabinet', 'Date of Meeting:\t7 February 2027', 'Report Title:\tParking Strategy', '', '2. Recommendations', '2.1 That Cabinet recommends the strategy to Full Council for adoption on 24 February 2027.'].join('\n');
    const { run, warnings } = proposeRun(text, { today: '2027-01-04' });
    expect(run.stages.map((s) => [s.body, s.meetingDate])).toEqual([
      ['Cabinet', '2027-02-07'],
      ['Full Council', '2027-02-24'],
    ]);
    expect(warnings).toContainEqual(expect.stringMatching(/^stages\.1: Full Council is named only in a sentence of the report \(line 6\)/));
  });

  it('never adds a meeting told in the past', () => {
    const text = ['Report To:\tCabinet', 'Date of Meeting:\t7 February 2027', '', 'The previous plan was recommended to Full Council on 21 July 2026.'].join('\n');
    expect(proposeRun(text, { today: '2027-01-04' }).run.stages.map((s) => s.body)).toEqual(['Cabinet']);
  });
});
