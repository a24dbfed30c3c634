/**
 * Sign-off links: `v1.<payload>.<signature>`, the payload naming the run, the sign-off, its request round and an
 * expiry, signed with HMAC-SHA256. The link never carries a task token; it is single-use through its LINK item
 * (keyed by `linkIdOf`), and superseded when the sign-off is asked again (new round).
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import type { SignoffLinkRequest } from './emailIntents';

const payloadSchema = z.object({ r: z.string().min(1), s: z.string().min(1), n: z.number().int().min(1), e: z.number().int() });

export interface VerifiedLink {
  linkId: string;
  runId: string;
  signoffId: string;
  round: number;
  expiresAt: number;
}

export type LinkCheck = { ok: true; link: VerifiedLink } | { ok: false; reason: 'malformed' | 'bad-signature' | 'expired'; link?: VerifiedLink };

/** The id of a link's single-use record: one per sign-off request round. */
export function linkIdOf(runId: string, signoffId: string, round: number): string {
  return createHash('sha256').update(`${runId}\n${signoffId}\n${round}`).digest('base64url').slice(0, 32);
}

function mac(key: string | Buffer, body: string): Buffer {
  return createHmac('sha256', key).update(`ratify-signoff-link.${body}`).digest();
}

export function signLink(request: SignoffLinkRequest, key: string | Buffer): string {
  const body = Buffer.from(JSON.stringify({ r: request.runId, s: request.signoffId, n: request.round, e: request.expiresAt })).toString('base64url');
  return `v1.${body}.${mac(key, body).toString('base64url')}`;
}

/** Checks a link's signature, then its expiry (`nowSeconds`: epoch seconds of the stack's clock). */
export function verifyLink(token: string, key: string | Buffer, nowSeconds: number): LinkCheck {
  const parts = token.split('.');
  if (parts.length !== 3 || parts[0] !== 'v1' || !parts[1] || !parts[2]) return { ok: false, reason: 'malformed' };
  const [, body, signature] = parts;
  const expected = mac(key, body);
  const given = Buffer.from(signature, 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
  let payload: z.infer<typeof payloadSchema>;
  try {
    payload = payloadSchema.parse(JSON.parse(Buffer.from(body, 'base64url').toString('utf8')));
  } catch {
    return { ok: false, reason: 'malformed' };
  }
  const link: VerifiedLink = {
    linkId: linkIdOf(payload.r, payload.s, payload.n),
    runId: payload.r,
    signoffId: payload.s,
    round: payload.n,
    expiresAt: payload.e,
  };
  if (nowSeconds >= payload.e) return { ok: false, reason: 'expired', link };
  return { ok: true, link };
}
