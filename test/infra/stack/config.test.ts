import { readDeployConfig } from '../../../infra/stack/config';

const from = (context: Record<string, unknown>) => readDeployConfig((key) => context[key]);
const sender = { senderAddress: 'Ratify@Council.gov.uk', senderDomain: 'council.gov.uk' };

describe('readDeployConfig', () => {
  it('needs only the sender address and domain, and defaults the rest to Cognito', () => {
    expect(from(sender)).toEqual({
      senderAddress: 'ratify@council.gov.uk',
      senderDomain: 'council.gov.uk',
      identityProvider: 'cognito',
      rolesClaim: 'cognito:groups',
      apiRateLimit: 50,
      apiBurstLimit: 100,
      logRetentionDays: 365,
    });
  });

  it('names every missing key as a -c option', () => {
    expect(() => from({})).toThrow(/-c senderAddress:[\s\S]*-c senderDomain:/);
  });

  it('refuses a sender address outside the allowed sender domain', () => {
    expect(() => from({ ...sender, senderAddress: 'ratify@elsewhere.gov.uk' })).toThrow('-c senderAddress: must be an address at council.gov.uk');
  });

  it('accepts a sender at a subdomain of the allowed domain', () => {
    expect(from({ ...sender, senderAddress: 'ratify@mail.council.gov.uk' }).senderAddress).toBe('ratify@mail.council.gov.uk');
  });

  it('configures an OIDC issuer such as Entra ID, with app roles as the default roles claim', () => {
    const config = from({
      ...sender,
      identityProvider: 'oidc',
      oidcIssuer: 'https://login.microsoftonline.com/tenant-id/v2.0',
      oidcAudience: 'client-a, client-b',
    });
    expect(config).toMatchObject({ identityProvider: 'oidc', oidcAudience: ['client-a', 'client-b'], rolesClaim: 'roles' });
  });

  it('requires the issuer and audience for OIDC, and an https issuer', () => {
    expect(() => from({ ...sender, identityProvider: 'oidc' })).toThrow(/oidcIssuer: is required[\s\S]*oidcAudience: is required/);
    expect(() => from({ ...sender, identityProvider: 'oidc', oidcIssuer: 'http://idp.example', oidcAudience: 'x' })).toThrow('-c oidcIssuer');
  });

  it('requires a certificate with the dashboard domain name', () => {
    expect(() => from({ ...sender, domainName: 'ratify.council.gov.uk' })).toThrow('-c certificateArn: is required with domainName');
  });

  it('reads numbers given as strings on the command line and refuses a retention CloudWatch does not offer', () => {
    expect(from({ ...sender, apiRateLimit: '20', logRetentionDays: '731' })).toMatchObject({ apiRateLimit: 20, logRetentionDays: 731 });
    expect(() => from({ ...sender, logRetentionDays: '100' })).toThrow('-c logRetentionDays');
  });
});
