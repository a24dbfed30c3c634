import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { ServerResponse } from 'node:http';

/**
 * `/assets/*` from govuk-frontend's dist folder: `/assets/govuk-frontend.min.css` and `.js` from its root,
 * fonts and images from its `assets/` folder (the paths its CSS and page template refer to).
 */
const govukDist = join(__dirname, '..', '..', '..', 'node_modules', 'govuk-frontend', 'dist', 'govuk');
const roots = [join(govukDist, 'assets'), govukDist];

const types: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json',
  '.json': 'application/json',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** Serves the asset and returns true, or returns false when there is no such file. */
export async function serveAsset(relativePath: string, res: ServerResponse, headOnly = false): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return false;
  }
  const type = types[extname(decoded).toLowerCase()];
  if (!type || decoded.includes('\0')) return false;
  for (const root of roots) {
    const file = normalize(join(root, decoded));
    if (!file.startsWith(root + sep)) return false;
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    res.writeHead(200, { 'content-type': type, 'content-length': info.size, 'cache-control': 'public, max-age=3600' });
    if (headOnly) res.end();
    else createReadStream(file).pipe(res);
    return true;
  }
  return false;
}
