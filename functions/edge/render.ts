/**
 * Renders the pages' nunjucks views (functions/pages/views) with the GOV.UK Frontend macros, autoescaped. Both
 * folders are read at run time: the functions list bundles them (`bundleFiles`) under LAMBDA_TASK_ROOT.
 */
import { join } from 'node:path';
import nunjucks from 'nunjucks';

const root = process.env.LAMBDA_TASK_ROOT ?? join(__dirname, '..', '..');

let env: nunjucks.Environment | undefined;

function environment(): nunjucks.Environment {
  env ??= new nunjucks.Environment(
    new nunjucks.FileSystemLoader([join(root, 'functions', 'pages', 'views'), join(root, 'node_modules', 'govuk-frontend', 'dist')]),
    { autoescape: true, throwOnUndefined: false },
  );
  return env;
}

export function renderView(view: string, context: Record<string, unknown>): string {
  return environment().render(`${view}.njk`, context);
}
