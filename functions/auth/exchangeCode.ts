/**
 * The authorization code grant at the issuer's token endpoint: the code and PKCE verifier in, the ID token out.
 * A refusal (4xx: a used, expired or forged code) is the caller's failed sign-in; anything else is an outage.
 */
import { z } from 'zod';
import { tokenRequestBody } from './issuerUrls';

const tokenResponseSchema = z.object({ id_token: z.string().min(1) });

export type CodeExchange = { idToken: string } | { refused: string };

export async function exchangeCode(
  tokenEndpoint: string,
  opts: { code: string; verifier: string; clientId: string; redirectUri: string },
): Promise<CodeExchange> {
  const res = await fetch(tokenEndpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
    body: tokenRequestBody(opts),
    signal: AbortSignal.timeout(5000),
  });
  if (res.status >= 400 && res.status < 500) {
    const body = (await res.json().catch(() => ({}))) as { error?: unknown };
    return { refused: typeof body.error === 'string' ? body.error : `status ${res.status}` };
  }
  if (!res.ok) throw new Error(`token endpoint answered ${res.status}`);
  const parsed = tokenResponseSchema.safeParse(await res.json());
  if (!parsed.success) throw new Error('token endpoint answered without an id_token');
  return { idToken: parsed.data.id_token };
}
