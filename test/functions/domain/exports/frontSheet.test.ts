import { parse } from 'csv-parse/sync';
import mammoth from 'mammoth';
import { frontSheetDate, frontSheetOf, frontSheetTables, signedOrDue, type FrontSheet } from '../../../../functions/domain/exports/frontSheet';
import { frontSheetCsv, guardFormula } from '../../../../functions/domain/exports/frontSheetCsv';
import { frontSheetDocx } from '../../../../functions/domain/exports/frontSheetDocx';
import { SimulatedRun } from '../runSimulator';

const sheet: FrontSheet = {
  title: 'Community Safety Partnership Plan 2017/18',
  timetable: [
    { meeting: 'Community Safety Partnership', date: '2017-02-09' },
    { meeting: 'Full Council', date: '2017-04-26' },
  ],
  signoffs: [
    { area: 'Legal including Human Rights Act', officer: 'Keith Trowell', role: 'Senior Lawyer (Corporate Governance)', signedOn: '2017-03-03', dueBy: '2017-02-01', status: 'signed' },
    { area: 'Finance, and "other" resources', officer: 'Terry Hughes', role: '', signedOn: null, dueBy: '2017-02-24', status: 'requested' },
    { area: '=HYPERLINK("x")', officer: '@Someone', role: '', signedOn: null, dueBy: '2017-02-24', status: 'changes-requested' },
  ],
};

describe("the report front sheet's tables", () => {
  it('print dates as front sheets do, and a sign-off not yet given as when it is due', () => {
    expect(frontSheetDate('2017-03-03')).toBe('3 March 2017');
    expect(signedOrDue(sheet.signoffs[0])).toBe('3 March 2017');
    expect(signedOrDue(sheet.signoffs[1])).toBe('Due by 24 February 2017');
    expect(signedOrDue(sheet.signoffs[2])).toBe('Changes requested; due by 24 February 2017');
  });

  it("come from the run: every meeting of the route, every sign-off but a delegated finalisation's", () => {
    const run = new SimulatedRun();
    const from = frontSheetOf(run.snapshot);
    expect(from.timetable.map((t) => t.meeting)).toEqual(run.snapshot.stages.map((s) => s.body));
    expect(from.signoffs).toHaveLength(run.snapshot.signoffs.filter((so) => !so.delegation).length);
    expect(frontSheetTables(from).signoffs.head).toEqual(['Issue', 'Officer', 'Role', 'Date signed or due']);
  });

  it('are one RFC 4180 table in CSV, commas and quotes kept, formulas never run by a spreadsheet', () => {
    const csv = frontSheetCsv(sheet);
    expect(csv.split('\r\n')[0]).toBe('Table,Meeting or issue,Officer,Role,Date');
    const rows: string[][] = parse(csv);
    expect(rows).toHaveLength(1 + 2 + 3);
    expect(rows[1]).toEqual(['Timetable', 'Community Safety Partnership', '', '', '9 February 2017']);
    expect(rows[4]).toEqual(['Sign-off', 'Finance, and "other" resources', 'Terry Hughes', '', 'Due by 24 February 2017']);
    expect(rows[5].slice(1, 3)).toEqual([`'=HYPERLINK("x")`, "'@Someone"]);
    expect(guardFormula(['-1', '+2', 'plain'])).toEqual(["'-1", "'+2", 'plain']);
  });

  it('are a Word document with the title, both headings and every cell', async () => {
    const docx = await frontSheetDocx(sheet);
    expect(docx.subarray(0, 2).toString()).toBe('PK');
    const { value: text } = await mammoth.extractRawText({ buffer: docx });
    for (const expected of [sheet.title, 'Timetable', 'Sign-off', 'Full Council', '26 April 2017', 'Senior Lawyer (Corporate Governance)', 'Due by 24 February 2017']) {
      expect(text).toContain(expected);
    }
  });
});
