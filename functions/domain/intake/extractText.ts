/**
 * Text of an uploaded report, laid out as the pasted text of a report is: one line per paragraph, table rows
 * as tab-separated cells. .docx through mammoth's document model; .pdf through PDF.js (unpdf's build), its
 * text pieces put back into lines by position, wide gaps becoming tabs.
 */
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';

export type ReportFileKind = 'docx' | 'pdf';

/** A file that cannot be read as a report; the message is for the caller (HTTP 400 on `file`). */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFile';
  }
}

const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

/** What the file is, by its bytes first (a renamed file is read as what it is), then its name and type. */
export function fileKind(filename: string, mimeType: string, data: Uint8Array): ReportFileKind | undefined {
  const head = Buffer.from(data.subarray(0, 1024)).toString('latin1');
  if (head.includes('%PDF-')) return 'pdf';
  const zip = data[0] === 0x50 && data[1] === 0x4b && data[2] === 0x03 && data[3] === 0x04;
  if (zip && (/\.docx$/i.test(filename) || mimeType === DOCX_TYPE || head.includes('word/') || head.includes('[Content_Types].xml'))) return 'docx';
  return undefined;
}

export async function reportFileText(kind: ReportFileKind, data: Uint8Array): Promise<string> {
  const text = kind === 'docx' ? await docxText(data) : await pdfText(data);
  if (!text.trim()) {
    throw new UnreadableFile(
      kind === 'pdf' ? 'The PDF has no text to read (a scanned image?): upload the .docx or a PDF saved from it' : 'The document has no text',
    );
  }
  return text;
}

/** mammoth's document model, as much of it as the text needs. */
interface DocNode {
  type: string;
  children?: DocNode[];
  value?: string;
  breakType?: string;
  checked?: boolean;
}

/** Past these a .docx is a zip bomb, not a committee report. */
const MAX_DOCX_UNZIPPED_BYTES = 40 * 1024 * 1024;
const MAX_DOCX_ENTRIES = 2000;
/** A report has tens of pages; past this the rest of a PDF is not read. */
const MAX_PDF_PAGES = 300;

/**
 * The total unzipped size a zip declares (its central directory), or undefined when it is no zip. Read before
 * unzipping so a small upload cannot make the function unzip gigabytes.
 */
export function declaredUnzippedSize(data: Uint8Array): { bytes: number; entries: number } | undefined {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  for (let at = view.length - 22; at >= Math.max(0, view.length - 65_557); at--) {
    if (view.readUInt32LE(at) !== 0x06054b50) continue;
    const entries = view.readUInt16LE(at + 10);
    let offset = view.readUInt32LE(at + 16);
    let bytes = 0;
    for (let i = 0; i < entries; i++) {
      if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) return undefined;
      bytes += view.readUInt32LE(offset + 24);
      offset += 46 + view.readUInt16LE(offset + 28) + view.readUInt16LE(offset + 30) + view.readUInt16LE(offset + 32);
    }
    return { bytes, entries };
  }
  return undefined;
}

export async function docxText(data: Uint8Array): Promise<string> {
  const size = declaredUnzippedSize(data);
  if (!size) throw new UnreadableFile('The file is not a readable .docx document');
  if (size.bytes > MAX_DOCX_UNZIPPED_BYTES || size.entries > MAX_DOCX_ENTRIES) {
    throw new UnreadableFile('The document unzips to more than a report could hold: it is not read');
  }
  let root: DocNode | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer: Buffer.from(data) },
      {
        externalFileAccess: false,
        // Images are not read: only the document tree is wanted.
        convertImage: mammoth.images.imgElement(async () => ({ src: '' })),
        transformDocument: (document: DocNode) => {
          root = document;
          return document;
        },
      },
    );
  } catch {
    throw new UnreadableFile('The file is not a readable .docx document');
  }
  return root ? blockLines(root).join('\n') : '';
}

function blockLines(node: DocNode): string[] {
  switch (node.type) {
    case 'paragraph':
      return inlineText(node, '\n').split('\n');
    case 'table':
      return (node.children ?? []).flatMap((row) => (row.type === 'tableRow' ? [rowText(row)] : blockLines(row)));
    default:
      return (node.children ?? []).flatMap(blockLines);
  }
}

