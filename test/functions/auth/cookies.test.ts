import { clearedSessionCookie, clearedSignInStateCookie, cookieValue, sessionCookie, signInStateCookie } from '../../../functions/auth/cookies';

describe('sign-in cookies', () => {
  it('sets the session cookie HttpOnly, Secure, SameSite=Lax on the whole site until the token expires', () => {
    expect(sessionCookie('a.b.c', new Date('2026-11-26T11:00:00Z'))).toBe(
      'ratify_session=a.b.c; Expires=Thu, 26 Nov 2026 11:00:00 GMT; Path=/; HttpOnly; Secure; SameSite=Lax',
    );
    expect(clearedSessionCookie()).toMatch(/^ratify_session=; .*Max-Age=0; Path=\/; HttpOnly; Secure; SameSite=Lax$/);
  });

  it('sends the sign-in state only to the callback, for ten minutes', () => {
    expect(signInStateCookie('x.y')).toBe('ratify_sign_in=x.y; Max-Age=600; Path=/auth/callback; HttpOnly; Secure; SameSite=Lax');
    expect(clearedSignInStateCookie()).toContain('Max-Age=0; Path=/auth/callback');
  });

  it('reads a cookie by its exact name', () => {
    expect(cookieValue(['ratify_session=s', ' ratify_sign_in=a.b '], 'ratify_sign_in')).toBe('a.b');
    expect(cookieValue(['xratify_sign_in=a'], 'ratify_sign_in')).toBeUndefined();
    expect(cookieValue(undefined, 'ratify_sign_in')).toBeUndefined();
  });
});
