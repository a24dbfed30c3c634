/**
 * The DynamoDB client and table: only the store reaches them. Created on first use, so the embedded stack can set
 * AWS_ENDPOINT_URL_DYNAMODB before any handler runs (the SDK reads that standard variable itself).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { onClientReset } from '../platform/aws';

let documentClient: DynamoDBDocumentClient | undefined;

export function dynamo(): DynamoDBDocumentClient {
  documentClient ??= DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
  return documentClient;
}

export function tableName(): string {
  const name = process.env.RATIFY_TABLE;
  if (!name) throw new Error('RATIFY_TABLE is not set');
  return name;
}

onClientReset(() => {
  documentClient = undefined;
});
