import { actorFromClaims, DEFAULT_ROLES_CLAIM, identityOf } from '../../../functions/edge/auth';

const claims = (extra: Record<string, unknown> = {}) => ({ email: 'Cleo.Clerk@Example.gov.uk', email_verified: 'true', name: 'Cleo Clerk', 'cognito:groups': '[clerk]', ...extra });

describe('actorFromClaims', () => {
  it('keeps the caller’s name on one line, as runs store it, and names them by e-mail when the name is blank', () => {
    expect(actorFromClaims(claims({ name: 'Cleo\r\n Clerk' }))).toEqual({ email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] });
    expect(actorFromClaims(claims({ name: '\u0007\t ' })).name).toBe('cleo.clerk@example.gov.uk');
    expect(actorFromClaims(claims({ name: '' })).name).toBe('cleo.clerk@example.gov.uk');
  });

  it('keeps the name valid Unicode, so no e-mail naming the caller fails', () => {
    expect(actorFromClaims(claims({ name: 'Cleo \ud800Clerk' })).name).toBe('Cleo \ufffdClerk');
  });

  it('reads roles from cognito:groups unless told otherwise', () => {
    expect(DEFAULT_ROLES_CLAIM).toBe('cognito:groups');
    expect(actorFromClaims(claims({ roles: '[manager]' }), 'roles').roles).toEqual(['manager']);
  });

  it('trusts only an e-mail the issuer verified, on an ID token (401 otherwise)', () => {
    for (const email_verified of [true, 'true']) expect(identityOf(claims({ email_verified }))?.email).toBe('cleo.clerk@example.gov.uk');
    for (const bad of [{ email_verified: false }, { email_verified: 'false' }, { email_verified: undefined }, { token_use: 'access' }, { email: ' ' }]) {
      expect(identityOf(claims(bad))).toBeUndefined();
      expect(() => actorFromClaims(claims(bad))).toThrow(expect.objectContaining({ code: 'unauthorized' }));
    }
    expect(() => actorFromClaims(undefined)).toThrow(expect.objectContaining({ code: 'unauthorized' }));
  });
});
