/**
 * What a PDF would make PDF.js decode, measured before PDF.js is given it: every Flate stream is inflated here
 * (counted, not kept) and each page's content counted once per page that draws it. A 918 KB deflate bomb
 * (940 MB decoded) and 300 pages sharing one fat content stream are both refused here, in well under a second.
 * Streams this scan cannot see (inside encrypted files) are bounded by the reader's time budget instead.
 */
import { inflateBounded, InflateLimit } from './boundedInflate';

export const PDF_LIMITS = {
  /** Decoded bytes of all streams, and of page content as the pages would be read: a report is a few MB. */
  maxDecodedBytes: 64 * 1024 * 1024,
  maxPages: 300,
  /** Wall-clock budget for reading the text of every page. */
  budgetMs: 5000,
};

export class PdfRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PdfRefused';
  }
}

interface StreamInfo {
  object?: number;
  start: number;
  end: number;
  flateLayers: number;
}

const STREAM = /stream\r?\n/g;

/** Streams of the file with their object numbers and how many Flate filters each has. */
function streams(text: string): StreamInfo[] {
  const found: StreamInfo[] = [];
  STREAM.lastIndex = 0;
  for (let m = STREAM.exec(text); m; m = STREAM.exec(text)) {
    const at = m.index;
    // "endstream\n" also matches; a stream keyword follows a dictionary's ">>".
    if (text.slice(Math.max(0, at - 3), at) === 'end' || !/>>\s*$/.test(text.slice(Math.max(0, at - 8), at))) continue;
    const head = text.slice(Math.max(0, at - 2000), at);
    const objAt = head.lastIndexOf(' obj');
    const dict = objAt >= 0 ? head.slice(objAt) : head;
    const object = /(\d+)\s+\d+\s+obj/.exec(head.slice(Math.max(0, objAt - 20), objAt + 4))?.[1];
    const filter = /\/Filter\s*(\[[^\]]*\]|\/\w+)/.exec(dict)?.[1] ?? '';
    const start = at + m[0].length;
    const endAt = text.indexOf('endstream', start);
    const end = endAt < 0 ? text.length : endAt;
    found.push({ object: object ? Number(object) : undefined, start, end, flateLayers: (filter.match(/\/(FlateDecode|Fl)\b/g) ?? []).length });
    STREAM.lastIndex = end;
  }
  return found;
}

/** Objects each page draws: `/Contents 12 0 R` or `/Contents [12 0 R 13 0 R]` in a `/Type /Page` dictionary. */
function pageContents(text: string): number[][] {
  const pages: number[][] = [];
  const page = /\/Type\s*\/Page(?![s\w])/g;
  for (let m = page.exec(text); m; m = page.exec(text)) {
    const around = text.slice(Math.max(0, m.index - 1000), m.index + 1000);
    const contents = /\/Contents\s*(\[[^\]]*\]|\d+\s+\d+\s+R)/.exec(around)?.[1] ?? '';
    pages.push([...contents.matchAll(/(\d+)\s+\d+\s+R/g)].map((r) => Number(r[1])));
  }
  return pages;
}

/** Refuses a PDF whose streams, or whose pages as PDF.js would read them, decode past the caps. */
export async function checkPdfStreams(data: Uint8Array, limits = PDF_LIMITS): Promise<void> {
  const text = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const sizes = new Map<number, number>();
  let total = 0;
  for (const s of streams(text)) {
    let size = s.end - s.start;
    if (s.flateLayers) {
      try {
        size = (await inflateBounded(bytes.subarray(s.start, s.end), { raw: false, cap: limits.maxDecodedBytes - total, keep: false, layers: s.flateLayers, lenient: true })).bytes;
      } catch (err) {
        if (err instanceof InflateLimit) throw new PdfRefused('The PDF decodes to more than a report could hold: it is not read');
        throw err;
      }
    }
    total += size;
    if (total > limits.maxDecodedBytes) throw new PdfRefused('The PDF decodes to more than a report could hold: it is not read');
    if (s.object !== undefined) sizes.set(s.object, size);
  }
  const pages = pageContents(text).slice(0, limits.maxPages);
  let drawn = 0;
  for (const objects of pages) for (const o of objects) drawn += sizes.get(o) ?? 0;
  if (drawn > limits.maxDecodedBytes) throw new PdfRefused('The PDF’s pages draw more than a report could hold (the same content over and over): it is not read');
}
