/**
 * Inflating what an upload carries without trusting what it declares: a zip's sizes and a PDF's lengths are the
 * sender's words, so every byte is counted as it comes out of zlib and the work stops past a cap. Memory stays
 * within the cap (or within one chunk when only counting).
 */
import { createInflate, createInflateRaw, type Inflate, type InflateRaw } from 'node:zlib';

/** The cap was passed: the file holds more than a report could. */
export class InflateLimit extends Error {
  constructor(readonly limit: number) {
    super(`inflates to more than ${limit} bytes`);
    this.name = 'InflateLimit';
  }
}

export interface InflateOptions {
  /** Raw deflate (zip entries) or zlib-wrapped (PDF FlateDecode). */
  raw: boolean;
  /** Past this many output bytes the inflater is destroyed and InflateLimit is thrown. */
  cap: number;
  /** Keep the output (zip entries) or only count it (PDF streams). */
  keep: boolean;
  /** Inflate the output again this many more times (PDF filter chains such as [/FlateDecode /FlateDecode]). */
  layers?: number;
  /** Tolerate a truncated stream (PDFs often end a stream early): what came out so far counts. */
  lenient?: boolean;
}

/** The inflated bytes (or only their number when `keep` is false); InflateLimit past the cap. */
export function inflateBounded(input: Uint8Array, opts: InflateOptions): Promise<{ bytes: number; data?: Buffer }> {
  return new Promise((resolve, reject) => {
    const layers = Math.max(1, opts.layers ?? 1);
    const stages: Array<Inflate | InflateRaw> = [];
    for (let i = 0; i < layers; i++) stages.push(opts.raw && i === 0 ? createInflateRaw() : createInflate());
    for (let i = 0; i + 1 < stages.length; i++) stages[i].pipe(stages[i + 1]);
    const last = stages[stages.length - 1];
    const chunks: Buffer[] = [];
    let total = 0;
    let settled = false;
    const stop = () => stages.forEach((s) => s.destroy());
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      stop();
      reject(err);
    };
    const done = () => {
      if (settled) return;
      settled = true;
      stop();
      resolve(opts.keep ? { bytes: total, data: Buffer.concat(chunks, total) } : { bytes: total });
    };
    last.on('data', (chunk: Buffer) => {
      total += chunk.length;
      if (total > opts.cap) return fail(new InflateLimit(opts.cap));
      if (opts.keep) chunks.push(chunk);
    });
    last.on('end', done);
    for (const stage of stages) stage.on('error', (err: Error) => (opts.lenient ? done() : fail(err)));
    stages[0].end(input);
  });
}
