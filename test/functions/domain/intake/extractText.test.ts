import { declaredUnzippedSize, docxText, fileKind, layoutLines, pdfText, reportFileText, UnreadableFile } from '../../../../functions/domain/intake/extractText';
import JSZip from 'jszip';
import { makeDocx } from '../../../fixtures/intake/makeDocx';
import { assemblePdf, makePdf, pageOfLines, pdfSharingOneStream } from '../../../fixtures/intake/makePdf';
import { deflateBomb, docxBomb, zlibBomb } from '../../../fixtures/intake/bombs';
import { deflateSync } from 'node:zlib';
import { loadPdfjsOutsideSandbox } from '../../../fixtures/intake/pdfjsInJest';

beforeAll(() => loadPdfjsOutsideSandbox());

describe('reading a .docx', () => {
  it('gives one line per paragraph and each table row as tab-separated cells', async () => {
    const docx = await makeDocx([
      'Community Safety Plan 2018/19',
      { table: [['Lead Officer/Author', 'Jane Smith – Community Safety Manager'], ['Key Decision', 'Yes']] },
      '',
      'Timetable',
      { table: [['Meeting', 'Date'], ['Cabinet', '9th Feb 2019'], ['Full Council', '20/02/2019']] },
    ]);
    expect((await docxText(docx)).split('\n')).toEqual([
      'Community Safety Plan 2018/19',
      'Lead Officer/Author\tJane Smith – Community Safety Manager',
      'Key Decision\tYes',
      '',
      'Timetable',
      'Meeting\tDate',
      'Cabinet\t9th Feb 2019',
      'Full Council\t20/02/2019',
    ]);
  });

  it('keeps a cell of several paragraphs on its row, and tabs and line breaks of paragraphs', async () => {
    const docx = await makeDocx(['Report to:\tCabinet\nDate:\t9 February 2019', { table: [['Legal', ['No implications.', 'None.'], 'Keith Trowell\t3 March 2019']] }]);
    expect((await docxText(docx)).split('\n')).toEqual(['Report to:\tCabinet', 'Date:\t9 February 2019', 'Legal\tNo implications. None.\tKeith Trowell 3 March 2019']);
  });

  it('refuses a small zip that unzips to more than a report could hold', async () => {
    const zip = new JSZip();
    zip.file('word/document.xml', Buffer.alloc(50 * 1024 * 1024, 0x20));
    const bomb = await zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    // Two entries: the folder word/ and its file.
    expect(declaredUnzippedSize(bomb)).toEqual({ bytes: 50 * 1024 * 1024, entries: 2 });
    await expect(docxText(bomb)).rejects.toThrow(/more than a report could hold/);
  });

  it('refuses bytes that are not a .docx', async () => {
    await expect(docxText(Buffer.from('PK\u0003\u0004 not really a zip'))).rejects.toBeInstanceOf(UnreadableFile);
  });
});

describe('reading a PDF', () => {
  it('puts pieces on one baseline into a line, wide gaps as tabs, and tall gaps as blank lines', async () => {
    const pdf = makePdf([
      [
        ...pageOfLines(['Community Safety Plan 2018/19', '', 'Timetable']),
        ...pageOfLines([[[72, 'Meeting'], [300, 'Date']], [[72, 'Cabinet'], [300, '9 February 2019']], [[72, 'Full Council'], [300, '20 February 2019']]], 700),
      ],
      pageOfLines(['Key Decision: No']),
    ]);
    expect(await pdfText(pdf)).toBe(
      ['Community Safety Plan 2018/19', '', 'Timetable', '', 'Meeting\tDate', 'Cabinet\t9 February 2019', 'Full Council\t20 February 2019', '', 'Key Decision: No'].join('\n'),
    );
  });

  it('starts a line that begins well inside the page with a tab: the next line of a table cell', () => {
    const size = 11;
    const lines = layoutLines([
      { x: 72, y: 700, width: 30, size, text: 'Legal' },
      { x: 200, y: 700, width: 100, size, text: 'No implications' },
      { x: 400, y: 700, width: 80, size, text: 'Keith Trowell,' },
      { x: 400, y: 686, width: 80, size, text: 'Senior Lawyer' },
    ]);
    expect(lines).toEqual(['Legal\tNo implications\tKeith Trowell,', '\tSenior Lawyer']);
  });

  it('refuses bytes that are not a PDF, and a PDF without text', async () => {
    await expect(pdfText(Buffer.from('%PDF-1.4 nonsense'))).rejects.toBeInstanceOf(UnreadableFile);
    await expect(reportFileText('pdf', makePdf([[]]))).rejects.toThrow(/no text/);
  });
});

describe('telling the kind of an upload', () => {
  it('goes by the bytes: a PDF named .docx is a PDF, a zip is a .docx only when it looks like one', async () => {
    const pdf = makePdf([pageOfLines(['x'])]);
    const docx = await makeDocx(['x']);
    expect(fileKind('report.docx', 'application/octet-stream', pdf)).toBe('pdf');
    expect(fileKind('report.docx', '', docx)).toBe('docx');
    expect(fileKind('upload', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', docx)).toBe('docx');
    expect(fileKind('report.doc', 'application/msword', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1]))).toBeUndefined();
    expect(fileKind('notes.txt', 'text/plain', Buffer.from('Cabinet 9 February 2019'))).toBeUndefined();
  });
});

