/** Reads the route templates shipped in `workflows/routes` (validated by the domain's `parseRouteTemplate`). */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseRouteTemplate, type RouteTemplate } from '../domain/routes';

/**
 * Where the templates live: `workflows/routes` under the Lambda task root (the functions list's `bundleFiles`
 * copies it there) or under the repository root.
 */
export function routeTemplatesDir(): string {
  return join(process.env.LAMBDA_TASK_ROOT ?? join(__dirname, '..', '..'), 'workflows', 'routes');
}

const cache = new Map<string, RouteTemplate[]>();

/** Every template in `dir` (default: the shipped ones), read and validated at the first call, then cached. */
export function loadRouteTemplates(dir = routeTemplatesDir()): RouteTemplate[] {
  let templates = cache.get(dir);
  if (!templates) {
    templates = readdirSync(dir)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => parseRouteTemplate(join(dir, name), readFileSync(join(dir, name), 'utf8')));
    cache.set(dir, templates);
  }
  return templates;
}

export function getRouteTemplate(id: string, dir?: string): RouteTemplate | undefined {
  return loadRouteTemplates(dir).find((template) => template.id === id);
}

