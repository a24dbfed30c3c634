import { clearedCookie, clearedSessionCookie, sessionCookie, setCookie } from '../../../functions/edge/cookies';
import { clearedSignInStateCookie, signInStateCookie } from '../../../functions/auth/signInState';

describe('cookies', () => {
  it('sets the session cookie HttpOnly, Secure, SameSite=Lax on the whole site until the token expires', () => {
    expect(sessionCookie('a.b.c', new Date('2026-11-26T11:00:00Z'), { secure: true })).toBe(
      'ratify_session=a.b.c; Expires=Thu, 26 Nov 2026 11:00:00 GMT; Path=/; HttpOnly; Secure; SameSite=Lax',
    );
    expect(clearedSessionCookie({ secure: true })).toBe('ratify_session=; Max-Age=0; Path=/; HttpOnly; Secure; SameSite=Lax');
  });

  it('differs on the embedded stack (plain http) only in Secure', () => {
    const expires = new Date('2026-11-26T11:00:00Z');
    expect(sessionCookie('a.b.c', expires, { secure: false })).toBe(sessionCookie('a.b.c', expires, { secure: true }).replace('; Secure', ''));
    expect(clearedSessionCookie({ secure: false })).toBe(clearedSessionCookie({ secure: true }).replace('; Secure', ''));
  });

  it('sends the sign-in state only to the callback, for ten minutes', () => {
    expect(signInStateCookie('x.y')).toBe('ratify_sign_in=x.y; Max-Age=600; Path=/auth/callback; HttpOnly; Secure; SameSite=Lax');
    expect(clearedSignInStateCookie()).toBe('ratify_sign_in=; Max-Age=0; Path=/auth/callback; HttpOnly; Secure; SameSite=Lax');
  });

  it('encodes what a cookie value cannot hold', () => {
    expect(setCookie('n', 'a;b c', { secure: false })).toBe('n=a%3Bb%20c; Path=/; HttpOnly; SameSite=Lax');
    expect(clearedCookie('n', { secure: false, path: '/x' })).toBe('n=; Max-Age=0; Path=/x; HttpOnly; SameSite=Lax');
  });
});