function rowText(row: DocNode): string {
  return (row.children ?? []).map(cellText).join('\t');
}

/** A cell on one line: its paragraphs and any nested table joined by spaces, tabs made spaces. */
function cellText(cell: DocNode): string {
  const parts = (cell.children ?? []).flatMap((child) =>
    child.type === 'table' ? (child.children ?? []).map(rowText) : [inlineText(child, ' ')],
  );
  return parts
    .join(' ')
    .replace(/[\t\n]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

function inlineText(node: DocNode, lineBreak: string): string {
  switch (node.type) {
    case 'text':
      return node.value ?? '';
    case 'tab':
      return '\t';
    case 'break':
      return lineBreak;
    case 'checkbox':
      return node.checked ? '☒' : '☐';
    case 'paragraph':
    case 'run':
    case 'hyperlink':
      return (node.children ?? []).map((c) => inlineText(c, lineBreak)).join('');
    case 'table':
      return (node.children ?? []).map(rowText).join(lineBreak);
    default:
      return (node.children ?? []).map((c) => inlineText(c, lineBreak)).join('');
  }
}

interface Piece {
  x: number;
  y: number;
  width: number;
  size: number;
  text: string;
}

export async function pdfText(data: Uint8Array): Promise<string> {
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: PDF.js takes ownership of (detaches) the buffer it is given.
    doc = await getDocumentProxy(new Uint8Array(data), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  } catch {
    throw new UnreadableFile('The file is not a readable PDF');
  }
  try {
    const pages: string[] = [];
    for (let p = 1; p <= Math.min(doc.numPages, MAX_PDF_PAGES); p++) {
      const page = await doc.getPage(p);
      const content = await page.getTextContent();
      const pieces: Piece[] = [];
      for (const item of content.items) {
        if (!('str' in item) || !item.str.trim()) continue;
        const [a, b, c, d, x, y] = item.transform as number[];
        const size = Math.abs(item.height) || Math.hypot(c, d) || Math.hypot(a, b) || 10;
        pieces.push({ x, y, width: item.width, size, text: item.str });
      }
      pages.push(layoutLines(pieces).join('\n'));
      page.cleanup();
    }
    return pages.join('\n\n');
  } catch (err) {
    if (err instanceof UnreadableFile) throw err;
    throw new UnreadableFile('The PDF could not be read to the end');
  } finally {
    await doc.destroy();
  }
}

/**
 * Pieces of text on a page -> lines: pieces on one baseline form a line, left to right; a gap wider than a
 * couple of characters is a column (tab); text starting well right of the left margin continues a table cell
 * (leading tab); a tall gap between lines is a paragraph break (blank line).
 */
export function layoutLines(pieces: Piece[]): string[] {
  if (!pieces.length) return [];
  const sorted = [...pieces].sort((p, q) => q.y - p.y || p.x - q.x);
  const rows: Piece[][] = [];
  for (const piece of sorted) {
    const row = rows[rows.length - 1];
    if (row && Math.abs(row[0].y - piece.y) <= Math.max(2, row[0].size * 0.4)) row.push(piece);
    else rows.push([piece]);
  }
  const margin = Math.min(...pieces.map((p) => p.x));
  const lines: string[] = [];
  let previous: Piece[] | undefined;
  for (const row of rows) {
    row.sort((p, q) => p.x - q.x);
    const size = Math.max(...row.map((p) => p.size));
    if (previous && previous[0].y - row[0].y > size * 2.2) lines.push('');
    let text = row[0].x - margin > size * 5 ? '\t' : '';
    let end: number | undefined;
    for (const piece of row) {
      if (end !== undefined) {
        const gap = piece.x - end;
        if (gap > Math.max(size * 1.2, 8)) text = `${text.trimEnd()}\t`;
        else if (gap > size * 0.1 && !text.endsWith(' ') && !piece.text.startsWith(' ')) text += ' ';
      }
      text += piece.text;
      end = piece.x + piece.width;
    }
    lines.push(text.trimEnd());
    previous = row;
  }
  return lines;
}
