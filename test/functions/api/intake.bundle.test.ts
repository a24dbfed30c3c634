/**
 * The intake handler as Lambda runs it: bundled by esbuild into one CommonJS file (as the CDK stack bundles
 * it) and called by plain Node, outside the test transform. PDF.js is an ES module loaded at run time, so
 * this is where a PDF upload proves the deployed path works.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSync } from 'esbuild';
import { apiEvent, clerk } from '../edge/apiEvent';
import { makeDocx } from '../../fixtures/intake/makeDocx';
import { multipartBody } from '../../fixtures/intake/multipart';
import { makePdf, pageOfLines } from '../../fixtures/intake/makePdf';
import { startTestTable, type TestTable } from '../store/localTable';

describe('the bundled intake handler', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ratify-intake-bundle-'));
  // It reads the people directory: a real local table, which the child process reaches through the same environment.
  let table: TestTable;
  beforeAll(async () => {
    table = await startTestTable();
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await table.close();
  });

  it('reads an uploaded PDF and .docx when run by plain Node', async () => {
    const bundle = join(dir, 'index.js');
    buildSync({
      entryPoints: [join(__dirname, '../../../functions/api/intake.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node22',
      minify: true,
      outfile: bundle,
      logLevel: 'silent',
    });
    const pdf = makePdf([pageOfLines(['Community Safety Plan 2027/28', 'Timetable', [[72, 'Cabinet'], [300, '16 March 2027']]])]);
    const docx = await makeDocx(['Community Safety Plan 2027/28', 'Timetable', { table: [['Council', '24 March 2027']] }]);
    const events = [pdf, docx].map((file, i) => {
      const { body, contentType } = multipartBody([{ name: 'file', filename: i ? 'plan.docx' : 'plan.pdf', data: file }]);
      return apiEvent({ path: '/api/intake', body: body.toString('base64'), isBase64Encoded: true, headers: { 'content-type': contentType }, claims: clerk });
    });
    const eventsFile = join(dir, 'events.json');
    writeFileSync(eventsFile, JSON.stringify(events));
    const script = `
      const { handler } = require(${JSON.stringify(bundle)});
      const events = require(${JSON.stringify(eventsFile)});
      const context = { functionName: 'intake', awsRequestId: 'r', getRemainingTimeInMillis: () => 30000 };
      // The SDK's keep-alive sockets would keep plain Node running after the answers: exit once they are written.
      Promise.all(events.map((e) => handler(e, context))).then((r) => { process.stdout.write(JSON.stringify(r)); process.exit(0); });
    `;
    // Not execFileSync: the local table answers from this process, which must go on running meanwhile.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000, env: { ...process.env, POWERTOOLS_LOG_LEVEL: 'ERROR' } });
    const [fromPdf, fromDocx] = (JSON.parse(out) as Array<{ statusCode: number; body: string }>).map((r) => ({ status: r.statusCode, body: JSON.parse(r.body) }));
    expect([fromPdf.status, fromPdf.body.run.stages]).toEqual([200, [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', meetingDate: '2027-03-16' }]]);
    expect([fromDocx.status, fromDocx.body.run.stages]).toEqual([200, [{ id: 'council', body: 'Council', kind: 'council', meetingDate: '2027-03-24' }]]);
  });
});
