import { Match, Template } from 'aws-cdk-lib/assertions';
import { functionDefs } from '../../../infra/definitions/functions';
import { readDeployConfig, type DeployConfigInput } from '../../../infra/stack/config';
import { RatifyStack } from '../../../infra/stack/ratifyStack';
import { fixtureConfig, fixtureDefinition, fixtureFunctions, fixtureTable, testApp } from './support/fixtures';
import { logicalIdOf, nagFindings, resourcesOf } from './support/template';

const signInDef = functionDefs.find((d) => d.id === 'SignIn')!;

function build(overrides: Partial<DeployConfigInput>) {
  const app = testApp();
  const config = readDeployConfig((k) => ({ ...fixtureConfig, ...overrides })[k as keyof DeployConfigInput]);
  const stack = new RatifyStack(app, 'RatifyTest', {
    config,
    functions: [...fixtureFunctions, signInDef],
    table: fixtureTable,
    definition: fixtureDefinition,
    env: { account: '123456789012', region: 'eu-west-2' },
  });
  const template = Template.fromStack(stack);
  const env = template.toJSON().Resources[logicalIdOf(stack, stack.handlers.byId('SignIn').fn)].Properties.Environment.Variables;
  return { app, stack, template, env };
}

describe('the browser sign-in on AWS', () => {
  it('with a Cognito hosted UI domain: public /auth routes, the domain and the sign-in address for the pages, cdk-nag clean', () => {
    const { app, stack, template, env } = build({ cognitoDomainPrefix: 'ratify-council' });
    const routes = Object.values(resourcesOf(template, 'AWS::ApiGatewayV2::Route')).map((r) => r.Properties);
    for (const key of ['GET /auth/login', 'GET /auth/callback', 'GET /auth/logout']) {
      expect(routes.find((r) => r.RouteKey === key)).toMatchObject({ AuthorizationType: 'NONE' });
    }
    expect(env.RATIFY_SIGN_IN_URL).toBe('/auth/login');
    expect(JSON.stringify(env.RATIFY_AUTH_DOMAIN)).toContain('.auth.eu-west-2.amazoncognito.com');
    expect(JSON.stringify(env.RATIFY_AUTH_DOMAIN)).toContain(logicalIdOf(stack, stack.identity.signInDomain!));
    expect(env.RATIFY_AUTH_CLIENT_ID).toEqual({ Ref: expect.stringMatching(/DashboardClient/) });
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      AllowedOAuthFlows: ['code'],
      CallbackURLs: [{ 'Fn::Join': ['', [Match.anyValue(), '/auth/callback']] }],
    });
    expect(nagFindings(app)).toEqual([]);
  });

  it('with an OIDC issuer: the sign-in address, endpoints found through the issuer (no Cognito domain)', () => {
    const { env } = build({ identityProvider: 'oidc', oidcIssuer: 'https://login.microsoftonline.com/0000-tenant/v2.0', oidcAudience: 'client-1' });
    expect(env).toMatchObject({ RATIFY_SIGN_IN_URL: '/auth/login', RATIFY_AUTH_ISSUER: 'https://login.microsoftonline.com/0000-tenant/v2.0', RATIFY_AUTH_CLIENT_ID: 'client-1' });
    expect(env.RATIFY_AUTH_DOMAIN).toBeUndefined();
  });

  it('with a user pool that has no sign-in domain: no sign-in address, so pages answer 401 rather than redirect to nowhere', () => {
    const { env } = build({});
    expect(env.RATIFY_SIGN_IN_URL).toBeUndefined();
    expect(env.RATIFY_AUTH_DOMAIN).toBeUndefined();
  });
});
