import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DescribeTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SESClient, SendEmailCommand } from '@aws-sdk/client-ses';
import { DescribeStateMachineCommand, SFNClient } from '@aws-sdk/client-sfn';
import { now } from '../../../functions/platform/clock';
import { approvalDefinitionPath } from '../../../infra/definitions/stateMachine';
import { ratifyTable } from '../../../infra/definitions/table';
import { localApprovalDefinition } from '../../../infra/local/approvalStateMachine';
import { signingKey, verifyToken } from '../../../infra/local/gateway/auth';
import { loadOrCreateSecrets } from '../../../infra/local/secrets';
import { startTestStack, type TestStack } from '../../support/localStack';

const credentials = { accessKeyId: 'local', secretAccessKey: 'local' };
const clerk = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk' as const] };

function sendEmail(t: TestStack, to: string[], subject: string, cc: string[] = []) {
  const ses = new SESClient({ endpoint: t.stack.env.AWS_ENDPOINT_URL_SES, region: 'eu-west-2', credentials });
  return ses
    .send(
      new SendEmailCommand({
        Source: t.stack.env.RATIFY_SENDER,
        Destination: { ToAddresses: to, CcAddresses: cc },
        Message: { Subject: { Data: subject }, Body: { Text: { Data: `${subject} (text)` }, Html: { Data: `<p>${subject}</p>` } } },
      }),
    )
    .finally(() => ses.destroy());
}

