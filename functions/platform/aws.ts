import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';

/*
 * Clients are created on first use, so the embedded stack can set AWS_ENDPOINT_URL_* before any handler runs.
 * The SDK reads those standard variables itself: no local/AWS branch here.
 */
let ses: SESClient | undefined;
let sfn: SFNClient | undefined;

/**
 * One request per call: the SDK's own retry would send again after a connection lost or timed out, when SES may
 * have taken the e-mail (DESIGN.md "E-mails": at most once). `sendEmail` retries only what SES answered it did
 * not take.
 */
export function sesClient(): SESClient {
  ses ??= new SESClient({ maxAttempts: 1 });
  return ses;
}

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}

export function stateMachineArn(): string {
  const arn = process.env.RATIFY_STATE_MACHINE_ARN;
  if (!arn) throw new Error('RATIFY_STATE_MACHINE_ARN is not set');
  return arn;
}

const resets: Array<() => void> = [];

/** Lets the store's DynamoDB client be forgotten with the others (it lives in functions/store/dynamo.ts). */
export function onClientReset(reset: () => void): void {
  resets.push(reset);
}

/** Forget cached clients (tests that restart the local stack on new ports). */
export function resetClients(): void {
  ses = undefined;
  sfn = undefined;
  for (const reset of resets) reset();
}
