/** `POST /api/intake` through its handler: who may call it, the three ways to send a report, and refusals. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { handler } from '../../../functions/api/intake';
import { apiEvent, author, clerk, lambdaContext } from '../edge/apiEvent';
import { makeDocx } from '../../fixtures/intake/makeDocx';
import { multipartBody, type FormPart } from '../../fixtures/intake/multipart';
import { makePdf, pageOfLines } from '../../fixtures/intake/makePdf';
import { loadPdfjsOutsideSandbox } from '../../fixtures/intake/pdfjsInJest';
import { startTestTable, type TestTable } from '../store/localTable';

// The handler reads the people directory (an empty one here: the report's own addresses are what is tested).
let table: TestTable;
beforeAll(async () => {
  await loadPdfjsOutsideSandbox();
  table = await startTestTable();
});
afterAll(() => table.close());

const officer = { email: 'keith.trowell@example.gov.uk', email_verified: 'true', name: 'Keith Trowell', 'cognito:groups': '[officer]' };
const tunbridgeWells = readFileSync(join(__dirname, '../../fixtures/intake/seeds/tunbridge-wells-csp-plan-2017-18.txt'), 'utf8');

const post = (body: string, opts: { claims?: Record<string, string>; contentType?: string; base64?: boolean } = {}) =>
  handler(
    apiEvent({
      path: '/api/intake',
      body,
      claims: 'claims' in opts ? opts.claims : clerk,
      headers: { 'content-type': opts.contentType ?? 'application/json' },
      isBase64Encoded: opts.base64 ?? false,
    }),
    lambdaContext,
  );
/** As the gateway passes a form: base64, since multipart is not text. */
const upload = (parts: FormPart[], claims: Record<string, string> = clerk) => {
  const { body, contentType } = multipartBody(parts);
  return post(body.toString('base64'), { contentType, base64: true, claims });
};
const parse = (result: { body?: string }) => JSON.parse(result.body ?? 'null');

