/**
 * The one way Ratify signs what it hands out and checks it when it comes back: sign-off links, the pages' form
 * (CSRF) tokens and the sign-in state cookie. HMAC-SHA256 keyed by the link-signing key, each kind of token under
 * its own label (so a token of one kind never passes for another), compared in constant time.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export type SigningKey = string | Uint8Array;

/**
 * HMAC-SHA256 of `label` followed by `data`, base64url. A label ends with its own separator (`ratify-x:v1\n`),
 * which is part of what is signed.
 */
export function labelledMac(label: string, data: string, key: SigningKey): string {
  return createHmac('sha256', key).update(`${label}${data}`).digest('base64url');
}

/** Equal secrets (tokens, MACs, `state` values), compared in constant time; false when one is missing. */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

export type OpenedToken = { ok: true; payload: unknown } | { ok: false; reason: 'malformed' | 'bad-signature' };

export interface SealedTokenKind {
  /** `<prefix><base64url JSON>.<MAC>`: the payload readable by anyone, changed by no one. */
  seal(payload: unknown, key: SigningKey): string;
  /** The payload (parse it with its schema), once the MAC is ours; nothing is read from a token that is not. */
  open(token: string | null | undefined, key: SigningKey): OpenedToken;
}

/** One kind of sealed token: its MAC label, and a fixed prefix (a format version) if it has one. */
export function sealedTokenKind(label: string, prefix = ''): SealedTokenKind {
  return {
    seal(payload, key) {
      const body = Buffer.from(JSON.stringify(payload)).toString('base64url');
      return `${prefix}${body}.${labelledMac(label, body, key)}`;
    },
    open(token, key) {
      if (!token || !token.startsWith(prefix)) return { ok: false, reason: 'malformed' };
      const parts = token.slice(prefix.length).split('.');
      if (parts.length !== 2 || !parts[0] || !parts[1]) return { ok: false, reason: 'malformed' };
      const [body, mac] = parts;
      if (!sameSecret(mac, labelledMac(label, body, key))) return { ok: false, reason: 'bad-signature' };
      try {
        return { ok: true, payload: JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) };
      } catch {
        return { ok: false, reason: 'malformed' };
      }
    },
  };
}
