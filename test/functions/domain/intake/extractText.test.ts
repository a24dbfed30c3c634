import { declaredUnzippedSize, docxText, fileKind, layoutLines, pdfText, reportFileText, UnreadableFile } from '../../../../functions/domain/intake/extractText';
import JSZip from 'jszip';
import { makeDocx } from '../../../fixtures/intake/makeDocx';
import { makePdf, pageOfLines } from '../../../fixtures/intake/makePdf';
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

  it('refuses a small zip that would unzip to more than a report could hold, before unzipping it', async () => {
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
