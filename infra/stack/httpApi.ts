import { RemovalPolicy, Validations } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigwv2 from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { HandlerFunction } from './handlerFunctions';

/** `POST /api/runs/{runId}/withdraw` -> method and path. */
export function parseRouteKey(routeKey: string): { method: apigwv2.HttpMethod; path: string } {
  const match = /^(GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS|ANY) (\/\S*)$/.exec(routeKey.trim());
  if (!match) throw new Error(`Route key "${routeKey}" must look like "POST /api/runs"`);
  return { method: match[1] as apigwv2.HttpMethod, path: match[2] };
}

/** One JSON line per request; the route key, never the raw path (sign-off links carry a signed token). */
export const accessLogFields = {
  requestId: '$context.requestId',
  requestTime: '$context.requestTime',
  ip: '$context.identity.sourceIp',
  routeKey: '$context.routeKey',
  status: '$context.status',
  protocol: '$context.protocol',
  responseLength: '$context.responseLength',
  latencyMs: '$context.responseLatency',
  integrationLatencyMs: '$context.integrationLatency',
  integrationError: '$context.integrationErrorMessage',
  authorizerError: '$context.authorizer.error',
  caller: '$context.authorizer.claims.sub',
};

export interface HttpApiProps {
  key: kms.IKey;
  logRetention: logs.RetentionDays;
  rateLimit: number;
  burstLimit: number;
  domainName?: string;
  certificateArn?: string;
}

/**
 * The HTTP API: every route of every API function in the functions list, behind the JWT authorizer unless the
 * function is public (the sign-off link pages verify their signed link themselves). Stage-wide throttling and
 * JSON access logs; an optional custom domain for the dashboard.
 */
export class RatifyHttpApi extends Construct {
  readonly api: apigwv2.HttpApi;
  readonly stage: apigwv2.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly domain?: apigwv2.DomainName;
  /** Base URL for links in e-mails and sign-in redirects, without a trailing slash. */
  readonly publicUrl: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);
    this.api = new apigwv2.HttpApi(this, 'Api', {
      description: 'Ratify: API and dashboard',
      createDefaultStage: false,
    });
    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: props.logRetention,
      encryptionKey: props.key,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (props.domainName && props.certificateArn) {
      this.domain = new apigwv2.DomainName(this, 'Domain', {
        domainName: props.domainName,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.certificateArn),
        securityPolicy: apigwv2.SecurityPolicy.TLS_1_2,
      });
    }
    this.stage = new apigwv2.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: props.rateLimit, burstLimit: props.burstLimit },
      accessLogSettings: {
        destination: new apigwv2.LogGroupLogDestination(this.accessLogs),
        format: AccessLogFormat.custom(JSON.stringify(accessLogFields)),
      },
      ...(this.domain ? { domainMapping: { domainName: this.domain } } : {}),
    });
    this.publicUrl = props.domainName ? `https://${props.domainName}` : this.api.apiEndpoint;
  }

  /** Adds every route of the API functions; the address is known before, so functions can use it in links. */
  addFunctionRoutes(apiFunctions: HandlerFunction[], authorizer: apigwv2.IHttpRouteAuthorizer): void {
    const seen = new Map<string, string>();
    for (const { def, fn } of apiFunctions) {
      if (def.kind !== 'api') continue;
      const integration = new HttpLambdaIntegration(`${def.id}Integration`, fn, {
        payloadFormatVersion: apigwv2.PayloadFormatVersion.VERSION_2_0,
      });
      for (const routeKey of def.routes) {
        const { method, path } = parseRouteKey(routeKey);
        const key = `${method} ${path}`;
        if (seen.has(key)) throw new Error(`Route ${key} is claimed by both ${seen.get(key)} and ${def.id}`);
        seen.set(key, def.id);
        const [route] = this.api.addRoutes({
          path,
          methods: [method],
          integration,
          authorizer: def.public ? new apigwv2.HttpNoneAuthorizer() : authorizer,
        });
        if (def.public) {
          Validations.of(route).acknowledge({
            id: 'AwsSolutions-APIG4',
            reason: `${key} is declared public in the functions list (${def.description}): the handler checks what it serves itself, as the sign-off link page checks its expiring, single-use, HMAC-signed link.`,
          });
        }
      }
    }
  }
}
