/**
 * Calendar feed tokens (`/calendar/feeds/<token>.ics`): the labelled HMAC (./sealedToken.ts), under the link key,
 * of a random nonce kept for the person, so the token is long and unguessable, the same address can be given
 * again, and a new nonce (after a revocation) makes a new one. Only its SHA-256 is stored, as the key that finds
 * the person: a token that comes back is hashed and looked up, never compared.
 */
import { createHash } from 'node:crypto';
import { labelledMac, type SigningKey } from './sealedToken';

// Addresses already given out are derived under this label: changing it voids every one of them.
const FEED_TOKEN_LABEL = 'calendar-feed\n';

export function feedToken(key: SigningKey, nonce: string): string {
  return labelledMac(FEED_TOKEN_LABEL, nonce, key);
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
