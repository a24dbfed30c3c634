import { csrfToken, isSameOriginRequest, isValidCsrfToken } from '../../../functions/edge/csrf';

const secret = 'a-server-secret-of-at-least-32-characters';

describe('form tokens', () => {
  it('are accepted only with the session they were made for and the server secret', () => {
    const token = csrfToken('session-a', secret);
    expect(isValidCsrfToken(token, 'session-a', secret)).toBe(true);
    expect(isValidCsrfToken(token, 'session-b', secret)).toBe(false);
    expect(isValidCsrfToken(token, 'session-a', `${secret}x`)).toBe(false);
    expect(isValidCsrfToken(`${token}x`, 'session-a', secret)).toBe(false);
    expect(isValidCsrfToken('', 'session-a', secret)).toBe(false);
    expect(isValidCsrfToken(null, 'session-a', secret)).toBe(false);
  });

  it('do not reveal the session they are tied to', () => {
    expect(csrfToken('session-a', secret)).not.toContain('session');
    expect(csrfToken('session-a', secret)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });
});

describe('isSameOriginRequest', () => {
  it('accepts posts from our own pages and requests without browser origin headers', () => {
    expect(isSameOriginRequest({ host: 'ratify.example.gov.uk', origin: 'https://ratify.example.gov.uk', 'sec-fetch-site': 'same-origin' })).toBe(true);
    expect(isSameOriginRequest({ host: 'localhost:3000', origin: 'http://localhost:3000' })).toBe(true);
    expect(isSameOriginRequest({ host: 'localhost:3000' })).toBe(true);
  });

  it('refuses posts another site makes a browser send', () => {
    expect(isSameOriginRequest({ host: 'ratify.example.gov.uk', origin: 'https://evil.example.com' })).toBe(false);
    expect(isSameOriginRequest({ host: 'ratify.example.gov.uk', 'sec-fetch-site': 'cross-site' })).toBe(false);
    expect(isSameOriginRequest({ host: 'ratify.example.gov.uk', 'sec-fetch-site': 'same-site', origin: 'https://intranet.example.gov.uk' })).toBe(false);
    expect(isSameOriginRequest({ host: 'ratify.example.gov.uk', origin: 'null' })).toBe(false);
  });
});
