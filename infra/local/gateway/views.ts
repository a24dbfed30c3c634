import { join } from 'node:path';
import nunjucks from 'nunjucks';

/**
 * The local sign-in's views (./views), in the pages' own layout (functions/pages/views/layout.njk: no inline
 * script, so the pages' content security policy holds) with the GOV.UK Frontend macros, autoescaped.
 */
const repoRoot = join(__dirname, '..', '..', '..');
const env = new nunjucks.Environment(
  new nunjucks.FileSystemLoader([join(__dirname, 'views'), join(repoRoot, 'functions', 'pages', 'views'), join(repoRoot, 'node_modules', 'govuk-frontend', 'dist')]),
  { autoescape: true },
);

export function renderGatewayView(view: string, context: Record<string, unknown>): string {
  return env.render(`${view}.njk`, context);
}
