import { actorFromClaims } from '../../../functions/edge/auth';

describe('actorFromClaims', () => {
  it('keeps the caller’s name on one line, as runs store it, and names them by e-mail when the name is blank', () => {
    const claims = (name: string) => ({ email: 'Cleo.Clerk@Example.gov.uk', name, 'cognito:groups': '[clerk]' });
    expect(actorFromClaims(claims('Cleo\r\n Clerk'))).toEqual({ email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] });
    expect(actorFromClaims(claims('\u0007\t ')).name).toBe('cleo.clerk@example.gov.uk');
    expect(actorFromClaims(claims('')).name).toBe('cleo.clerk@example.gov.uk');
  });
});
