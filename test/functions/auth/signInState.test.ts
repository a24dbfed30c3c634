import { openSignInState, sealSignInState, type SignInState } from '../../../functions/auth/signInState';

const secret = 'a-signing-key-of-at-least-32-characters!';
const at = new Date('2026-11-26T10:00:00Z');
const state: SignInState = {
  state: 'state-value-0123456789',
  verifier: 'v'.repeat(43),
  nonce: 'nonce-value-0123456789',
  next: '/runs/abc',
  exp: at.getTime() + 600_000,
};

describe('the signed sign-in state', () => {
  it('opens what it sealed, with the same key, before it expires', () => {
    expect(openSignInState(sealSignInState(state, secret), secret, at)).toEqual(state);
  });

  it('refuses another key, a changed payload, a changed signature, expiry and junk', () => {
    const sealed = sealSignInState(state, secret);
    const [payload, signature] = sealed.split('.');
    const forged = Buffer.from(JSON.stringify({ ...state, next: '/elsewhere' })).toString('base64url');
    expect(openSignInState(sealed, `${secret}-other`, at)).toBeUndefined();
    expect(openSignInState(`${forged}.${signature}`, secret, at)).toBeUndefined();
    expect(openSignInState(`${payload}.${signature.slice(1)}x`, secret, at)).toBeUndefined();
    expect(openSignInState(sealed, secret, new Date(state.exp))).toBeUndefined();
    for (const junk of [undefined, '', 'abc', `${sealed}.more`]) expect(openSignInState(junk, secret, at)).toBeUndefined();
  });
});
