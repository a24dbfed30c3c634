/**
 * Text of an uploaded report, laid out as the pasted text of a report is: one line per paragraph, table rows
 * as tab-separated cells. .docx through mammoth's document model; .pdf through PDF.js (unpdf's build), its
 * text pieces put back into lines by position, wide gaps becoming tabs.
 */
import mammoth from 'mammoth';
import { getDocumentProxy } from 'unpdf';
import { DOCX_LIMITS, docxParts, storedZip, ZipRefused } from './docxZip';
import { checkPdfStreams, PDF_LIMITS, PdfRefused } from './pdfStreams';

export type ReportFileKind = 'docx' | 'pdf';

/** A file that cannot be read as a report; the message is for the caller (HTTP 400 on `file`). */
export class UnreadableFile extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnreadableFile';
  }
}

export const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

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

/**
 * The total unzipped size a zip declares (its central directory), or undefined when it is no zip. A quick first
 * refusal only: declared sizes may lie, so `docxParts` counts what really inflates.
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
  // Declared sizes count pictures too, which are never inflated: only a claim far past the cap is refused here.
  if (size.bytes > DOCX_LIMITS.maxXmlBytes * 4 || size.entries > DOCX_LIMITS.maxEntries) {
    throw new UnreadableFile('The document unzips to more than a report could hold: it is not read');
  }
  let measured: Buffer;
  try {
    measured = storedZip(await docxParts(data));
  } catch (err) {
    if (err instanceof ZipRefused && err.reason === 'too-large') throw new UnreadableFile('The document unzips to more than a report could hold: it is not read');
    if (err instanceof ZipRefused && err.reason === 'unsupported') throw new UnreadableFile(`The .docx cannot be read (${err.message}): save it again from Word`);
    throw new UnreadableFile('The file is not a readable .docx document');
  }
  let root: DocNode | undefined;
  try {
    await mammoth.convertToHtml(
      { buffer: measured },
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

export async function pdfText(data: Uint8Array, limits = PDF_LIMITS): Promise<string> {
  const started = Date.now();
  try {
    await checkPdfStreams(data, limits);
  } catch (err) {
    if (err instanceof PdfRefused) throw new UnreadableFile(err.message);
    throw new UnreadableFile('The file is not a readable PDF');
  }
  let doc: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // A copy: PDF.js takes ownership of (detaches) the buffer it is given.
    doc = await getDocumentProxy(new Uint8Array(data), { isEvalSupported: false, disableFontFace: true, useSystemFonts: false, verbosity: 0 });
  } catch {
    throw new UnreadableFile('The file is not a readable PDF');
  }
  const tooSlow = () => new UnreadableFile(`The PDF takes longer to read than a report (over ${Math.round(limits.budgetMs / 1000)} s): it is not read`);
  try {
    const pages: string[] = [];
    for (let p = 1; p <= Math.min(doc.numPages, limits.maxPages); p++) {
      const left = limits.budgetMs - (Date.now() - started);
      if (left <= 0) throw tooSlow();
      const page = await withinTime(doc.getPage(p), left, tooSlow);
      const content = await withinTime(page.getTextContent(), limits.budgetMs - (Date.now() - started), tooSlow);
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
    // Also stops a page still being read when the budget ran out.
    await doc.destroy();
  }
}

/** The promise's value, or the error of `late()` once `ms` have passed. */
function withinTime<T>(promise: Promise<T>, ms: number, late: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(late()), Math.max(0, ms));
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
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
