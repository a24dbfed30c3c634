import { z } from 'zod';
import { DEFAULT_ROLES_CLAIM } from '../../functions/edge/auth';

/**
 * What a council chooses when it deploys Ratify to AWS, read from CDK context (`cdk.json` or `-c key=value`).
 * Everything else is derived, so a deployment is described by these few keys alone.
 */
const hostname = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/, 'must be a domain name such as council.gov.uk');

const commaList = z
  .union([z.array(z.string()), z.string()])
  .transform((v) => (Array.isArray(v) ? v : v.split(',')).map((s) => s.trim()).filter(Boolean));

const positiveInt = z.coerce.number().int().positive();

/** CloudWatch Logs accepts only these retention periods. */
const retentionDays = [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

export const deployConfigSchema = z
  .object({
    /** From address of every e-mail (RATIFY_SENDER). */
    senderAddress: z.email().trim().toLowerCase(),
    /** The SES domain identity Ratify may send from; the sender address must belong to it. */
    senderDomain: hostname,
    /** Where clerks open the dashboard, e.g. ratify.council.gov.uk; omit to use the API's own address. */
    domainName: hostname.optional(),
    /** ACM certificate (same region) for domainName. */
    certificateArn: z.string().regex(/^arn:aws[a-z-]*:acm:/, 'must be an ACM certificate ARN').optional(),
    /** `cognito` (a user pool made by the stack) or `oidc` (any OpenID Connect issuer, e.g. Microsoft Entra ID). */
    identityProvider: z.enum(['cognito', 'oidc']).default('cognito'),
    /** OIDC issuer URL, e.g. https://login.microsoftonline.com/<tenant-id>/v2.0 */
    oidcIssuer: z.url({ protocol: /^https$/ }).optional(),
    /** Accepted `aud` values (the application's client id), comma separated. */
    oidcAudience: commaList.optional(),
    /** Claim holding the caller's roles; defaults to `cognito:groups` (Cognito) or `roles` (OIDC app roles). */
    rolesClaim: z.string().trim().min(1).optional(),
    /** Optional Cognito hosted sign-in domain prefix (globally unique). */
    cognitoDomainPrefix: z.string().regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/).optional(),
    /** Who receives operator alarms (subscribed to the alarm topic; must confirm the subscription). */
    alarmEmail: z.email().optional(),
    /** Who is told about an undeliverable address when the run it concerns is unknown; defaults to the sender. */
    clerkAlertAddress: z.email().optional(),
    /** API Gateway throttling of the whole stage: steady requests per second and burst. */
    apiRateLimit: positiveInt.default(50),
    apiBurstLimit: positiveInt.default(100),
    /** Days to keep Lambda, API access and state machine logs. */
    logRetentionDays: positiveInt
      .refine((d) => retentionDays.includes(d), `must be one of ${retentionDays.join(', ')}`)
      .default(365),
  })
  .superRefine((c, ctx) => {
    const domainOfSender = c.senderAddress.split('@')[1];
    if (domainOfSender !== c.senderDomain && !domainOfSender.endsWith(`.${c.senderDomain}`)) {
      ctx.addIssue({ code: 'custom', path: ['senderAddress'], message: `must be an address at ${c.senderDomain}` });
    }
    if (c.domainName && !c.certificateArn) {
      ctx.addIssue({ code: 'custom', path: ['certificateArn'], message: 'is required with domainName' });
    }
    if (c.identityProvider === 'oidc') {
      if (!c.oidcIssuer) ctx.addIssue({ code: 'custom', path: ['oidcIssuer'], message: 'is required with identityProvider=oidc' });
      if (!c.oidcAudience?.length) {
        ctx.addIssue({ code: 'custom', path: ['oidcAudience'], message: 'is required with identityProvider=oidc' });
      }
    }
  })
  .transform((c) => ({ ...c, rolesClaim: c.rolesClaim ?? (c.identityProvider === 'oidc' ? 'roles' : DEFAULT_ROLES_CLAIM) }));

export type DeployConfig = z.output<typeof deployConfigSchema>;
export type DeployConfigInput = z.input<typeof deployConfigSchema>;

/** Context keys the app reads, in the order the README documents them. */
export const deployContextKeys = Object.keys(deployConfigSchema.in.shape) as Array<keyof DeployConfigInput>;

/**
 * Reads the deployment settings from CDK context; a missing or malformed key is an error that names the key,
 * so `cdk synth` stops before anything half-configured reaches CloudFormation.
 */
export function readDeployConfig(tryGetContext: (key: string) => unknown): DeployConfig {
  const raw: Record<string, unknown> = {};
  for (const key of deployContextKeys) {
    const value = tryGetContext(key);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = deployConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  -c ${i.path.join('.') || '?'}: ${i.message}`).join('\n');
    throw new Error(`Ratify deployment settings are incomplete or invalid:\n${problems}`);
  }
  return parsed.data;
}