describe('POST /api/intake', () => {
  it('answers 200 with the proposed run, warnings and sources for pasted text', async () => {
    const result = await post(JSON.stringify({ text: tunbridgeWells }));
    expect(result.statusCode).toBe(200);
    const answer = parse(result);
    expect(Object.keys(answer).sort()).toEqual(['run', 'sources', 'warnings']);
    expect(answer.run.stages).toHaveLength(6);
    expect(answer.run.signoffs).toHaveLength(9);
    expect(answer.run.plan.title).toBe('Community Safety Partnership Plan 2017/18');
    expect(answer.sources['plan.title']).toEqual({ line: 3, text: 'Community Safety Partnership Plan 2017/18' });
  });

  it('lets authors in too, and refuses officers (403) and callers without credentials (401)', async () => {
    const text = JSON.stringify({ text: tunbridgeWells });
    expect((await post(text, { claims: author })).statusCode).toBe(200);
    const refused = await post(text, { claims: officer });
    expect([refused.statusCode, parse(refused).error.code]).toEqual([403, 'forbidden']);
    expect((await post(text, { claims: undefined })).statusCode).toBe(401);
  });

  it('reads an uploaded .docx', async () => {
    const docx = await makeDocx([
      'Anti-Social Behaviour Policy',
      { table: [['Lead Officer/Author', 'Jane Smith – Community Safety Manager'], ['Classification', 'Exempt'], ['Key Decision', 'Yes']] },
      'Timetable',
      { table: [['Meeting', 'Date'], ['Cabinet', '9th Feb 2027'], ['Full Council', '24/02/2027']] },
      'Implications',
      { table: [['Issue', 'Implications', 'Sign-off'], ['Legal', 'None.', 'Keith Trowell, Senior Lawyer 1 February 2027']] },
    ]);
    const result = await upload([{ name: 'file', filename: 'asb-policy.docx', type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', data: docx }]);
    expect(result.statusCode).toBe(200);
    const { run, sources } = parse(result);
    expect(run.plan).toEqual({ title: 'Anti-Social Behaviour Policy', author: { name: 'Jane Smith', email: '' }, keyDecision: true, classification: 'exempt' });
    expect(run.stages).toEqual([
      { id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2027-02-09' },
      { id: 'full-council', body: 'Full Council', kind: 'council', meetingDate: '2027-02-24' },
    ]);
    expect(run.signoffs).toEqual([{ area: 'Legal', officer: { name: 'Keith Trowell', email: '' }, requiredBefore: 'cabinet' }]);
    expect(sources['stages.0.meetingDate']).toEqual({ line: 7, text: 'Cabinet\t9th Feb 2027' });
  });

  it('reads an uploaded PDF, its table cells laid out by position', async () => {
    const pdf = makePdf([
      pageOfLines([
        'Community Safety Plan 2027/28',
        'Report Author: Priya Patel, Community Safety Lead',
        'Key Decision: No',
        '',
        'Timetable',
        [[72, 'Meeting'], [320, 'Date']],
        [[72, 'Overview and Scrutiny Committee'], [320, '2 March 2027']],
        [[72, 'Cabinet'], [320, '16 March 2027']],
      ]),
    ]);
    const result = await upload([{ name: 'file', filename: 'plan.pdf', type: 'application/pdf', data: pdf }]);
    expect(result.statusCode).toBe(200);
    const { run } = parse(result);
    expect(run.plan.author.name).toBe('Priya Patel');
    expect(run.stages.map((s: { body: string; meetingDate: string }) => [s.body, s.meetingDate])).toEqual([
      ['Overview and Scrutiny Committee', '2027-03-02'],
      ['Cabinet', '2027-03-16'],
    ]);
  });

  it('takes the text from a form field too', async () => {
    const result = await upload([{ name: 'text', data: 'Housing Policy\nReport to: Cabinet\nDate: 9 March 2027' }]);
    expect(result.statusCode).toBe(200);
    expect(parse(result).run.stages).toEqual([{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2027-03-09' }]);
  });

  it.each([
    ['a text file', { name: 'file', filename: 'report.txt', type: 'text/plain', data: 'Cabinet 9 March 2027' }],
    ['an old .doc', { name: 'file', filename: 'report.doc', type: 'application/msword', data: Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) }],
    ['a broken PDF', { name: 'file', filename: 'report.pdf', type: 'application/pdf', data: '%PDF-1.7 and nothing else' }],
    ['a PDF without text', { name: 'file', filename: 'scan.pdf', type: 'application/pdf', data: makePdf([[]]) }],
    ['an empty file', { name: 'file', filename: 'report.docx', type: 'application/octet-stream', data: '' }],
  ])('refuses %s with a 400 naming file', async (_what, part) => {
    const result = await upload([part as FormPart]);
    expect(result.statusCode).toBe(400);
    expect(parse(result).error).toEqual(expect.objectContaining({ code: 'invalid-input', fields: { file: expect.any(String) } }));
  });

  it('refuses a form with neither file nor text (400 naming file) and JSON without text (400 naming text)', async () => {
    const noFile = await upload([{ name: 'comment', data: 'hello' }]);
    expect([noFile.statusCode, Object.keys(parse(noFile).error.fields)]).toEqual([400, ['file']]);
    const noText = await post(JSON.stringify({ report: 'Cabinet' }));
    expect([noText.statusCode, Object.keys(parse(noText).error.fields)]).toEqual([400, ['text']]);
    const blank = await post(JSON.stringify({ text: '   ' }));
    expect([blank.statusCode, Object.keys(parse(blank).error.fields)]).toEqual([400, ['text']]);
  });

  it('refuses bodies it cannot read: not JSON, another content type, a malformed form', async () => {
    for (const [body, contentType] of [
      ['{"text": ', 'application/json'],
      ['<report/>', 'application/xml'],
      ['--nope\r\n', 'multipart/form-data; boundary=other'],
    ]) {
      const result = await post(body, { contentType });
      expect([result.statusCode, Object.keys(parse(result).error.fields)]).toEqual([400, ['body']]);
    }
  });

  it('answers 413 over 1 MB, counting an upload in the bytes sent (0.9 MB of binary is not too large)', async () => {
    const big = await upload([{ name: 'file', filename: 'big.pdf', type: 'application/pdf', data: Buffer.alloc(1024 * 1024 + 1, 0xff) }]);
    expect([big.statusCode, parse(big).error.code]).toEqual([413, 'payload-too-large']);
    const binary = await upload([{ name: 'file', filename: 'photo.png', type: 'image/png', data: Buffer.alloc(900 * 1024, 0xff) }]);
    expect([binary.statusCode, Object.keys(parse(binary).error.fields)]).toEqual([400, ['file']]);
  });
});
