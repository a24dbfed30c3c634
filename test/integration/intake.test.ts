/**
 * Report intake on the real embedded stack: the Tunbridge Wells report pasted, a .docx and a PDF uploaded
 * through the gateway as a browser sends them, the refusals, and the proposal, completed with e-mail
 * addresses, accepted by POST /api/runs with the publication deadlines of the report's timetable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TestStack } from '../support/localStack';
import { makeDocx } from '../fixtures/intake/makeDocx';
import { makePdf, pageOfLines } from '../fixtures/intake/makePdf';
import { loadPdfjsOutsideSandbox } from '../fixtures/intake/pdfjsInJest';
import { as, person } from './support/people';
import { startStackAt, stopStack } from './support/stack';

const clerk = as(person('Caroline Britt', 'caroline.britt@example.gov.uk'), 'clerk');
const author = as(person('Terry Hughes', 'terry.hughes@example.gov.uk'), 'author');
const officer = as(person('Keith Trowell', 'k.trowell@example.gov.uk'), 'officer');
const tunbridgeWells = readFileSync(join(__dirname, '../fixtures/intake/seeds/tunbridge-wells-csp-plan-2017-18.txt'), 'utf8');

describe('report intake through the gateway', () => {
  let t: TestStack;

  beforeAll(async () => {
    await loadPdfjsOutsideSandbox();
    t = await startStackAt('2017-01-09');
  });

  afterAll(async () => {
    await stopStack(t);
  });

  const uploadAs = async (caller: typeof clerk, file: Blob, filename: string) => {
    const form = new FormData();
    form.append('file', file, filename);
    const res = await fetch(`${t.url}/api/intake`, { method: 'POST', body: form, headers: { authorization: `Bearer ${await t.token(caller)}` } });
    return { status: res.status, body: (await res.json()) as any };
  };

  it('reads the pasted Tunbridge Wells report and starts nothing', async () => {
    const res = await t.api.post('/api/intake', { text: tunbridgeWells }, { as: clerk });
    expect(res.status).toBe(200);
    expect(res.body.run.stages.map((s: { id: string; meetingDate: string }) => [s.id, s.meetingDate])).toEqual([
      ['community-safety-partnership', '2017-02-09'],
      ['management-board', '2017-03-01'],
      ['communities-cab', '2017-03-22'],
      ['overview-scrutiny', '2017-04-10'],
      ['cabinet', '2017-04-13'],
      ['full-council', '2017-04-26'],
    ]);
    expect(res.body.run.signoffs.find((s: { area: string }) => /^legal/i.test(s.area)).officer).toEqual({ name: 'Keith Trowell', email: '' });
    expect(res.body.warnings.filter((w: string) => w.includes('officer.email'))).toHaveLength(9);
    expect((await t.api.get('/api/runs', { as: clerk })).body.runs).toEqual([]);
    expect(await t.emails()).toEqual([]);
  });

  it('lets the author read a report and refuses an officer', async () => {
    expect((await t.api.post('/api/intake', { text: tunbridgeWells }, { as: author })).status).toBe(200);
    const refused = await t.api.post('/api/intake', { text: tunbridgeWells }, { as: officer });
    expect([refused.status, refused.body.error.code]).toEqual([403, 'forbidden']);
  });

  it('reads a .docx uploaded as a form', async () => {
    const docx = await makeDocx([
      'Community Safety Partnership Plan 2017/18',
      { table: [['Lead Officer/Author', 'Terry Hughes – Community Safety Manager'], ['Classification', 'Non-exempt'], ['Key Decision', 'No']] },
      'Timetable',
      { table: [['Meeting', 'Date'], ['Cabinet', '13 April 2017'], ['Full Council', '26 April 2017']] },
    ]);
    const res = await uploadAs(clerk, new Blob([docx], { type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document' }), 'csp-plan.docx');
    expect(res.status).toBe(200);
    expect(res.body.run.plan).toEqual({ title: 'Community Safety Partnership Plan 2017/18', author: { name: 'Terry Hughes', email: '' }, keyDecision: false, classification: 'public' });
    expect(res.body.run.stages.map((s: { body: string; meetingDate: string }) => [s.body, s.meetingDate])).toEqual([
      ['Cabinet', '2017-04-13'],
      ['Full Council', '2017-04-26'],
    ]);
  });

  it('reads a PDF uploaded as a form', async () => {
    const pdf = makePdf([
      pageOfLines(['Community Safety Partnership Plan 2017/18', 'Timetable', [[72, 'Cabinet'], [300, '13 April 2017']], [[72, 'Full Council'], [300, '26 April 2017']]]),
    ]);
    const res = await uploadAs(clerk, new Blob([pdf], { type: 'application/pdf' }), 'csp-plan.pdf');
    expect(res.status).toBe(200);
    expect(res.body.run.stages.map((s: { kind: string; meetingDate: string }) => [s.kind, s.meetingDate])).toEqual([
      ['executive', '2017-04-13'],
      ['council', '2017-04-26'],
    ]);
  });

  it('refuses a file that is not .docx or .pdf (400 naming file) and a body over 1 MB (413)', async () => {
    const text = await uploadAs(clerk, new Blob(['Cabinet 13 April 2017'], { type: 'text/plain' }), 'report.txt');
    expect([text.status, text.body.error.code, Object.keys(text.body.error.fields)]).toEqual([400, 'invalid-input', ['file']]);
    const big = await uploadAs(clerk, new Blob([Buffer.alloc(1024 * 1024 + 10, 0x41)], { type: 'application/pdf' }), 'big.pdf');
    expect([big.status, big.body.error.code]).toEqual([413, 'payload-too-large']);
  });

  it('proposes a run that POST /api/runs accepts once the e-mail addresses are added, with the expected deadlines', async () => {
    const { run } = (await t.api.post('/api/intake', { text: tunbridgeWells }, { as: clerk })).body;
    const emailOf = (name: string) => `${name.toLowerCase().replace(/\s+/g, '.')}@example.gov.uk`;
    const completed = {
      ...run,
      plan: { ...run.plan, author: { ...run.plan.author, email: emailOf(run.plan.author.name) } },
      signoffs: run.signoffs.map((s: { officer: { name: string } }) => ({ ...s, officer: { ...s.officer, email: emailOf(s.officer.name) } })),
    };
    const res = await t.api.post('/api/runs', completed, { as: clerk });
    expect(res.status).toBe(201);
    expect(res.body.stages.map((s: { id: string; publishBy: string }) => [s.id, s.publishBy])).toEqual([
      ['community-safety-partnership', '2017-02-01'],
      ['management-board', '2017-02-21'],
      ['communities-cab', '2017-03-14'],
      ['overview-scrutiny', '2017-03-31'],
      ['cabinet', '2017-04-05'],
      ['full-council', '2017-04-18'],
    ]);
    expect(res.body.signoffs).toHaveLength(9);
    // Every sign-off is required before the advisory board: due 5 working days before its publication.
    expect(res.body.signoffs.every((s: { dueBy: string }) => s.dueBy === '2017-03-07')).toBe(true);
    expect(res.body.signoffs.find((s: { area: string }) => s.area === 'Legal including Human Rights Act').officer).toEqual({
      name: 'Keith Trowell',
      email: 'keith.trowell@example.gov.uk',
    });
  });
});
