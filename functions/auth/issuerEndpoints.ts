/**
 * The issuer's endpoints for this deployment: the Cognito hosted UI domain when `RATIFY_AUTH_DOMAIN` is set,
 * else the discovery document of `RATIFY_AUTH_ISSUER` (fetched and kept by functions/edge/jwt.ts).
 */
import { openIdConfiguration } from '../edge/jwt';
import { cognitoEndpoints, discoveryDocumentSchema, endpointsFromDiscovery, type IssuerEndpoints } from './issuerUrls';

export async function issuerEndpoints(): Promise<IssuerEndpoints> {
  const domain = process.env.RATIFY_AUTH_DOMAIN;
  if (domain) return cognitoEndpoints(domain);
  const issuer = process.env.RATIFY_AUTH_ISSUER;
  if (!issuer) throw new Error('RATIFY_AUTH_ISSUER must be set for the sign-in flow');
  return endpointsFromDiscovery(discoveryDocumentSchema.parse(await openIdConfiguration(issuer)));
}
