import type { IncomingMessage } from 'node:http';

/** API Gateway's own cap; beyond it the connection is dropped rather than drained. */
const DRAIN_LIMIT_BYTES = 10 * 1024 * 1024;

export type BodyRead = { kind: 'ok'; body: Buffer | undefined } | { kind: 'too-large' };

/**
 * Reads a request body of at most `limit` bytes. A longer body is drained without being kept (so the client
 * still reads the 413), and a body past API Gateway's 10 MB cap ends the connection.
 */
export function readBoundedBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? NaN);
    if (declared > DRAIN_LIMIT_BYTES) {
      req.destroy();
      return resolve({ kind: 'too-large' });
    }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = declared > limit;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) over = true;
      if (size > DRAIN_LIMIT_BYTES) {
        req.destroy();
        resolve({ kind: 'too-large' });
        return;
      }
      if (!over) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on('end', () => resolve(over ? { kind: 'too-large' } : { kind: 'ok', body: size ? Buffer.concat(chunks) : undefined }));
    req.on('error', (err) => (over ? resolve({ kind: 'too-large' }) : reject(err)));
  });
}
