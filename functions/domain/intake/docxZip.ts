/**
 * The parts of a .docx, unzipped by counting what actually inflates (the sizes a zip declares are the sender's
 * word: a 918 KB file declaring 4 KB inflated to 900 MB). Only the XML parts are inflated, within a total cap;
 * pictures and fonts are kept as empty parts (the text needs none of them). The parts are then packed again,
 * uncompressed, for mammoth to read: it sees only bytes we have already measured.
 */
import { crc32 } from 'node:zlib';
import { inflateBounded, InflateLimit } from './boundedInflate';

export const DOCX_LIMITS = {
  /** Inflated XML in total: a long report is a few MB of XML. */
  maxXmlBytes: 40 * 1024 * 1024,
  maxEntries: 2000,
};

export class ZipRefused extends Error {
  constructor(
    message: string,
    readonly reason: 'not-a-zip' | 'too-large' | 'unsupported',
  ) {
    super(message);
    this.name = 'ZipRefused';
  }
}

interface CentralEntry {
  name: string;
  method: number;
  flags: number;
  compressedSize: number;
  localOffset: number;
}

/** Part names that carry the document's text and structure. */
const isXmlPart = (name: string) => /\.(xml|rels)$/i.test(name);

function centralDirectory(view: Buffer): CentralEntry[] {
  // End of central directory: signature 0x06054b50 within the last 64 KiB + 22 bytes.
  for (let at = view.length - 22; at >= Math.max(0, view.length - 65_557); at--) {
    if (view.readUInt32LE(at) !== 0x06054b50) continue;
    const count = view.readUInt16LE(at + 10);
    if (count > DOCX_LIMITS.maxEntries) throw new ZipRefused(`the zip holds ${count} parts`, 'too-large');
    let offset = view.readUInt32LE(at + 16);
    const entries: CentralEntry[] = [];
    for (let i = 0; i < count; i++) {
      if (offset + 46 > view.length || view.readUInt32LE(offset) !== 0x02014b50) throw new ZipRefused('broken central directory', 'not-a-zip');
      const nameLength = view.readUInt16LE(offset + 28);
      const entry = {
        flags: view.readUInt16LE(offset + 8),
        method: view.readUInt16LE(offset + 10),
        compressedSize: view.readUInt32LE(offset + 20),
        localOffset: view.readUInt32LE(offset + 42),
        name: view.toString('utf8', offset + 46, offset + 46 + nameLength),
      };
      // Zip64 markers: no report needs 4 GB fields.
      if (entry.compressedSize === 0xffffffff || entry.localOffset === 0xffffffff) throw new ZipRefused('zip64 is not read', 'unsupported');
      entries.push(entry);
      offset += 46 + nameLength + view.readUInt16LE(offset + 30) + view.readUInt16LE(offset + 32);
    }
    return entries;
  }
  throw new ZipRefused('no zip directory', 'not-a-zip');
}

function entryData(view: Buffer, entry: CentralEntry): Buffer {
  const at = entry.localOffset;
  if (at + 30 > view.length || view.readUInt32LE(at) !== 0x04034b50) throw new ZipRefused(`broken part ${entry.name}`, 'not-a-zip');
  const start = at + 30 + view.readUInt16LE(at + 26) + view.readUInt16LE(at + 28);
  return view.subarray(start, Math.min(view.length, start + entry.compressedSize));
}

/** The .docx's parts by name: XML inflated (within the cap), everything else empty. */
export async function docxParts(data: Uint8Array): Promise<Map<string, Buffer>> {
  const view = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const parts = new Map<string, Buffer>();
  let budget = DOCX_LIMITS.maxXmlBytes;
  for (const entry of centralDirectory(view)) {
    if (entry.name.endsWith('/')) continue;
    if (!isXmlPart(entry.name)) {
      parts.set(entry.name, Buffer.alloc(0));
      continue;
    }
    if (entry.flags & 1) throw new ZipRefused('the document is encrypted', 'unsupported');
    const raw = entryData(view, entry);
    let content: Buffer;
    if (entry.method === 0) {
      if (raw.length > budget) throw new ZipRefused('the XML is larger than a report', 'too-large');
      content = raw;
    } else if (entry.method === 8) {
      try {
        content = (await inflateBounded(raw, { raw: true, cap: budget, keep: true })).data!;
      } catch (err) {
        if (err instanceof InflateLimit) throw new ZipRefused('the XML inflates to more than a report', 'too-large');
        throw new ZipRefused(`part ${entry.name} does not inflate`, 'not-a-zip');
      }
    } else {
      throw new ZipRefused(`compression method ${entry.method}`, 'unsupported');
    }
    budget -= content.length;
    parts.set(entry.name, content);
  }
  return parts;
}

/** The parts as a zip without compression (what mammoth then unzips is exactly what was measured). */
export function storedZip(parts: Map<string, Buffer>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of parts) {
    const nameBytes = Buffer.from(name, 'utf8');
    const crc = crc32(content);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8);
    local.writeUInt16LE(0x21, 12); // 1980-01-01
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(content.length, 18);
    local.writeUInt32LE(content.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(content.length, 20);
    central.writeUInt32LE(content.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, content);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + content.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.size, 8);
  end.writeUInt16LE(parts.size, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}
