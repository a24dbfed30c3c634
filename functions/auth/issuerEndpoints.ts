/**
 * The issuer's endpoints for this deployment: the Cognito hosted UI domain when `RATIFY_AUTH_DOMAIN` is set,
 * else the discovery document of `RATIFY_AUTH_ISSUER` (fetched once per container, again after a failure).
 */
import { cognitoEndpoints, discoveryDocumentSchema, endpointsFromDiscovery, type IssuerEndpoints } from './issuerUrls';

let cached: { issuer: string; endpoints: Promise<IssuerEndpoints> } | undefined;

export function issuerEndpoints(): Promise<IssuerEndpoints> {
  const domain = process.env.RATIFY_AUTH_DOMAIN;
  if (domain) return Promise.resolve(cognitoEndpoints(domain));
  const issuer = process.env.RATIFY_AUTH_ISSUER;
  if (!issuer) return Promise.reject(new Error('RATIFY_AUTH_ISSUER must be set for the sign-in flow'));
  if (cached?.issuer !== issuer) {
    const endpoints = discover(issuer).catch((err: unknown) => {
      cached = undefined;
      throw err;
    });
    cached = { issuer, endpoints };
  }
  return cached.endpoints;
}

async function discover(issuer: string): Promise<IssuerEndpoints> {
  const res = await fetch(`${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`, { signal: AbortSignal.timeout(5000) });
  if (!res.ok) throw new Error(`OpenID configuration of ${issuer} answered ${res.status}`);
  return endpointsFromDiscovery(discoveryDocumentSchema.parse(await res.json()));
}

/** Tests switch issuers. */
export function forgetIssuerEndpoints(): void {
  cached = undefined;
}
