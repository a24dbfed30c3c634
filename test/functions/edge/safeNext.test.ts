import { safeNext } from '../../../functions/edge/safeNext';

describe('safeNext', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeNext('/runs/abc?tab=signoffs#top')).toBe('/runs/abc?tab=signoffs#top');
    expect(safeNext('/')).toBe('/');
    expect(safeNext('/meetings?x=1')).toBe('/meetings?x=1');
    expect(safeNext('/runs/a%20b')).toBe('/runs/a%20b');
  });

  it('normalises dot segments that stay on this site', () => {
    expect(safeNext('/runs/./abc')).toBe('/runs/abc');
    expect(safeNext('/runs/x/../abc')).toBe('/runs/abc');
  });

  it('sends anything that could leave the site, or loop through sign-in, to the dashboard', () => {
    for (const next of [undefined, null, '', 'runs', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/a\nb', '/a\\b', '/auth/login', '/auth/callback?code=1', '/auth', '/dev/login?next=/', '/local/sign-in?next=/', '/local/sign-in/abc', '/local/sign-out']) {
      expect(safeNext(next)).toBe('/');
    }
  });

  it('judges the path after the normalising a browser does: dot segments and encoded dots cannot start another host', () => {
    for (const next of ['/.//evil.example', '/a/..//evil.example', '/%2e//evil.example', '/%2E%2E//evil.example', '/x/%2e%2e//evil.example', '/%252e//evil.example', '/.%2f/evil.example']) {
      expect(safeNext(next)).toBe('/');
    }
  });

  it('refuses control characters, white space and backslashes, as sent or percent-encoded', () => {
    for (const next of ['/\t/evil.example', '/%09/evil.example', '/%0a/x', '/%0d%0aSet-Cookie:x', '/ /x', '/%5c/evil.example', '/%5Cevil.example', '/%2F%2Fevil.example', '/%E0%A4%A']) {
      expect(safeNext(next)).toBe('/');
    }
  });
});
