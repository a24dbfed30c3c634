import {
  authorizationUrl,
  cognitoEndpoints,
  discoveryDocumentSchema,
  endpointsFromDiscovery,
  logoutUrl,
  redirectUri,
  tokenRequestBody,
} from '../../../functions/auth/issuerUrls';

const cognito = cognitoEndpoints('https://ratify-council.auth.eu-west-2.amazoncognito.com/');

describe('issuer endpoints', () => {
  it('uses the fixed paths of a Cognito hosted UI domain', () => {
    expect(cognito).toEqual({
      authorization: 'https://ratify-council.auth.eu-west-2.amazoncognito.com/oauth2/authorize',
      token: 'https://ratify-council.auth.eu-west-2.amazoncognito.com/oauth2/token',
      logout: { url: 'https://ratify-council.auth.eu-west-2.amazoncognito.com/logout', style: 'cognito' },
    });
  });

  it('reads any OpenID Connect issuer from its discovery document, logout only where it has one', () => {
    const doc = discoveryDocumentSchema.parse({
      issuer: 'https://login.example/t/v2.0',
      authorization_endpoint: 'https://login.example/t/oauth2/v2.0/authorize',
      token_endpoint: 'https://login.example/t/oauth2/v2.0/token',
      end_session_endpoint: 'https://login.example/t/oauth2/v2.0/logout',
    });
    expect(endpointsFromDiscovery(doc)).toEqual({
      authorization: 'https://login.example/t/oauth2/v2.0/authorize',
      token: 'https://login.example/t/oauth2/v2.0/token',
      logout: { url: 'https://login.example/t/oauth2/v2.0/logout', style: 'oidc' },
    });
    expect(endpointsFromDiscovery({ authorization_endpoint: 'https://a.example/auth', token_endpoint: 'https://a.example/token' }).logout).toBeUndefined();
    expect(discoveryDocumentSchema.safeParse({ token_endpoint: 'https://a.example/token' }).success).toBe(false);
  });
});

describe('addresses of the sign-in flow', () => {
  it('asks for an authorization code with PKCE (S256), state and nonce, coming back to our callback', () => {
    const url = new URL(authorizationUrl(cognito, { clientId: 'client-1', redirectUri: redirectUri('https://ratify.council.gov.uk/'), state: 's1', nonce: 'n1', challenge: 'c1' }));
    expect(`${url.origin}${url.pathname}`).toBe('https://ratify-council.auth.eu-west-2.amazoncognito.com/oauth2/authorize');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'client-1',
      redirect_uri: 'https://ratify.council.gov.uk/auth/callback',
      scope: 'openid email profile',
      state: 's1',
      nonce: 'n1',
      code_challenge: 'c1',
      code_challenge_method: 'S256',
    });
  });

  it('exchanges the code with the verifier as a public client', () => {
    expect(Object.fromEntries(tokenRequestBody({ code: 'k', verifier: 'v', clientId: 'client-1', redirectUri: 'https://r/auth/callback' }))).toEqual({
      grant_type: 'authorization_code',
      code: 'k',
      redirect_uri: 'https://r/auth/callback',
      client_id: 'client-1',
      code_verifier: 'v',
    });
  });

  it('signs out through Cognito with logout_uri, through OpenID Connect with post_logout_redirect_uri, else straight back', () => {
    const back = 'https://ratify.council.gov.uk/';
    expect(Object.fromEntries(new URL(logoutUrl(cognito, { clientId: 'c', returnTo: back, idToken: 't' })).searchParams)).toEqual({ client_id: 'c', logout_uri: back });
    const oidc = endpointsFromDiscovery({ authorization_endpoint: 'https://a.example/auth', token_endpoint: 'https://a.example/token', end_session_endpoint: 'https://a.example/logout' });
    expect(Object.fromEntries(new URL(logoutUrl(oidc, { clientId: 'c', returnTo: back, idToken: 't' })).searchParams)).toEqual({
      client_id: 'c',
      post_logout_redirect_uri: back,
      id_token_hint: 't',
    });
    expect(logoutUrl(undefined, { clientId: 'c', returnTo: back })).toBe(back);
  });
});
