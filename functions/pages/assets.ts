/**
 * `GET /assets/{proxy+}`: GOV.UK Frontend's stylesheet, script, fonts and images for the pages on AWS (the local
 * gateway serves the same files itself). Public: they are the same for everyone. Only files of the bundled
 * govuk-frontend folder (and of web/, Ratify's own: the script that starts GOV.UK Frontend) with a known type are
 * served.
 */
import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import { z } from 'zod';
import { apiHandler, type ApiAnswer } from '../edge/http';

const root = process.env.LAMBDA_TASK_ROOT ?? join(__dirname, '..', '..');
const govukDist = join(root, 'node_modules', 'govuk-frontend', 'dist', 'govuk');
/** `/assets/govuk-frontend.min.css` is at the folder's root; fonts and images under its `assets/`; ours in web/. */
const folders = [join(govukDist, 'assets'), govukDist, join(root, 'web')];

export const assetTypes: Record<string, string> = {
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

/** The files `relative` may name, inside the served folders only; none for unknown types or escapes. */
export function assetCandidates(relative: string): string[] {
  if (!assetTypes[extname(relative).toLowerCase()] || relative.includes('\0')) return [];
  return folders.map((folder) => ({ folder, file: normalize(join(folder, relative)) })).filter(({ folder, file }) => file.startsWith(folder + sep)).map(({ file }) => file);
}

const params = z.object({ proxy: z.string().min(1).max(300) });

export const handler = apiHandler({ name: 'PageAssets', auth: 'public', params }, async ({ params }): Promise<ApiAnswer> => {
  for (const file of assetCandidates(params.proxy)) {
    const content = await readFile(file).catch(() => undefined);
    if (!content) continue;
    return {
      statusCode: 200,
      body: content,
      headers: { 'content-type': assetTypes[extname(file).toLowerCase()], 'cache-control': 'public, max-age=86400', 'x-content-type-options': 'nosniff' },
    };
  }
  return { statusCode: 404, body: 'Not found', headers: { 'content-type': 'text/plain; charset=utf-8' } };
});
