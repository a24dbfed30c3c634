/**
 * The shell of every HTML page: security headers, the service navigation and the GOV.UK error page, shared by the
 * pages and the sign-in handlers (which must answer in the same layout before anyone is signed in).
 */
import { hasAnyRole, type Actor } from '../domain/actor';
import type { ApiAnswer } from './http';
import { CSRF_FIELD } from './csrf';
import { renderView } from './render';

export type NavItem = 'dashboard' | 'timeline' | 'new' | 'meetings' | 'signoffs' | 'forward-plan' | 'people';

/** Security headers of every page: no inline scripts, no framing, nothing cached. */
export const PAGE_HEADERS: Record<string, string> = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-store',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'referrer-policy': 'same-origin',
};

/** The service navigation, and what every view gets besides its own context. */
export function layoutContext(actor: Actor | undefined, current: NavItem | undefined, token: string | undefined): Record<string, unknown> {
  const items: Array<{ id: NavItem; href: string; text: string; show: boolean }> = [
    { id: 'dashboard', href: '/', text: 'Dashboard', show: true },
    { id: 'timeline', href: '/timeline', text: 'Timeline', show: true },
    { id: 'meetings', href: '/meetings', text: 'Meetings', show: true },
    { id: 'signoffs', href: '/signoffs', text: 'My sign-offs', show: true },
    { id: 'forward-plan', href: '/forward-plan', text: 'Forward plan', show: true },
    { id: 'new', href: '/runs/new', text: 'Start a run', show: !!actor && hasAnyRole(actor, ['clerk']) },
    { id: 'people', href: '/people', text: 'People', show: !!actor && hasAnyRole(actor, ['clerk']) },
  ];
  return {
    caller: actor ? { name: actor.name, email: actor.email, isClerk: hasAnyRole(actor, ['clerk']) } : null,
    navigation: actor ? items.filter((i) => i.show).map((i) => ({ href: i.href, text: i.text, current: i.id === current })) : [],
    csrfField: CSRF_FIELD,
    csrfToken: token,
  };
}

export function htmlPage(status: number, view: string, context: Record<string, unknown>, headers: Record<string, string> = {}): ApiAnswer {
  return { statusCode: status, body: renderView(view, context), headers: { ...PAGE_HEADERS, ...headers } };
}

/** A GOV.UK error page in the pages' layout (signed-out when there is no actor). */
export function errorPage(status: number, title: string, message: string, actor?: Actor, link?: { href: string; text: string }): ApiAnswer {
  return htmlPage(status, 'error', { ...layoutContext(actor, undefined, undefined), title, message, link });
}

