import { statementsFor, type GrantTargets } from '../../../infra/stack/permissions';

const t: GrantTargets = {
  region: 'eu-west-2',
  tableArn: 'arn:table',
  indexArns: ['arn:table/index/byStatus', 'arn:table/index/byOfficer'],
  keyArn: 'arn:key',
  stateMachineArn: 'arn:machine',
  executionsArn: 'arn:execution:machine:*',
  emailIdentityArn: 'arn:identity/council.gov.uk',
  configurationSetArn: 'arn:configuration-set/ratify',
  senderAddress: 'ratify@council.gov.uk',
  linkSecretArn: 'arn:secret',
};
const actionsOf = (perms: Parameters<typeof statementsFor>[0]) => statementsFor(perms, t).flatMap((s) => s.actions);

describe('statementsFor', () => {
  it('grants nothing to a function that declares nothing', () => {
    expect(statementsFor({}, t)).toEqual([]);
  });

  it('lets a reader query the table and its indexes and decrypt through DynamoDB only, never write', () => {
    const statements = statementsFor({ table: 'read' }, t);
    expect(statements.find((s) => s.sid === 'ReadTable')?.resources).toEqual(['arn:table', 'arn:table/index/byStatus', 'arn:table/index/byOfficer']);
    expect(actionsOf({ table: 'read' })).not.toContain('dynamodb:PutItem');
    expect(statements.find((s) => s.sid === 'UseTableKey')).toEqual({
      sid: 'UseTableKey',
      actions: ['kms:Decrypt'],
      resources: ['arn:key'],
      conditions: { StringEquals: { 'kms:ViaService': 'dynamodb.eu-west-2.amazonaws.com' } },
    });
  });

  it('lets a writer write items of the table itself, and encrypt with its key', () => {
    const statements = statementsFor({ table: 'readwrite' }, t);
    expect(statements.find((s) => s.sid === 'WriteTable')).toEqual({
      sid: 'WriteTable',
      actions: ['dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:BatchWriteItem'],
      resources: ['arn:table'],
    });
    expect(statements.find((s) => s.sid === 'UseTableKey')?.actions).toEqual(['kms:Decrypt', 'kms:Encrypt', 'kms:GenerateDataKey']);
  });

  it('lets a sender send only from the sender address, through our identity and configuration set', () => {
    expect(statementsFor({ sendEmail: true }, t)).toEqual([
      {
        sid: 'SendEmail',
        actions: ['ses:SendEmail', 'ses:SendRawEmail'],
        resources: ['arn:identity/council.gov.uk', 'arn:configuration-set/ratify'],
        conditions: { StringEquals: { 'ses:FromAddress': 'ratify@council.gov.uk' } },
      },
    ]);
  });

  it('splits state machine actions between the machine and its executions', () => {
    const statements = statementsFor({ stateMachine: ['callback', 'start', 'stop', 'describe'] }, t);
    expect(statements).toEqual([
      {
        sid: 'DriveStateMachine',
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure', 'states:SendTaskHeartbeat', 'states:StartExecution'],
        resources: ['arn:machine'],
      },
      { sid: 'ManageExecutions', actions: ['states:DescribeExecution', 'states:StopExecution'], resources: ['arn:execution:machine:*'] },
    ]);
  });

  it('lets a link signer read the one secret and decrypt it through Secrets Manager only', () => {
    expect(statementsFor({ linkKey: true }, t)).toEqual([
      { sid: 'ReadLinkKey', actions: ['secretsmanager:GetSecretValue'], resources: ['arn:secret'] },
      {
        sid: 'DecryptLinkKey',
        actions: ['kms:Decrypt'],
        resources: ['arn:key'],
        conditions: { StringEquals: { 'kms:ViaService': 'secretsmanager.eu-west-2.amazonaws.com' } },
      },
    ]);
  });

  it('never grants an action with a wildcard', () => {
    const all = actionsOf({ table: 'readwrite', sendEmail: true, linkKey: true, stateMachine: ['start', 'callback', 'stop', 'describe'] });
    expect(all.filter((a) => a.includes('*'))).toEqual([]);
  });
});
