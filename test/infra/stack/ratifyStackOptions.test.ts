import { Template } from 'aws-cdk-lib/assertions';
import { fixtureDefinition, fixtureFunctions, fixtureStack, fixtureTable, testApp } from './support/fixtures';
import { logicalIdOf, nagFindings } from './support/template';
import { readDeployConfig } from '../../../infra/stack/config';
import { RatifyStack } from '../../../infra/stack/ratifyStack';

describe('with Microsoft Entra ID (any OIDC issuer) and the dashboard on its own domain', () => {
  const { app, stack } = fixtureStack({
    identityProvider: 'oidc',
    oidcIssuer: 'https://login.microsoftonline.com/0000-tenant/v2.0',
    oidcAudience: 'api://ratify',
    domainName: 'ratify.council.example.gov.uk',
    certificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/abc',
  });
  const template = Template.fromStack(stack);

  it('verifies tokens of that issuer and audience, and makes no user pool', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'JWT',
      JwtConfiguration: { Issuer: 'https://login.microsoftonline.com/0000-tenant/v2.0', Audience: ['api://ratify'] },
    });
    template.resourceCountIs('AWS::Cognito::UserPool', 0);
  });

  it('tells handlers to read roles from the app roles claim and to link to the dashboard domain', () => {
    const fn = template.toJSON().Resources[logicalIdOf(stack, stack.handlers.byId('CreateRun').fn)];
    expect(fn.Properties.Environment.Variables).toMatchObject({
      RATIFY_ROLES_CLAIM: 'roles',
      RATIFY_PUBLIC_URL: 'https://ratify.council.example.gov.uk',
      RATIFY_AUTH_ISSUER: 'https://login.microsoftonline.com/0000-tenant/v2.0',
    });
  });

  it('gives no function the dev token key', () => {
    expect(JSON.stringify(template.toJSON())).not.toContain('RATIFY_DEV_TOKEN_KEY');
  });

  it('serves the API on the custom domain with TLS 1.2', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::DomainName', {
      DomainName: 'ratify.council.example.gov.uk',
      DomainNameConfigurations: [{ CertificateArn: 'arn:aws:acm:eu-west-2:123456789012:certificate/abc', EndpointType: 'REGIONAL', SecurityPolicy: 'TLS_1_2' }],
    });
    template.resourceCountIs('AWS::ApiGatewayV2::ApiMapping', 1);
  });

  it('stays acyclic and cdk-nag clean', () => {
    expect(() => Template.fromJSON(template.toJSON())).not.toThrow();
    expect(nagFindings(app)).toEqual([]);
  });
});

describe('refusing to synthesize a broken deployment', () => {
  const config = readDeployConfig((k) => ({ senderAddress: 'r@council.gov.uk', senderDomain: 'council.gov.uk' })[k]);
  const build = (definition: string) =>
    new RatifyStack(testApp(), 'Broken', { config, functions: fixtureFunctions, table: fixtureTable, definition });

  it('refuses a Lambda task without the required retries', () => {
    const definition = JSON.parse(fixtureDefinition);
    delete definition.States.Await.Retry;
    expect(() => build(JSON.stringify(definition))).toThrow(/Await: Lambda.ServiceException, Lambda.TooManyRequestsException/);
  });

  it('refuses a placeholder no workflow function fills', () => {
    expect(() => build(fixtureDefinition.replace('${AwaitChangeFunctionArn}', '${NoSuchFunctionArn}'))).toThrow('NoSuchFunctionArn');
  });

  it('refuses two functions claiming the same route', () => {
    const clash = fixtureFunctions.map((d) => (d.id === 'WithdrawRun' && d.kind === 'api' ? { ...d, routes: ['POST /api/runs'] } : d));
    expect(() => new RatifyStack(testApp(), 'Clash', { config, functions: clash, table: fixtureTable, definition: fixtureDefinition })).toThrow(
      'Route POST /api/runs is claimed by both CreateRun and WithdrawRun',
    );
  });
});

describe('the cycle check the stack tests rely on', () => {
  it('refuses a template whose resources depend on each other in a circle', () => {
    const cyclic = { Resources: { A: { Type: 'X', Properties: { p: { Ref: 'B' } } }, B: { Type: 'X', DependsOn: ['A'] } } };
    expect(() => Template.fromJSON(cyclic)).toThrow('dependency cycle');
  });
});
