/**
 * The issuer's endpoints and the addresses the sign-in flow sends a browser to. Two sources: a Cognito hosted UI
 * domain (its fixed `/oauth2/authorize`, `/oauth2/token` and `/logout`), or any OpenID Connect issuer's discovery
 * document (Entra ID, ...). Pure: the fetching is in issuerEndpoints.ts.
 */
import { z } from 'zod';

export interface IssuerEndpoints {
  authorization: string;
  token: string;
  /** Where a browser signs out of the issuer too, if it has such an endpoint. */
  logout?: { url: string; style: 'cognito' | 'oidc' };
}

export const discoveryDocumentSchema = z.object({
  authorization_endpoint: z.url({ protocol: /^https?$/ }),
  token_endpoint: z.url({ protocol: /^https?$/ }),
  end_session_endpoint: z.url({ protocol: /^https?$/ }).optional(),
});
export type DiscoveryDocument = z.infer<typeof discoveryDocumentSchema>;

export function endpointsFromDiscovery(doc: DiscoveryDocument): IssuerEndpoints {
  return {
    authorization: doc.authorization_endpoint,
    token: doc.token_endpoint,
    ...(doc.end_session_endpoint ? { logout: { url: doc.end_session_endpoint, style: 'oidc' as const } } : {}),
  };
}

/** A Cognito user pool domain, e.g. `https://ratify-council.auth.eu-west-2.amazoncognito.com`. */
export function cognitoEndpoints(domain: string): IssuerEndpoints {
  const base = domain.replace(/\/+$/, '');
  return { authorization: `${base}/oauth2/authorize`, token: `${base}/oauth2/token`, logout: { url: `${base}/logout`, style: 'cognito' } };
}

/** Our callback, as registered with the issuer. */
export function redirectUri(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/auth/callback`;
}

export function authorizationUrl(
  endpoints: IssuerEndpoints,
  opts: { clientId: string; redirectUri: string; state: string; nonce: string; challenge: string },
): string {
  const url = new URL(endpoints.authorization);
  url.searchParams.set('response_type', 'code');
  url.searchParams.set('client_id', opts.clientId);
  url.searchParams.set('redirect_uri', opts.redirectUri);
  url.searchParams.set('scope', 'openid email profile');
  url.searchParams.set('state', opts.state);
  url.searchParams.set('nonce', opts.nonce);
  url.searchParams.set('code_challenge', opts.challenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.toString();
}

/** The body of the authorization code grant (a public client: PKCE instead of a secret). */
export function tokenRequestBody(opts: { code: string; verifier: string; clientId: string; redirectUri: string }): URLSearchParams {
  return new URLSearchParams({
    grant_type: 'authorization_code',
    code: opts.code,
    redirect_uri: opts.redirectUri,
    client_id: opts.clientId,
    code_verifier: opts.verifier,
  });
}

/**
 * Where to send a browser that signs out: the issuer's logout (Cognito's `logout_uri`, or OpenID Connect
 * RP-initiated logout), which comes back to `returnTo`; without one, `returnTo` itself.
 */
export function logoutUrl(endpoints: IssuerEndpoints | undefined, opts: { clientId: string; returnTo: string; idToken?: string }): string {
  const logout = endpoints?.logout;
  if (!logout) return opts.returnTo;
  const url = new URL(logout.url);
  url.searchParams.set('client_id', opts.clientId);
  if (logout.style === 'cognito') {
    url.searchParams.set('logout_uri', opts.returnTo);
  } else {
    url.searchParams.set('post_logout_redirect_uri', opts.returnTo);
    if (opts.idToken) url.searchParams.set('id_token_hint', opts.idToken);
  }
  return url.toString();
}