/** Runs `work`, answering its error, how long it took and how far the resident memory grew meanwhile. */
async function measured(work: () => Promise<unknown>): Promise<{ error: unknown; ms: number; rssGrowthMb: number }> {
  let peak = process.memoryUsage().rss;
  const before = peak;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
  const started = Date.now();
  let error: unknown;
  try {
    await work();
  } catch (err) {
    error = err;
  }
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { error, ms: Date.now() - started, rssGrowthMb: (peak - before) / 1024 / 1024 };
}

describe('decompression bombs', () => {
  it('builds the bombs as reported: under a megabyte that inflates to 900 MB', () => {
    const bomb = deflateBomb(900);
    expect(bomb.length).toBeLessThan(1024 * 1024);
  });

  it('refuses a .docx whose document declares 4 KB but inflates to 900 MB, quickly and within bounded memory', async () => {
    const bomb = await docxBomb(900);
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(declaredUnzippedSize(bomb)!.bytes).toBeLessThan(10_000);
    const run = await measured(() => docxText(bomb));
    expect(run.error).toBeInstanceOf(UnreadableFile);
    expect((run.error as Error).message).toMatch(/more than a report could hold/);
    expect(run.ms).toBeLessThan(3000);
    expect(run.rssGrowthMb).toBeLessThan(200);
  });

  it('refuses three such .docx at once without the memory of any of them', async () => {
    const bombs = await Promise.all([docxBomb(900), docxBomb(900), docxBomb(900)]);
    const run = await measured(() => Promise.allSettled(bombs.map((b) => docxText(b))).then((all) => {
      if (all.some((r) => r.status === 'fulfilled')) throw new Error('a bomb was read');
    }));
    expect(run.error).toBeUndefined();
    expect(run.rssGrowthMb).toBeLessThan(250);
  });

  it('still reads an ordinary .docx through the parts it measured', async () => {
    const docx = await makeDocx(['Community Safety Plan 2018/19', 'Key Decision: No']);
    expect(await docxText(docx)).toBe('Community Safety Plan 2018/19\nKey Decision: No');
  });

  it('refuses a PDF with a deflate bomb stream (940 MB from under a megabyte), quickly and within bounded memory', async () => {
    const pdf = assemblePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 5 0 R >>',
      { dict: '/Filter /FlateDecode', stream: zlibBomb(940) },
    ]);
    expect(pdf.length).toBeLessThan(1024 * 1024);
    const run = await measured(() => pdfText(pdf));
    expect(run.error).toBeInstanceOf(UnreadableFile);
    expect((run.error as Error).message).toMatch(/decodes to more than a report could hold/);
    expect(run.ms).toBeLessThan(3000);
    expect(run.rssGrowthMb).toBeLessThan(200);
  });

  it('refuses a bomb behind two Flate filters too', async () => {
    const inner = zlibBomb(200);
    const pdf = assemblePdf([
      '<< /Type /Catalog /Pages 2 0 R >>',
      '<< /Type /Pages /Kids [4 0 R] /Count 1 >>',
      '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
      '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 5 0 R >>',
      { dict: '/Filter [/FlateDecode /FlateDecode]', stream: deflateSync(inner) },
    ]);
    await expect(pdfText(pdf)).rejects.toThrow(/decodes to more than a report could hold/);
  });

  it('refuses a small PDF of 300 pages all drawing one fat content stream, in well under the 29 s it took', async () => {
    const line = 'BT /F1 11 Tf 72 700 Td (Community Safety Partnership Plan) Tj ET\n';
    const content = deflateSync(Buffer.from(line.repeat(40_000), 'latin1'), { level: 9 });
    const pdf = pdfSharingOneStream(300, { dict: '/Filter /FlateDecode', stream: content });
    expect(pdf.length).toBeLessThan(100 * 1024);
    const run = await measured(() => pdfText(pdf));
    expect(run.error).toBeInstanceOf(UnreadableFile);
    expect((run.error as Error).message).toMatch(/pages draw more than a report could hold/);
    expect(run.ms).toBeLessThan(3000);
  });

  it('stops reading a PDF past its time budget, with a refusal that says so', async () => {
    const pdf = pdfSharingOneStream(200, { dict: '', stream: Buffer.from('BT /F1 11 Tf 72 700 Td (Cabinet 9 February 2019) Tj ET', 'latin1') });
    const run = await measured(() => pdfText(pdf, { maxDecodedBytes: 64 * 1024 * 1024, maxPages: 300, budgetMs: 30 }));
    expect(run.error).toBeInstanceOf(UnreadableFile);
    expect((run.error as Error).message).toMatch(/takes longer to read than a report/);
    expect(run.ms).toBeLessThan(1000);
  });

  it('reads the same many-page PDF within the default budget', async () => {
    const pdf = pdfSharingOneStream(20, { dict: '', stream: Buffer.from('BT /F1 11 Tf 72 700 Td (Cabinet 9 February 2019) Tj ET', 'latin1') });
    expect((await pdfText(pdf)).split('\n\n')).toHaveLength(20);
  });
});
