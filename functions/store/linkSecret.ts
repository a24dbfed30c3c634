/**
 * The link-signing key: `RATIFY_LINK_SECRET`, or the secret named by `RATIFY_LINK_SECRET_ARN` in Secrets
 * Manager, read once per container.
 */
import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

let cached: Promise<string> | undefined;

export function linkSecret(): Promise<string> {
  cached ??= load().catch((err: unknown) => {
    cached = undefined;
    throw err;
  });
  return cached;
}

async function load(): Promise<string> {
  const direct = process.env.RATIFY_LINK_SECRET;
  if (direct) return direct;
  const arn = process.env.RATIFY_LINK_SECRET_ARN;
  if (!arn) throw new Error('Neither RATIFY_LINK_SECRET nor RATIFY_LINK_SECRET_ARN is set: sign-off links cannot be signed');
  const client = new SecretsManagerClient({});
  try {
    const out = await client.send(new GetSecretValueCommand({ SecretId: arn }));
    const value = out.SecretString ?? (out.SecretBinary ? Buffer.from(out.SecretBinary).toString('utf8') : undefined);
    if (!value) throw new Error(`secret ${arn} is empty`);
    return value;
  } finally {
    client.destroy();
  }
}

/** Tests and the embedded stack change keys between runs. */
export function forgetLinkSecret(): void {
  cached = undefined;
}
