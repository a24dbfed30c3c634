import { join } from 'node:path';
import nunjucks from 'nunjucks';
import { z } from 'zod';
import { isUnicodeText, NOT_UNICODE } from '../../../functions/domain/runModel';
import { roleSchema, type Role } from '../../../functions/edge/auth';
import { fieldsOf } from '../../../functions/edge/http';
import { safeNext } from '../../../functions/edge/safeNext';
import type { DevIdentity } from './auth';

/** The dev sign-in form (GOV.UK Design System) and the dev token request, both validated the same way. */
const repoRoot = join(__dirname, '..', '..', '..');
const env = nunjucks.configure([join(__dirname, 'views'), join(repoRoot, 'node_modules', 'govuk-frontend', 'dist')], {
  autoescape: true,
  noCache: false,
});

export const devIdentitySchema = z.object({
  email: z.email('Enter an email address in the correct format, like name@example.gov.uk'),
  name: z.string().refine(isUnicodeText, NOT_UNICODE).trim().max(200).optional(),
  roles: z.array(roleSchema).default([]),
});

export function toIdentity(input: z.infer<typeof devIdentitySchema>): DevIdentity {
  return { email: input.email.toLowerCase(), name: input.name || input.email, roles: input.roles };
}

/** Form posts carry `roles` once per ticked box (or not at all). */
export function parseLoginForm(body: string): { values: { email: string; name: string; roles: string[]; next: string }; identity?: DevIdentity; errors: Record<string, string> } {
  const form = new URLSearchParams(body);
  const values = { email: form.get('email')?.trim() ?? '', name: form.get('name')?.trim() ?? '', roles: form.getAll('roles'), next: safeNext(form.get('next')) };
  const parsed = devIdentitySchema.safeParse({ email: values.email, name: values.name || undefined, roles: values.roles });
  if (!parsed.success) return { values, errors: fieldsOf(parsed.error) };
  return { values, identity: toIdentity(parsed.data), errors: {} };
}

export function renderLoginPage(opts: { next?: string; values?: { email?: string; name?: string; roles?: string[] }; errors?: Record<string, string> }): string {
  const errors = opts.errors ?? {};
  const values = opts.values ?? {};
  const roleItems = roleSchema.options.map((role: Role) => ({ value: role, text: role[0].toUpperCase() + role.slice(1), checked: values.roles?.includes(role) ?? false }));
  const errorList = Object.entries(errors).map(([field, text]) => ({ text, href: `#${field.split('.')[0]}` }));
  return env.render('devLogin.njk', { next: safeNext(opts.next), values, errors, errorList, roleItems });
}
