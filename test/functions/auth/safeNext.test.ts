import { safeNext } from '../../../functions/auth/safeNext';

describe('safeNext', () => {
  it('keeps a path of this site with its query and fragment', () => {
    expect(safeNext('/runs/abc?tab=signoffs#top')).toBe('/runs/abc?tab=signoffs#top');
    expect(safeNext('/')).toBe('/');
    // Encoded characters stay encoded: the Location header cannot be split by them.
    expect(safeNext('/%0d%0aSet-Cookie:x')).toBe('/%0d%0aSet-Cookie:x');
  });

  it('sends anything that could leave the site, or loop through sign-in, to the dashboard', () => {
    for (const next of [undefined, null, '', 'runs', 'https://evil.example/', '//evil.example/x', '/\\evil.example', '/a\nb', '/a\\b', '/auth/login', '/auth/callback?code=1', '/auth']) {
      expect(safeNext(next)).toBe('/');
    }
  });
});
