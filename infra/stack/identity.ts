import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import type * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpJwtAuthorizer, HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { roleSchema } from '../../functions/edge/auth';
import type { DeployConfig } from './config';

export interface IdentityProps {
  config: DeployConfig;
  /** Base URL of the dashboard, for the sign-in client's redirect. */
  publicUrl: string;
}

/**
 * Who the callers are. By default a Cognito user pool made here (no self sign-up, MFA required, threat
 * protection on), with one group per Ratify role; or any OIDC issuer (Microsoft Entra ID, ...) by configuration.
 * Either way API Gateway's JWT authorizer verifies the token and handlers read roles from `rolesClaim`.
 */
export class Identity extends Construct {
  readonly authorizer: apigwv2.IHttpRouteAuthorizer;
  readonly issuer: string;
  readonly clientIds: string[];
  readonly userPool?: cognito.UserPool;
  readonly signInDomain?: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: IdentityProps) {
    super(scope, id);
    const { config } = props;
    if (config.identityProvider === 'oidc') {
      this.issuer = config.oidcIssuer!;
      this.clientIds = config.oidcAudience!;
      this.authorizer = new HttpJwtAuthorizer('OidcAuthorizer', this.issuer, {
        jwtAudience: this.clientIds,
        identitySource: ['$request.header.Authorization'],
      });
      return;
    }

    const userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      standardAttributes: { email: { required: true, mutable: true }, fullname: { required: true, mutable: true } },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: { minLength: 12, requireLowercase: true, requireUppercase: true, requireDigits: true, requireSymbols: true, tempPasswordValidity: Duration.days(3) },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // One group per role; `cognito:groups` in the ID token carries them to the handlers.
    for (const role of roleSchema.options) {
      new cognito.CfnUserPoolGroup(this, `Group${role[0].toUpperCase()}${role.slice(1)}`, {
        userPoolId: userPool.userPoolId,
        groupName: role,
        description: `Ratify ${role}`,
      });
    }
    const client = userPool.addClient('DashboardClient', {
      generateSecret: false,
      // Identity is the e-mail address: a user must never change their own (nor mark it verified) through this
      // client. The pool's `email` stays mutable only because Cognito cannot change that on an existing pool;
      // administrators change addresses, and the handlers accept only `email_verified` tokens.
      writeAttributes: new cognito.ClientAttributes().withStandardAttributes({ fullname: true }),
      preventUserExistenceErrors: true,
      authFlows: { userSrp: true },
      idTokenValidity: Duration.hours(1),
      accessTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.days(1),
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [`${props.publicUrl}/auth/callback`],
        logoutUrls: [`${props.publicUrl}/`],
      },
    });
    if (config.cognitoDomainPrefix) {
      this.signInDomain = userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: config.cognitoDomainPrefix } });
    }
    this.userPool = userPool;
    this.clientIds = [client.userPoolClientId];
    this.issuer = `https://cognito-idp.${Stack.of(this).region}.amazonaws.com/${userPool.userPoolId}`;
    this.authorizer = new HttpUserPoolAuthorizer('CognitoAuthorizer', userPool, {
      userPoolClients: [client],
      identitySource: ['$request.header.Authorization'],
    });
  }
}
