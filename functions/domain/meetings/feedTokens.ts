/**
 * Calendar feed addresses (`/calendar/feeds/<token>.ics`): the token is an HMAC, under the server's link key, of a
 * random nonce kept for the person, so it is long and unguessable, the same address can be given again, and a new
 * nonce (after a revocation) makes a new one. Only its SHA-256 is stored as the key that finds the person.
 */
import { createHash, createHmac } from 'node:crypto';

/** 32 bytes in base64url. */
const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function feedToken(secret: string, nonce: string): string {
  return createHmac('sha256', secret).update(`calendar-feed\n${nonce}`).digest('base64url');
}

export function feedTokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** The token of a feed file name (`<token>.ics`), or undefined when it cannot be one. */
export function tokenOfFeedFile(file: string): string | undefined {
  const token = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : undefined;
  return token && TOKEN.test(token) ? token : undefined;
}

/** The body id of a body feed's file name (`<bodyId>.ics`), or undefined. */
export function bodyIdOfFeedFile(file: string): string | undefined {
  const id = file.endsWith('.ics') ? file.slice(0, -'.ics'.length) : undefined;
  return id && /^[a-z0-9-]{1,64}$/.test(id) ? id : undefined;
}
