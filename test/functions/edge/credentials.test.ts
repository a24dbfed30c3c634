import { bearerToken, cookieParts, cookieValue, presentedCredential } from '../../../functions/edge/credentials';

describe('presentedCredential', () => {
  it('takes the bearer token first, else the session cookie', () => {
    expect(presentedCredential({ headers: { authorization: 'Bearer abc' }, cookies: ['ratify_session=def'] })).toEqual({ token: 'abc', via: 'bearer' });
    expect(presentedCredential({ headers: {}, cookies: ['other=1', 'ratify_session=d%2Ef'] })).toEqual({ token: 'd.f', via: 'cookie' });
    expect(presentedCredential({ headers: { cookie: 'a=1; ratify_session=xyz' } })).toEqual({ token: 'xyz', via: 'cookie' });
    expect(presentedCredential({ headers: { authorization: 'Basic abc' }, cookies: ['ratify_session='] })).toBeUndefined();
  });

  it('takes no cookie where only the Authorization header may name the caller (API routes)', () => {
    expect(presentedCredential({ cookies: ['ratify_session=def'] }, { cookie: false })).toBeUndefined();
    expect(presentedCredential({ headers: { authorization: 'Bearer abc' } }, { cookie: false })).toEqual({ token: 'abc', via: 'bearer' });
  });
});

describe('reading tokens', () => {
  it('reads a bearer token, and nothing else', () => {
    expect(bearerToken('Bearer a.b.c')).toBe('a.b.c');
    expect(bearerToken('bearer  a.b.c ')).toBe('a.b.c');
    for (const h of [undefined, null, '', 'Bearer', 'Basic abc', 'Bearer a b']) expect(bearerToken(h)).toBeUndefined();
  });

  it('reads a cookie by its exact name, decoded', () => {
    expect(cookieValue(['ratify_session=s', ' ratify_sign_in=a.b '], 'ratify_sign_in')).toBe('a.b');
    expect(cookieValue(['xratify_sign_in=a'], 'ratify_sign_in')).toBeUndefined();
    expect(cookieValue(['n=%E0%A4%A'], 'n')).toBeUndefined();
    expect(cookieValue(undefined, 'ratify_sign_in')).toBeUndefined();
  });

  it('splits Cookie headers into their parts', () => {
    expect(cookieParts('a=1; b=2;')).toEqual(['a=1', 'b=2']);
    expect(cookieParts(['a=1', 'b=2; c=3'])).toEqual(['a=1', 'b=2', 'c=3']);
    expect(cookieParts(undefined)).toEqual([]);
  });
});
