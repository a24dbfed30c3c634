/**
 * Reports laid out as other councils lay them out: labelled cover sheets, pipe and space separated
 * timetables, dates in every common form, implications as sections, officers consulted, exempt and
 * confidential markings, and reports that leave nearly everything out.
 */
import { proposeRun, requiredBeforeFor } from '../../../../functions/domain/intake/proposeRun';

const TODAY = '2017-01-09';
const propose = (lines: string[]) => proposeRun(lines.join('\n'), { today: TODAY });
const stagesOf = (lines: string[]) => propose(lines).run.stages.map((s) => [s.body, s.kind, s.meetingDate]);

describe('a labelled cover sheet', () => {
  const answer = propose([
    'Agenda Item 7',
    '',
    'CABINET',
    '',
    'Date of meeting: Thursday, 14 September 2023',
    'Report of: Director of Communities',
    'Report to: Cabinet',
    'Title: Community Safety Partnership Plan 2023-26',
    'Key Decision: Yes',
    'Classification: Part 1 - Public',
    'Contact Officer: Jane Smith, Community Safety Manager, jane.smith@example.gov.uk, 01234 567890',
    'Decision-maker: Full Council',
    '',
    '1. Purpose',
    '1.1 To recommend the plan to Full Council for adoption.',
  ]);

  it('reads the title, key decision, classification and the contact officer with her e-mail address', () => {
    expect(answer.run.plan).toEqual({
      title: 'Community Safety Partnership Plan 2023-26',
      author: { name: 'Jane Smith', email: 'jane.smith@example.gov.uk' },
      keyDecision: true,
      classification: 'public',
    });
    expect(answer.sources['plan.author.email'].line).toBe(11);
    expect(answer.sources['plan.keyDecision']).toEqual({ line: 9, text: 'Key Decision: Yes' });
  });

  it('proposes the meeting it goes to, then the decision-maker without a date, saying so', () => {
    expect(answer.run.stages).toEqual([
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2023-09-14' },
      { id: 'full-council', body: 'Full Council', kind: 'council', meetingDate: '' },
    ]);
    expect(answer.sources['stages.0.body'].line).toBe(7);
    expect(answer.sources['stages.0.meetingDate'].line).toBe(5);
    expect(answer.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stages\.1\.meetingDate: .*no date for Full Council/),
        expect.stringMatching(/^stages\.1: Full Council is named as the decision-maker/),
        expect.stringMatching(/^signoffs: no implications/),
      ]),
    );
  });
});

