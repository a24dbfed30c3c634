import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SESClient } from '@aws-sdk/client-ses';
import { SFNClient } from '@aws-sdk/client-sfn';

/*
 * Clients are created on first use, so the embedded stack can set AWS_ENDPOINT_URL_* before any handler runs.
 * The SDK reads those standard variables itself: no local/AWS branch here.
 */
let documentClient: DynamoDBDocumentClient | undefined;
let ses: SESClient | undefined;
let sfn: SFNClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function sesClient(): SESClient {
  ses ??= new SESClient({});
  return ses;
}

export function sfnClient(): SFNClient {
  sfn ??= new SFNClient({});
  return sfn;
}

export function tableName(): string {
  const name = process.env.RATIFY_TABLE;
  if (!name) throw new Error('RATIFY_TABLE is not set');
  return name;
}

export function stateMachineArn(): string {
  const arn = process.env.RATIFY_STATE_MACHINE_ARN;
  if (!arn) throw new Error('RATIFY_STATE_MACHINE_ARN is not set');
  return arn;
}

/** Forget cached clients (tests that restart the local stack on new ports). */
export function resetClients(): void {
  documentClient = undefined;
  ses = undefined;
  sfn = undefined;
}
