/**
 * Proof Key for Code Exchange (RFC 7636, S256): the verifier stays with the browser's signed sign-in cookie, the
 * challenge goes to the issuer, so a code intercepted on its way back is useless to anyone else.
 */
import { createHash, randomBytes } from 'node:crypto';

/** 256 random bits, base64url: verifiers, `state` and `nonce` values. */
export function randomToken(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

export function pkceChallenge(verifier: string): string {
  return createHash('sha256').update(verifier, 'ascii').digest('base64url');
}

export function newPkce(): { verifier: string; challenge: string } {
  const verifier = randomToken();
  return { verifier, challenge: pkceChallenge(verifier) };
}