describe('timetables', () => {
  it('reads a pipe table with the date first and dates as 09/02/2024, 5th March 2024, 19 Mar 2024 and 17/04/24', () => {
    expect(
      stagesOf([
        'Community Safety Strategy 2024-2027',
        'Decision-making timetable',
        '| Date | Meeting |',
        '|---|---|',
        '| 09/02/2024 | Safer Communities Partnership Board |',
        '| 5th March 2024 | Overview and Scrutiny Committee |',
        '| 19 Mar 2024 | Cabinet |',
        '| 17/04/24 | Council |',
      ]),
    ).toEqual([
      ['Safer Communities Partnership Board', 'partnership', '2024-02-09'],
      ['Overview and Scrutiny Committee', 'scrutiny', '2024-03-05'],
      ['Cabinet', 'executive', '2024-03-19'],
      ['Council', 'council', '2024-04-17'],
    ]);
  });

  it('reads columns of spaces, infers a missing year, and keeps a "TBC" meeting without a date', () => {
    const answer = propose(['Housing Enforcement Policy', 'Timetable 2025', 'Corporate Management Team  3 June', 'Housing Advisory Panel  18 June', 'Executive  9 July', 'Full Council  TBC']);
    expect(answer.run.stages.map((s) => [s.id, s.kind, s.meetingDate])).toEqual([
      ['corporate-management-team', 'board', '2025-06-03'],
      ['housing-advisory-panel', 'advisory', '2025-06-18'],
      ['executive', 'executive', '2025-07-09'],
      ['full-council', 'council', ''],
    ]);
    expect(answer.warnings).toContainEqual(expect.stringMatching(/^stages\.0\.meetingDate: the report gives no year .* 2025 assumed/));
    expect(answer.warnings).toContainEqual(expect.stringMatching(/^stages\.3\.meetingDate: the report gives no date for Full Council/));
  });

  it('moves a year-less date into the next year when it would go back (December, then January)', () => {
    expect(stagesOf(['Plan', 'Timetable', 'Cabinet\t12 December 2024', 'Council\t15 January'])).toEqual([
      ['Cabinet', 'executive', '2024-12-12'],
      ['Council', 'council', '2025-01-15'],
    ]);
  });

  it('reads plain "Body date" lines under "Reporting route", and a header naming the date column first', () => {
    expect(stagesOf(['Reporting route:', 'Licensing Committee 9 Feb 2017', 'Full Council - 22 February 2017'])).toEqual([
      ['Licensing Committee', 'committee', '2017-02-09'],
      ['Full Council', 'council', '2017-02-22'],
    ]);
    expect(stagesOf(['Timetable', 'Date of meeting\tCommittee\tPurpose', '9 February 2017\tCabinet\tFor decision', '22 February 2017\tCouncil\tFor adoption'])).toEqual([
      ['Cabinet', 'executive', '2017-02-09'],
      ['Council', 'council', '2017-02-22'],
    ]);
  });

  it('finds a timetable with no heading when two or more rows name bodies, and ignores dates in sentences', () => {
    expect(
      stagesOf([
        'Anti-Social Behaviour Policy',
        '1.4 The plan was discussed at a meeting of the partnership on 9 February 2016.',
        'Communities Overview and Scrutiny Panel\t2 March 2017',
        'Cabinet\t16 March 2017',
      ]),
    ).toEqual([
      ['Communities Overview and Scrutiny Panel', 'scrutiny', '2017-03-02'],
      ['Cabinet', 'executive', '2017-03-16'],
    ]);
  });

  it('warns of a timetable out of order and of a body it does not know, keeping the report\'s order', () => {
    const answer = propose(['Plan', 'Timetable', 'Cabinet\t16 March 2017', 'Residents\' Jury\t2 March 2017']);
    expect(answer.run.stages.map((s) => [s.body, s.kind])).toEqual([
      ['Cabinet', 'executive'],
      ["Residents' Jury", 'other'],
    ]);
    expect(answer.warnings).toContainEqual(expect.stringMatching(/^stages\.1\.meetingDate: Residents' Jury meets before Cabinet/));
    expect(answer.warnings).toContainEqual(expect.stringMatching(/^stages\.1\.kind: .*"other" used/));
  });

  it('reads a paper\'s past and future pathway as its route, in date order, with the meeting it is "To"', () => {
    const answer = propose([
      'By:\tMike Hill, Cabinet Member for Community and Regulatory Services',
      'To:\tCabinet – 14 January 2019',
      'Subject:\tKent Community Safety Agreement 2017-2020',
      'Classification:\tUnrestricted',
      'Past Pathway of Paper:\tScrutiny Committee – 7 December 2018',
      'Future Pathway of Paper:\tCounty Council – 24 January 2019',
    ]);
    expect(answer.run.stages.map((s) => [s.id, s.kind, s.meetingDate])).toEqual([
      ['scrutiny-committee', 'scrutiny', '2018-12-07'],
      ['cabinet', 'executive', '2019-01-14'],
      ['county-council', 'council', '2019-01-24'],
    ]);
    expect(answer.run.plan.title).toBe('Kent Community Safety Agreement 2017-2020');
    expect(answer.run.plan.author.name).toBe('Mike Hill');
  });

  it('reads a decision-maker with its "Date of decision", and a timetable under "Meeting/Date"', () => {
    expect(stagesOf(['Housing Policy', 'Decision-maker: Cabinet', 'Date of decision: 9 February 2017'])).toEqual([['Cabinet', 'executive', '2017-02-09']]);
    expect(stagesOf(['Housing Policy', 'Decision maker\tPortfolio Holder for Housing', 'Date of meeting\t09/02/2017'])).toEqual([
      ['Portfolio Holder for Housing', 'executive', '2017-02-09'],
    ]);
    expect(stagesOf(['Housing Policy', 'Meeting/Date', 'Cabinet – 9 February 2017', 'Full Council – 22 February 2017'])).toEqual([
      ['Cabinet', 'executive', '2017-02-09'],
      ['Full Council', 'council', '2017-02-22'],
    ]);
  });

  it('reads "Meeting/Date: Cabinet – 9th Feb 2027" as one meeting', () => {
    expect(stagesOf(['Report title: Anti-Social Behaviour Policy', 'Meeting/Date: Cabinet – 9th Feb 2027'])).toEqual([['Cabinet', 'executive', '2027-02-09']]);
  });

  it('reads the heading under a letterhead, and drops what a meeting is asked to do from its name', () => {
    const answer = propose([
      'PART 1 – PUBLIC',
      'Tunbridge Wells Borough Council',
      'CABINET',
      '9 FEBRUARY 2017',
      'Community Safety Partnership Plan 2017/18',
      'Timetable',
      'Meeting\tDate',
      'Cabinet (for recommendation)\tThursday 9 February 2017, 6.30pm',
      'Full Council – for adoption\t22/02/17 (provisional)',
    ]);
    expect(answer.run.stages).toEqual([
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-02-09' },
      { id: 'full-council', body: 'Full Council', kind: 'council', meetingDate: '2017-02-22' },
    ]);
    expect(answer.run.plan.title).toBe('Community Safety Partnership Plan 2017/18');
    expect(answer.sources['plan.classification']).toEqual({ line: 1, text: 'PART 1 – PUBLIC' });
  });

  it('passes over a timetable of actions to the one of meetings', () => {
    expect(
      stagesOf(['Housing Policy', 'Implementation timetable', 'Consultation opens\t1 May 2017', 'Consultation closes\t12 June 2017', '', 'Decision-making timetable', 'Cabinet\t13 July 2017']),
    ).toEqual([['Cabinet', 'executive', '2017-07-13']]);
  });

  it('gives each stage a unique slug', () => {
    const answer = propose(['Plan', 'Timetable', 'Cabinet\t9 February 2017', 'Overview & Scrutiny\t2 March 2017', 'Cabinet\t16 March 2017']);
    expect(answer.run.stages.map((s) => s.id)).toEqual(['cabinet', 'overview-scrutiny', 'cabinet-2']);
  });
});

describe('plan fields', () => {
  it('reads a cover sheet typed in capitals', () => {
    const answer = propose(['REPORT TO: EXECUTIVE', 'DATE: 6 JUNE 2017', 'LEAD OFFICER: JOHN DOE', 'SUBJECT: COMMUNITY SAFETY PLAN', 'KEY DECISION: NO', 'EXEMPT: NO']);
    expect(answer.run.plan).toEqual({ title: 'Community Safety Plan', author: { name: 'John Doe', email: '' }, keyDecision: false, classification: 'public' });
    expect(answer.run.stages).toEqual([{ id: 'executive', body: 'Executive', kind: 'executive', meetingDate: '2017-06-06' }]);
  });

  it('takes the name only from "Author: Jane Smith   Role: ...", and her address from a contact line', () => {
    const answer = propose(['Community Safety Plan', 'Author: Jane Smith   Role: Community Safety Officer', 'Contact: jane.smith@council.gov.uk / 01234 567890']);
    expect(answer.run.plan.author).toEqual({ name: 'Jane Smith', email: 'jane.smith@council.gov.uk' });
    expect(answer.sources['plan.author.email'].line).toBe(3);
  });

  it.each([
    ['EXEMPT - NOT FOR PUBLICATION', 'exempt'],
    ['CONFIDENTIAL', 'confidential'],
    ['Classification: Restricted', 'exempt'],
    ['Exempt information: Yes - paragraph 3 of Part 1 of Schedule 12A', 'exempt'],
    ['Classification\tOpen', 'public'],
    ['Part 2 - Not for publication', 'exempt'],
  ])('reads "%s" as %s', (marking, classification) => {
    const answer = propose(['Housing Enforcement Policy', marking, 'Author: Sam Green']);
    expect(answer.run.plan.classification).toBe(classification);
    expect(answer.warnings.some((w) => w.startsWith('plan.classification'))).toBe(false);
  });

  it.each([
    ['Key Decision: Yes', true],
    ['Key decision\tNo', false],
    ['Is this a key decision? Y', true],
    ['This is not a key decision.', false],
    ['This is a key decision as it affects all wards.', true],
  ])('reads "%s" as key decision %s', (line, keyDecision) => {
    const answer = propose(['Housing Enforcement Policy', line]);
    expect(answer.run.plan.keyDecision).toBe(keyDecision);
    expect(answer.warnings.some((w) => w.startsWith('plan.keyDecision'))).toBe(false);
  });

  it('warns when the key decision line says neither yes nor no, assuming false', () => {
    const answer = propose(['Housing Enforcement Policy', 'Key Decision: to be confirmed']);
    expect(answer.run.plan.keyDecision).toBe(false);
    expect(answer.warnings).toContainEqual(expect.stringMatching(/^plan\.keyDecision: .*"to be confirmed".*false/));
  });
});

describe('sign-offs', () => {
  it('reads officer and date columns of a sign-off table, with an e-mail address in the cell', () => {
    const answer = propose([
      'Plan',
      'Timetable',
      'Overview and Scrutiny Committee\t5 March 2024',
      'Cabinet\t19 March 2024',
      '',
      'Statutory officer sign-off',
      '| Area | Officer | Date |',
      '| Legal | Keith Trowell (keith.trowell@example.gov.uk) | 03/03/2024 |',
      '| Finance | Jane Smith, Section 151 Officer | 24 Feb 2024 |',
    ]);
    expect(answer.run.signoffs).toEqual([
      // Signed after the committee's publication deadline (26 Feb): before the Cabinet's.
      { area: 'Legal', officer: { name: 'Keith Trowell', email: 'keith.trowell@example.gov.uk' }, requiredBefore: 'cabinet' },
      { area: 'Finance', officer: { name: 'Jane Smith', email: '' }, requiredBefore: 'overview-scrutiny-committee' },
    ]);
    expect(answer.warnings.filter((w) => w.startsWith('signoffs.'))).toEqual([expect.stringMatching(/^signoffs\.1\.officer\.email: .*Jane Smith/)]);
  });

  it('reads implications sections with "Comments by" lines; undated ones go before the first executive stage', () => {
    const answer = propose([
      'Housing Enforcement Policy',
      'Timetable',
      'Corporate Management Team\t3 June 2025',
      'Housing Advisory Panel\t18 June 2025',
      'Executive\t9 July 2025',
      '',
      '5. Financial implications',
      '5.1 There are no direct costs.',
      '(Comments by Ann Other, Head of Finance, 2 June 2025)',
      '6. Legal implications',
      'Legal comments provided by: Bob Jones, Principal Solicitor',
      '7. Equalities implications',
      'An equality impact assessment has been completed.',
    ]);
    expect(answer.run.signoffs).toEqual([
      { area: 'Financial', officer: { name: 'Ann Other', email: '' }, requiredBefore: 'housing-advisory-panel' },
      { area: 'Legal', officer: { name: 'Bob Jones', email: '' }, requiredBefore: 'executive' },
      { area: 'Equalities', officer: { name: '', email: '' }, requiredBefore: 'executive' },
    ]);
    expect(answer.sources['signoffs.0.officer.name'].line).toBe(9);
    expect(answer.warnings).toContainEqual(expect.stringMatching(/^signoffs\.1\.requiredBefore: .*no date for the Legal sign-off; required before Executive/));
    expect(answer.warnings).toContainEqual(expect.stringMatching(/^signoffs\.2\.officer: .*no officer for Equalities/));
  });

  it('reads "Name: ... Date: ..." sign-off cells, and leaves a job title without a name unnamed', () => {
    const answer = propose([
      'Plan',
      'Timetable',
      'Cabinet\t9 February 2017',
      'Cross-cutting issues',
      'Issue\tImplications\tSign-off',
      'Legal\tNone\tName: Jane Smith Date: 01/02/2017',
      'Finance\tNone\tHead of Finance',
    ]);
    expect(answer.run.signoffs).toEqual([
      { area: 'Legal', officer: { name: 'Jane Smith', email: '' }, requiredBefore: 'cabinet' },
      { area: 'Finance', officer: { name: '', email: '' }, requiredBefore: 'cabinet' },
    ]);
  });

  it('reads an implications table aligned with spaces', () => {
    const answer = propose([
      'Plan',
      'Timetable',
      'Cabinet      9 March 2017',
      '',
      'Issue        Implications        Sign-off',
      'Legal        None.               Keith Trowell, Senior Lawyer 3 March 2017',
      'Equalities   No impact.          Sarah Lavallie, Equalities Officer 8 March 2017',
    ]);
    expect(answer.run.signoffs).toEqual([
      { area: 'Legal', officer: { name: 'Keith Trowell', email: '' }, requiredBefore: 'cabinet' },
      { area: 'Equalities', officer: { name: 'Sarah Lavallie', email: '' }, requiredBefore: 'cabinet' },
    ]);
  });

  it('takes no risk register for an implications table', () => {
    const answer = propose(['Plan', '5. Risk management', 'Area\tRisk\tMitigation', 'Financial\tFunding may fall\tReview yearly', 'Legal\tChallenge\tTake advice']);
    expect(answer.run.signoffs).toEqual([]);
  });

  it('finds an officer\'s address anywhere in the report', () => {
    const answer = propose(['Plan', 'Implications', 'Legal\tNone.\tKeith Trowell, Senior Lawyer', '', 'Background papers: ask k.trowell@example.gov.uk']);
    expect(answer.run.signoffs[0].officer).toEqual({ name: 'Keith Trowell', email: 'k.trowell@example.gov.uk' });
    expect(answer.sources['signoffs.0.officer.email'].line).toBe(5);
  });
});

describe('a report that says almost nothing', () => {
  it('proposes what it can and names every gap and default, without failing', () => {
    const answer = propose(['We would like the committee to look at the new plan some time next year.']);
    expect(answer.run).toEqual({
      plan: { title: 'We would like the committee to look at the new plan some time next year.', author: { name: '', email: '' }, keyDecision: false, classification: 'public' },
      clearDays: { count: 5, excludeNonWorkingDays: true },
      stages: [],
      signoffs: [],
    });
    expect(answer.warnings.map((w) => w.split(':')[0])).toEqual(['plan.title', 'plan.author', 'plan.keyDecision', 'plan.classification', 'stages', 'signoffs']);
  });

  it('answers an empty report with empty fields and warnings', () => {
    const answer = proposeRun('', { today: TODAY });
    expect(answer.run.plan.title).toBe('');
    expect(answer.warnings[0]).toMatch(/^plan\.title: the report is empty/);
  });
});

describe('input built to be slow', () => {
  it.each([
    ['one line of 80,000 dates', '12 3/4/2017 '.repeat(80_000)],
    ['one line of 100,000 cells', 'Cabinet\t9 Feb 2017\t'.repeat(50_000)],
    ['50,000 timetable rows', `Timetable\n${'Cabinet\t9 Feb 2017\n'.repeat(50_000)}`],
  ])('reads %s (about 1 MB) in seconds, proposing at most 30 stages', (_what, text) => {
    const started = Date.now();
    const answer = proposeRun(text, { today: TODAY });
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(answer.run.stages.length).toBeLessThanOrEqual(30);
  });
});

describe('the stage a sign-off is required before', () => {
  const stages = [
    { id: 'board', body: 'Management Board', kind: 'board' as const, meetingDate: '2017-03-01' },
    { id: 'cab', body: 'Communities CAB', kind: 'advisory' as const, meetingDate: '2017-03-22' },
    { id: 'cabinet', body: 'Cabinet', kind: 'executive' as const, meetingDate: '2017-04-13' },
  ];
  const clearDays = { count: 5, excludeNonWorkingDays: true };

  it('is the first stage whose publication deadline is on or after the signing day', () => {
    expect(requiredBeforeFor('2017-02-21', stages, clearDays)).toEqual({ id: 'board', by: 'publication' }); // board publishes by 21 Feb
    expect(requiredBeforeFor('2017-02-22', stages, clearDays)).toEqual({ id: 'cab', by: 'publication' });
  });

  it('is the next meeting when signed after every publication deadline, and the first executive stage when undated', () => {
    expect(requiredBeforeFor('2017-04-10', stages, clearDays)).toEqual({ id: 'cabinet', by: 'meeting' });
    expect(requiredBeforeFor(undefined, stages, clearDays)).toEqual({ id: 'cabinet', by: 'default' });
    expect(requiredBeforeFor('2017-05-01', stages.slice(0, 2), clearDays)).toEqual({ id: 'board', by: 'default' });
    expect(requiredBeforeFor(undefined, [], clearDays)).toBeUndefined();
  });
});
