import { RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type { Construct } from 'constructs';
import type { KeyDef, TableDef } from '../definitions/table';

const attribute = (k: KeyDef): dynamodb.Attribute => ({
  name: k.name,
  type: k.type === 'S' ? dynamodb.AttributeType.STRING : dynamodb.AttributeType.NUMBER,
});

/**
 * The single table, built from the same definition the embedded local stack creates its table from. Runs are a
 * council's record of decisions: on-demand, point-in-time recovery, deletion protection, kept on stack deletion.
 */
export function createDataTable(scope: Construct, def: TableDef, key: kms.IKey): dynamodb.Table {
  const table = new dynamodb.Table(scope, 'Table', {
    partitionKey: attribute(def.partitionKey),
    sortKey: attribute(def.sortKey),
    billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
    deletionProtection: true,
    encryption: dynamodb.TableEncryption.CUSTOMER_MANAGED,
    encryptionKey: key,
    timeToLiveAttribute: def.timeToLiveAttribute,
    removalPolicy: RemovalPolicy.RETAIN,
  });
  for (const index of def.globalSecondaryIndexes) {
    table.addGlobalSecondaryIndex({
      indexName: index.indexName,
      partitionKey: attribute(index.partitionKey),
      sortKey: attribute(index.sortKey),
      projectionType: dynamodb.ProjectionType.ALL,
    });
  }
  return table;
}
