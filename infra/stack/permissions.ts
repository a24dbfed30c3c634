import type { FunctionPermissions } from '../definitions/functions';

/**
 * The IAM statements one function needs, derived from its entry in infra/definitions/functions.ts and nothing
 * else: each capability maps to the fewest actions on the named resources. Pure, so it is tested without CDK.
 */
export interface GrantTargets {
  region: string;
  tableArn: string;
  indexArns: string[];
  /** The customer managed key that encrypts the table and the link secret. */
  keyArn: string;
  stateMachineArn: string;
  /** `arn:...:execution:<state machine name>:*`, the executions of the approval state machine. */
  executionsArn: string;
  emailIdentityArn: string;
  configurationSetArn: string;
  senderAddress: string;
  linkSecretArn: string;
}

export interface StatementSpec {
  sid: string;
  actions: string[];
  resources: string[];
  conditions?: Record<string, Record<string, string | string[]>>;
}

const tableRead = ['dynamodb:GetItem', 'dynamodb:BatchGetItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:ConditionCheckItem'];
const tableWrite = ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'];

const stateMachineActions = {
  start: { target: 'machine', actions: ['states:StartExecution'] },
  callback: { target: 'machine', actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat'] },
  stop: { target: 'executions', actions: ['states:StopExecution'] },
  describe: { target: 'executions', actions: ['states:DescribeExecution'] },
} as const;

export function statementsFor(permissions: FunctionPermissions, t: GrantTargets): StatementSpec[] {
  const statements: StatementSpec[] = [];
  const viaService = (service: string) => ({ StringEquals: { 'kms:ViaService': `${service}.${t.region}.amazonaws.com` } });

  if (permissions.table) {
    const write = permissions.table === 'readwrite';
    statements.push({ sid: 'ReadTable', actions: tableRead, resources: [t.tableArn, ...t.indexArns] });
    if (write) statements.push({ sid: 'WriteTable', actions: tableWrite, resources: [t.tableArn] });
    statements.push({
      sid: 'UseTableKey',
      actions: write ? ['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey'] : ['kms:Decrypt'],
      resources: [t.keyArn],
      conditions: viaService('dynamodb'),
    });
  }

  if (permissions.sendEmail) {
    statements.push({
      sid: 'SendEmail',
      actions: ['ses:SendEmail', 'ses:SendRawEmail'],
      resources: [t.emailIdentityArn, t.configurationSetArn],
      conditions: { StringEquals: { 'ses:FromAddress': t.senderAddress } },
    });
  }

  const wanted = [...new Set(permissions.stateMachine ?? [])].sort();
  for (const target of ['machine', 'executions'] as const) {
    const actions = wanted.filter((w) => stateMachineActions[w].target === target).flatMap((w) => stateMachineActions[w].actions);
    if (actions.length === 0) continue;
    statements.push({
      sid: target === 'machine' ? 'DriveStateMachine' : 'ManageExecutions',
      actions,
      resources: [target === 'machine' ? t.stateMachineArn : t.executionsArn],
    });
  }

  if (permissions.linkKey) {
    statements.push({ sid: 'ReadLinkKey', actions: ['secretsmanager:GetSecretValue'], resources: [t.linkSecretArn] });
    statements.push({ sid: 'DecryptLinkKey', actions: ['kms:Decrypt'], resources: [t.keyArn], conditions: viaService('secretsmanager') });
  }
  return statements;
}
