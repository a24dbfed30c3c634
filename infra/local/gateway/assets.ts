import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import type { ServerResponse } from 'node:http';
import { assetCandidates, assetTypes } from '../../../functions/pages/assets';

/**
 * `/assets/*` from govuk-frontend's dist folder, streamed by the gateway itself (the same files and rules as the
 * PageAssets function that serves them on AWS, whose candidate paths and types it reuses).
 */
export async function serveAsset(relativePath: string, res: ServerResponse, headOnly = false): Promise<boolean> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return false;
  }
  for (const file of assetCandidates(decoded)) {
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) continue;
    res.writeHead(200, {
      'content-type': assetTypes[extname(file).toLowerCase()],
      'content-length': info.size,
      'cache-control': 'public, max-age=3600',
      'x-content-type-options': 'nosniff',
    });
    if (headOnly) res.end();
    else createReadStream(file).pipe(res);
    return true;
  }
  return false;
}