describe('the embedded local stack', () => {
  let dataDir: string;
  let t: TestStack;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'ratify-stack-'));
    t = await startTestStack({ dataDir, clockStart: '2027-01-04T09:00:00Z' });
  });

  afterAll(async () => {
    await t.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('answers /health with ok once every component is up', async () => {
    const res = await t.api.get('/health');
    expect(res.body).toEqual({ status: 'ok' });
    expect(res.status).toBe(200);
  });

  it('creates the table from the shared definition', async () => {
    const dynamo = new DynamoDBClient({ endpoint: t.stack.env.AWS_ENDPOINT_URL_DYNAMODB, region: 'eu-west-2', credentials });
    const { Table } = await dynamo.send(new DescribeTableCommand({ TableName: t.stack.env.RATIFY_TABLE }));
    dynamo.destroy();
    expect(Table?.TableName).toBe(ratifyTable.localName);
    expect(Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName).sort()).toEqual(ratifyTable.globalSecondaryIndexes.map((i) => i.indexName).sort());
  });

  it('creates the approval state machine when its definition exists', async () => {
    if (!existsSync(approvalDefinitionPath)) {
      expect(t.stack.stateMachineArn).toBeUndefined();
      return;
    }
    const sfn = new SFNClient({ endpoint: t.stack.env.AWS_ENDPOINT_URL_SFN, region: 'eu-west-2', credentials });
    const machine = await sfn.send(new DescribeStateMachineCommand({ stateMachineArn: t.stack.env.RATIFY_STATE_MACHINE_ARN }));
    sfn.destroy();
    expect(machine.name).toBe('ratify-approval');
    expect(JSON.parse(machine.definition!)).toEqual(JSON.parse(localApprovalDefinition()));
  });

  it('sets the environment the handlers need', () => {
    const env = t.stack.env;
    for (const name of ['AWS_REGION', 'AWS_ENDPOINT_URL_DYNAMODB', 'AWS_ENDPOINT_URL_SES', 'AWS_ENDPOINT_URL_SFN', 'RATIFY_TABLE', 'RATIFY_STATE_MACHINE_ARN', 'RATIFY_SENDER', 'RATIFY_LINK_SECRET']) {
      expect(process.env[name]).toBe(env[name]);
    }
    expect(env.RATIFY_PUBLIC_URL).toBe(t.url);
    expect(env.RATIFY_ROLES_CLAIM).toBe('cognito:groups');
  });

  it('issues dev tokens', async () => {
    expect((await t.token(clerk)).split('.')).toHaveLength(3);
  });

  it('answers 404 in the error shape for an unknown route', async () => {
    const res = await t.api.get('/api/no-such-thing', { as: clerk });
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('not-found');
  });

  it('answers 413 to a body over 1 MB', async () => {
    const res = await t.api.post('/api/dev/token', { email: 'a@example.gov.uk', roles: [], pad: 'x'.repeat(1024 * 1024) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('payload-too-large');
  });

  it('moves the virtual clock forward, the handlers see it, and it never goes back', async () => {
    expect(await t.now()).toBe('2027-01-04T09:00:00.000Z');
    expect(await t.advanceClock('2027-01-05T00:00:00Z')).toBe('2027-01-05T00:00:00.000Z');
    expect(now().toISOString()).toBe('2027-01-05T00:00:00.000Z');
    const back = await t.api.post('/_local/clock', { now: '2027-01-04T12:00:00Z' });
    expect(back.status).toBe(409);
    expect(back.body.error.code).toBe('conflict');
    const same = await t.api.post('/_local/clock', { now: '2027-01-05T00:00:00Z' });
    expect(same.status).toBe(200);
    const bad = await t.api.post('/_local/clock', { now: 'tomorrow' });
    expect(bad.status).toBe(400);
    expect(Object.keys(bad.body.error.fields)).toEqual(['now']);
  });

  it('lists e-mails sent through the SES API, oldest first, with bare addresses and the stack time', async () => {
    await sendEmail(t, ['"Keith Trowell" <k.trowell@example.gov.uk>', 'terry.hughes@example.gov.uk'], 'Sign-off requested: Legal', ['Cleo <cleo.clerk@example.gov.uk>']);
    await sendEmail(t, ['terry.hughes@example.gov.uk'], 'Second');
    const emails = await t.emails();
    expect(emails.slice(-2)).toEqual([
      {
        to: ['k.trowell@example.gov.uk', 'terry.hughes@example.gov.uk'],
        cc: ['cleo.clerk@example.gov.uk'],
        subject: 'Sign-off requested: Legal',
        text: 'Sign-off requested: Legal (text)',
        html: '<p>Sign-off requested: Legal</p>',
        sentAt: '2027-01-05T00:00:00.000Z',
      },
      expect.objectContaining({ subject: 'Second', to: ['terry.hughes@example.gov.uk'], cc: [] }),
    ]);
  });

  it('refuses an e-mail without a To address, as SES does', async () => {
    await expect(sendEmail(t, [], 'Nobody')).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    await expect(sendEmail(t, [''], 'Blank')).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    expect((await t.emails()).map((e) => e.subject)).not.toContain('Nobody');
  });

  it('keeps the clock, the e-mails and the signing keys across a restart', async () => {
    const token = await t.token(clerk);
    const before = await t.emails();
    t = await t.restart();
    expect(await t.now()).toBe('2027-01-05T00:00:00.000Z');
    expect(await t.emails()).toEqual(before);
    await sendEmail(t, ['terry.hughes@example.gov.uk'], 'After the restart');
    expect((await t.emails()).map((e) => e.subject)).toEqual([...before.map((e) => e.subject), 'After the restart']);
    expect(await verifyToken(signingKey(loadOrCreateSecrets(dataDir).jwtKey), token)).toMatchObject({ email: clerk.email });
    expect(loadOrCreateSecrets(dataDir).linkSecret).toBe(t.stack.env.RATIFY_LINK_SECRET);
    expect((await t.api.get('/health')).status).toBe(200);
  });

  it('ignores RATIFY_CLOCK_START once the data directory has a clock', async () => {
    t = await restartWith(t, { clockStart: '2030-01-01T00:00:00Z' });
    expect(await t.now()).toBe('2027-01-05T00:00:00.000Z');
  });

  async function restartWith(current: TestStack, extra: { clockStart: string }): Promise<TestStack> {
    await current.stack.stop();
    return startTestStack({ dataDir, ...extra });
  }
});

describe('the local stack with a real clock', () => {
  it('has no /_local/clock', async () => {
    const t = await startTestStack({ clock: 'real' });
    try {
      expect((await t.api.get('/_local/clock')).status).toBe(404);
      expect((await t.api.post('/_local/clock', { now: '2030-01-01T00:00:00Z' })).status).toBe(404);
    } finally {
      await t.stop();
    }
  });
});
