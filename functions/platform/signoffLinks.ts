/**
 * Sign-off links: `v1.<payload>.<signature>` (a sealed token, ./sealedToken.ts), the payload naming the run, the
 * sign-off, its request round and an expiry. The link never carries a task token; it is single-use through its
 * LINK item (keyed by `linkIdOf`), and superseded when the sign-off is asked again (new round).
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { SignoffLinkRequest } from '../domain/emailIntents';
import { sealedTokenKind, type SigningKey } from './sealedToken';

const payloadSchema = z.object({ r: z.string().min(1), s: z.string().min(1), n: z.number().int().min(1), e: z.number().int() });
// Links already e-mailed are signed over this label: changing it voids every one of them.
const links = sealedTokenKind('ratify-signoff-link.', 'v1.');

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

export function signLink(request: SignoffLinkRequest, key: SigningKey): string {
  return links.seal({ r: request.runId, s: request.signoffId, n: request.round, e: request.expiresAt }, key);
}

/** Checks a link's signature, then its expiry (`nowSeconds`: epoch seconds of the stack's clock). */
export function verifyLink(token: string, key: SigningKey, nowSeconds: number): LinkCheck {
  const opened = links.open(token, key);
  if (!opened.ok) return opened;
  const payload = payloadSchema.safeParse(opened.payload);
  if (!payload.success) return { ok: false, reason: 'malformed' };
  const { r, s, n, e } = payload.data;
  const link: VerifiedLink = { linkId: linkIdOf(r, s, n), runId: r, signoffId: s, round: n, expiresAt: e };
  if (nowSeconds >= e) return { ok: false, reason: 'expired', link };
  return { ok: true, link };
}
