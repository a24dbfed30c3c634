/**
 * The three real committee reports read into proposed runs: what each proposes, what it warns about and that
 * every source quotes the very line of the report it names.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { newRunInputSchema } from '../../../../functions/domain/newRun';
import { proposeRun, type IntakeAnswer } from '../../../../functions/domain/intake/proposeRun';

const seed = (name: string) => readFileSync(join(__dirname, '../../../fixtures/intake/seeds', `${name}.txt`), 'utf8');
const TODAY = '2017-01-09';

function expectSourcesQuoteTheirLines(answer: IntakeAnswer, text: string) {
  const lines = text.split(/\r?\n/);
  expect(Object.keys(answer.sources).length).toBeGreaterThan(0);
  for (const [field, source] of Object.entries(answer.sources)) {
    expect([field, lines[source.line - 1]]).toEqual([field, source.text]);
  }
}

describe('the Tunbridge Wells report', () => {
  const text = seed('tunbridge-wells-csp-plan-2017-18');
  const answer = proposeRun(text, { today: TODAY });
  const { run } = answer;

  it('proposes the plan: title, author from "Lead Officer/Author", public from "Non-exempt", no key decision', () => {
    expect(run.plan).toEqual({
      title: 'Community Safety Partnership Plan 2017/18',
      author: { name: 'Terry Hughes', email: '' },
      keyDecision: false,
      classification: 'public',
    });
    expect(run.clearDays).toEqual({ count: 5, excludeNonWorkingDays: true });
  });

  it('proposes the six meetings of its timetable with their dates and kinds', () => {
    expect(run.stages).toEqual([
      { id: 'community-safety-partnership', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
      { id: 'management-board', body: 'Management Board', kind: 'board', meetingDate: '2017-03-01' },
      { id: 'communities-cab', body: 'Communities CAB', kind: 'advisory', meetingDate: '2017-03-22' },
      { id: 'overview-scrutiny', body: 'Overview & Scrutiny', kind: 'scrutiny', meetingDate: '2017-04-10' },
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2017-04-13' },
      { id: 'full-council', body: 'Full Council', kind: 'council', meetingDate: '2017-04-26' },
    ]);
  });

  it('proposes the nine sign-offs of its implications table, Legal by Keith Trowell, all before the advisory board', () => {
    expect(run.signoffs.map((s) => [s.area, s.officer.name])).toEqual([
      ['Legal including Human Rights Act', 'Keith Trowell'],
      ['Finance and other resources', 'Terry Hughes'],
      ['Staffing establishment', 'Terry Hughes'],
      ['Risk management', 'Terry Hughes'],
      ['Environment and sustainability', 'Terry Hughes'],
      ['Community safety', 'Terry Hughes'],
      ['Health and Safety', 'Terry Hughes'],
      ['Health and wellbeing', 'Terry Hughes'],
      ['Equalities', 'Sarah Lavallie'],
    ]);
    // Signed 24 February to 8 March: after the board's publication deadline (21 Feb), before the CAB's (14 Mar).
    expect(new Set(run.signoffs.map((s) => s.requiredBefore))).toEqual(new Set(['communities-cab']));
    expect(run.signoffs.every((s) => s.officer.email === '')).toBe(true);
  });

  it('warns of each missing e-mail address and of the unstated key decision, and of nothing else', () => {
    expect(answer.warnings.filter((w) => w.includes('officer.email'))).toHaveLength(9);
    expect(answer.warnings.find((w) => w.startsWith('signoffs.0.officer.email'))).toMatch(/Keith Trowell/);
    expect(answer.warnings.some((w) => w.startsWith('plan.author.email') && w.includes('Terry Hughes'))).toBe(true);
    expect(answer.warnings.some((w) => w.startsWith('plan.keyDecision') && /false/.test(w))).toBe(true);
    expect(answer.warnings).toHaveLength(11);
  });

  it('cites the line of every field, quoting it exactly', () => {
    expect(answer.sources['plan.title']).toEqual({ line: 3, text: 'Community Safety Partnership Plan 2017/18' });
    expect(answer.sources['plan.author.name']).toEqual({ line: 9, text: 'Lead Officer/Author\tTerry Hughes – Community Safety Manager' });
    expect(answer.sources['plan.classification'].line).toBe(10);
    expect(answer.sources['stages.0.meetingDate']).toEqual({ line: 23, text: 'Community Safety Partnership\t9 February 2017' });
    expect(answer.sources['stages.5.body'].line).toBe(28);
    expect(answer.sources['signoffs.0.officer.name'].text).toContain('Keith Trowell, Senior Lawyer (Corporate Governance) 03 March 2017');
    expect(answer.sources['plan.keyDecision']).toBeUndefined();
    expectSourcesQuoteTheirLines(answer, text);
  });

  it('is a valid POST /api/runs body once the e-mail addresses are filled in', () => {
    const completed = {
      ...run,
      plan: { ...run.plan, author: { ...run.plan.author, email: 'terry.hughes@example.gov.uk' } },
      signoffs: run.signoffs.map((s) => ({ ...s, officer: { ...s.officer, email: `${s.officer.name.toLowerCase().replace(' ', '.')}@example.gov.uk` } })),
    };
    expect(newRunInputSchema.safeParse(completed).success).toBe(true);
    expect(newRunInputSchema.safeParse(run).success).toBe(false);
  });
});

describe('the Thanet report', () => {
  const text = seed('thanet-community-safety-plan-2017-20');
  const answer = proposeRun(text, { today: TODAY });
  const { run } = answer;

  it('proposes the working party it is for, on 20 July 2017, its name spread over two heading lines', () => {
    expect(run.stages).toEqual([
      { id: 'community-safety-partnership-working-party', body: 'Community Safety Partnership Working Party', kind: 'working-party', meetingDate: '2017-07-20' },
    ]);
  });

  it('reads "Key Decision No" and "Classification: Unrestricted", and the author behind "Report Author <job title>"', () => {
    expect(run.plan.keyDecision).toBe(false);
    expect(run.plan.classification).toBe('public');
    expect(run.plan.author).toEqual({ name: 'Jessica Bailey', email: '' });
    expect(answer.sources['plan.keyDecision'].text).toBe('Key Decision No');
    expect(answer.sources['plan.author.name'].text).toMatch(/^Contact Officer:\tJessica Bailey/);
    // The title's words in capitals are title-cased like any heading.
    expect(run.plan.title).toBe('Thanet Community Safety Plan 2017-20 Partnership Delivery Plan for 2017');
  });

  it('proposes its corporate implications, with the officers consulted on finance and legal, and warns of the rest', () => {
    // Finance once: the consultation list's second finance officer is merged into the table's Finance row.
    expect(run.signoffs.map((s) => [s.area, s.officer.name])).toEqual([
      ['Financial and Value for Money', 'Matt Sanham'],
      ['Legal', 'Ciara Feeney'],
      ['Corporate', ''],
      ['Equality Act 2010 & Public Sector Equality Duty', ''],
      ['PR', 'Hannah Thorpe'],
    ]);
    expect(answer.warnings).toContainEqual(
      expect.stringMatching(/^signoffs\.0\.area: "Financial and Value for Money" \(line \d+\) and "Finance" \(line \d+\) are the same area; merged.*Clive Bowen/),
    );
    expect(run.signoffs.every((s) => s.requiredBefore === 'community-safety-partnership-working-party')).toBe(true);
    expect(answer.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^signoffs\.2\.officer: .*Corporate/),
        expect.stringMatching(/^signoffs\.3\.officer: .*Equality Act 2010/),
        expect.stringMatching(/^signoffs: 1 officer\(s\) listed as consulted/),
      ]),
    );
    expect(answer.sources['signoffs.0.officer.name'].text).toMatch(/^Finance\tMatt Sanham/);
    expectSourcesQuoteTheirLines(answer, text);
  });
});

describe('the Medway report', () => {
  const text = seed('medway-strategic-assessment-2016-20');
  const answer = proposeRun(text, { today: TODAY });
  const { run } = answer;

  it('proposes its whole pathway: the board it is for, from the heading, then Full Council, whose decision it says the plan is', () => {
    expect(run.stages).toEqual([
      { id: 'health-wellbeing-board', body: 'Health and Wellbeing Board', kind: 'board', meetingDate: '2017-02-02' },
      { id: 'full-council', body: 'Full Council', kind: 'council', meetingDate: '' },
    ]);
    expect(answer.sources['stages.1.body'].text).toMatch(/is a decision for Full Council/);
    expect(answer.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^stages\.1\.meetingDate: .*no date for Full Council/),
        expect.stringMatching(/^stages\.1: Full Council is named only in a sentence/),
      ]),
    );
    expect(answer.sources['stages.0.body'].text).toBe('HEALTH AND WELLBEING BOARD');
    expect(answer.sources['stages.0.meetingDate'].text).toBe('2 FEBRUARY 2017');
    expect(run.plan.title).toBe('Strategic Assessment and Draft Community Safety Plan 2016 to 2020');
    expect(run.plan.author).toEqual({ name: 'Tim England', email: '' });
  });

  it('defaults what the report leaves out, saying so: key decision, classification, officers of its implications', () => {
    expect(run.plan.keyDecision).toBe(false);
    expect(run.plan.classification).toBe('public');
    // Undated, they are required before the stage that decides: Full Council.
    expect(run.signoffs).toEqual([
      { area: 'Financial', officer: { name: '', email: '' }, requiredBefore: 'full-council' },
      { area: 'Legal', officer: { name: '', email: '' }, requiredBefore: 'full-council' },
    ]);
    expect(answer.warnings).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^plan\.keyDecision: .*false/),
        expect.stringMatching(/^plan\.classification: .*public/),
        expect.stringMatching(/^signoffs\.0\.officer: .*Financial/),
        expect.stringMatching(/^signoffs\.1\.officer: .*Legal/),
      ]),
    );
    expectSourcesQuoteTheirLines(answer, text);
  });

  it('warns that its meeting is past when read after it', () => {
    const later = proposeRun(text, { today: '2026-11-26' });
    expect(later.warnings).toContainEqual(expect.stringMatching(/^stages\.0\.meetingDate: 2017-02-02 .*in the past/));
    expect(answer.warnings.some((w) => w.includes('in the past'))).toBe(false);
  });
});
