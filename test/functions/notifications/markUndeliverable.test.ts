import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { resetClients, sesClient } from '../../../functions/platform/aws';
import { dynamo } from '../../../functions/store/dynamo';
import { installClock, letRealTimePass, resetClock, resetRealTime } from '../../../functions/platform/clock';
import { EMAIL_LEASE_MS } from '../../../functions/domain/emailGuards';
import { handleEmailFeedback } from '../../../functions/notifications/markUndeliverable';
import { startLocalDynamo, type LocalDynamo } from '../../../infra/local/dynamo';
import { startLocalSes, type LocalSes } from '../../../infra/local/ses';
import { logLinesOf } from '../../support/logLines';

// The handler against the real local DynamoDB and SES servers the embedded stack uses.
let db: LocalDynamo;
let ses: LocalSes;
let dir: string;
const saved = { ...process.env };
const at = new Date('2017-02-01T09:30:00Z');

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'ratify-notifications-'));
  db = await startLocalDynamo();
  ses = await startLocalSes({ dir, clock: { now: () => at } });
  Object.assign(process.env, {
    AWS_REGION: 'eu-west-2',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
    AWS_ENDPOINT_URL_DYNAMODB: db.url,
    AWS_ENDPOINT_URL_SES: ses.url,
    RATIFY_TABLE: db.tableName,
    RATIFY_SENDER: 'ratify@council.example.gov.uk',
    RATIFY_CLERK_ALERT_ADDRESS: 'democratic.services@council.example.gov.uk',
    RATIFY_PUBLIC_URL: 'https://ratify.council.example.gov.uk',
  });
  resetClients();
  installClock({ now: () => at });
  await dynamo().send(
    new PutCommand({
      TableName: db.tableName,
      Item: {
        pk: 'RUN#run-1',
        sk: 'META',
        plan: { title: 'Community Safety Partnership Plan 2017/18' },
        startedBy: { name: 'Clare Clerk', email: 'Clare.Clerk@council.example.gov.uk' },
      },
    }),
  );
});

afterAll(async () => {
  process.env = saved;
  resetClients();
  resetClock();
  await ses.close();
  await db.close();
  await rm(dir, { recursive: true, force: true });
});

function snsEvent(notification: unknown): SNSEvent {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        EventVersion: '1.0',
        EventSubscriptionArn: 'arn:aws:sns:eu-west-2:123456789012:feedback:1',
        Sns: {
          Type: 'Notification',
          MessageId: 'sns-1',
          TopicArn: 'arn:aws:sns:eu-west-2:123456789012:feedback',
          Subject: null as unknown as string,
          Message: JSON.stringify(notification),
          Timestamp: at.toISOString(),
          SignatureVersion: '1',
          Signature: '',
          SigningCertUrl: '',
          UnsubscribeUrl: '',
          MessageAttributes: {},
        },
      },
    ],
  };
}

const bounce = (email: string, messageId: string, tags: Record<string, string[]>) => ({
  eventType: 'Bounce',
  bounce: { bounceType: 'Permanent', bounceSubType: 'General', bouncedRecipients: [{ emailAddress: email, status: '5.1.1' }] },
  mail: { messageId, commonHeaders: { subject: 'Sign-off requested: Legal' }, tags },
});

/** A run's META as the alert reads it, started by a clerk whose address still works. */
const putRun = (runId: string) =>
  dynamo().send(
    new PutCommand({
      TableName: db.tableName,
      Item: { pk: `RUN#${runId}`, sk: 'META', plan: { title: 'Community Safety Partnership Plan 2017/18' }, startedBy: { name: 'Rita Clerk', email: 'rita.clerk@council.example.gov.uk' } },
    }),
  );

const guardOf = async (pk: string, reason: string) => (await dynamo().send(new GetCommand({ TableName: db.tableName, Key: { pk, sk: `EMAIL#${reason}` } }))).Item;

/** The process stops as it claims the alert's guard: the write never reaches the table, and nothing after it runs. */
function crashAtAlertClaim(): Promise<void> {
  let crashed!: () => void;
  const happened = new Promise<void>((resolve) => (crashed = resolve));
  const client = dynamo();
  const real = client.send.bind(client) as (c: any) => Promise<any>;
  jest.spyOn(client, 'send').mockImplementation(async (command: any) => {
    if (command.constructor.name === 'PutCommand' && String(command.input?.Item?.sk).startsWith('EMAIL#')) return crashed(), new Promise<never>(() => {});
    return real(command);
  });
  return happened;
}

const undeliverableItem = async (email: string) =>
  (await dynamo().send(new GetCommand({ TableName: db.tableName, Key: { pk: `USER#${email}`, sk: 'UNDELIVERABLE' } }))).Item;

describe('handleEmailFeedback', () => {
  it('marks a permanently bounced officer undeliverable and e-mails the clerk who started the run', async () => {
    await handleEmailFeedback(snsEvent(bounce('K.Trowell@example.gov.uk', 'm-1', { runId: ['run-1'] })));

    expect(await undeliverableItem('k.trowell@example.gov.uk')).toMatchObject({
      email: 'k.trowell@example.gov.uk',
      reason: 'bounce',
      messageId: 'm-1',
      runId: 'run-1',
      at: at.toISOString(),
    });
    const sent = await ses.emails();
    expect(sent).toHaveLength(1);
    expect(sent[0].to).toEqual(['clare.clerk@council.example.gov.uk']);
    expect(sent[0].subject).toBe('Undeliverable e-mail address: k.trowell@example.gov.uk for "Community Safety Partnership Plan 2017/18"');
    expect(sent[0].text).toContain('https://ratify.council.example.gov.uk/runs/run-1');
    // Tagged as an alert of that run, so that its own bounce never alerts again.
    expect(sent[0].tags).toEqual({ kind: 'undeliverable-alert', runId: 'run-1' });
  });

  it('alerts once when SNS delivers the same notification again', async () => {
    await handleEmailFeedback(snsEvent(bounce('k.trowell@example.gov.uk', 'm-1', { runId: ['run-1'] })));
    expect(await ses.emails()).toHaveLength(1);
  });

  it('never alerts about a failed alert', async () => {
    await handleEmailFeedback(snsEvent(bounce('clare.clerk@council.example.gov.uk', 'm-2', { runId: ['run-1'], kind: ['undeliverable-alert'] })));
    expect(await undeliverableItem('clare.clerk@council.example.gov.uk')).toBeDefined();
    expect(await ses.emails()).toHaveLength(1);
  });

  it('does not send an alert to a clerk whose own address is undeliverable', async () => {
    // The clerk of run-1 was marked undeliverable by the previous test.
    await handleEmailFeedback(snsEvent(bounce('s.lavallie@example.gov.uk', 'm-3', { runId: ['run-1'] })));
    expect(await undeliverableItem('s.lavallie@example.gov.uk')).toBeDefined();
    expect(await ses.emails()).toHaveLength(1);
  });

  it('tells the configured clerk address about a complaint on an e-mail of no known run', async () => {
    await handleEmailFeedback(
      snsEvent({ eventType: 'Complaint', complaint: { complainedRecipients: [{ emailAddress: 't.hughes@example.gov.uk' }] }, mail: { messageId: 'm-4' } }),
    );
    expect(await undeliverableItem('t.hughes@example.gov.uk')).toMatchObject({ reason: 'complaint' });
    const sent = await ses.emails();
    expect(sent).toHaveLength(2);
    expect(sent[1].to).toEqual(['democratic.services@council.example.gov.uk']);
  });

  it('logs each bounce, complaint and alert as the metric lines the dashboard counts', async () => {
    const { lines } = await logLinesOf(() => handleEmailFeedback(snsEvent(bounce('m.jones@example.gov.uk', 'm-6', { runId: ['run-2'] }))));
    expect(lines.filter((l) => l.metric).map((l) => l.metric)).toEqual(['EmailBounced', 'EmailSent']);
    expect(lines.find((l) => l.metric === 'EmailSent')).toMatchObject({ kind: 'undeliverable-alert', runId: 'run-2', recipients: 1 });
  });

  it('keeps the alert of a run not stored under the address, its SES tag still naming the run', async () => {
    expect((await dynamo().send(new GetCommand({ TableName: db.tableName, Key: { pk: 'RUN#run-2', sk: 'EMAIL#undeliverable-alert#m.jones@example.gov.uk#m-6' } }))).Item).toBeUndefined();
    expect(await guardOf('USER#m.jones@example.gov.uk', 'undeliverable-alert#m.jones@example.gov.uk#m-6')).toMatchObject({ state: 'sent', runTag: 'run-2' });
  });

  it('alerts once when the first delivery crashed after recording the address and before its alert (SNS delivers it again)', async () => {
    const sentBefore = (await ses.emails()).length;
    await putRun('run-3');
    const notification = snsEvent(bounce('p.crash@example.gov.uk', 'm-7', { runId: ['run-3'] }));
    const crashed = crashAtAlertClaim();
    void handleEmailFeedback(notification);
    await crashed;
    jest.restoreAllMocks();
    expect(await undeliverableItem('p.crash@example.gov.uk')).toBeDefined();
    expect(await ses.emails()).toHaveLength(sentBefore);
    await handleEmailFeedback(notification);
    await handleEmailFeedback(notification);
    const sent = (await ses.emails()).slice(sentBefore);
    expect(sent.map((e) => e.subject)).toEqual(['Undeliverable e-mail address: p.crash@example.gov.uk for "Community Safety Partnership Plan 2017/18"']);
    expect(await guardOf('RUN#run-3', 'undeliverable-alert#p.crash@example.gov.uk#m-7')).toMatchObject({ state: 'sent' });
  });

  it('never sends an alert twice when the delivery crashed after SES took it: retried too soon it waits, later it is unknown', async () => {
    const sentBefore = (await ses.emails()).length;
    await putRun('run-4');
    const notification = snsEvent(bounce('q.crash@example.gov.uk', 'm-8', { runId: ['run-4'] }));
    const ses_ = sesClient();
    const realSes = ses_.send.bind(ses_);
    let crashed!: () => void;
    const happened = new Promise<void>((resolve) => (crashed = resolve));
    jest.spyOn(ses_, 'send').mockImplementation(async (command: any) => {
      await realSes(command);
      crashed();
      return new Promise<never>(() => {});
    });
    void handleEmailFeedback(notification);
    await happened;
    jest.restoreAllMocks();
    await expect(handleEmailFeedback(notification)).rejects.toMatchObject({ name: 'Email.InFlight' });
    letRealTimePass(EMAIL_LEASE_MS);
    await handleEmailFeedback(notification);
    await handleEmailFeedback(notification);
    expect((await ses.emails()).slice(sentBefore)).toHaveLength(1);
    expect(await guardOf('RUN#run-4', 'undeliverable-alert#q.crash@example.gov.uk#m-8')).toMatchObject({ state: 'unknown' });
    resetRealTime();
  });

  it('leaves an address usable after a transient bounce and skips unreadable messages', async () => {
    const sentBefore = (await ses.emails()).length;
    await handleEmailFeedback(
      snsEvent({ eventType: 'Bounce', bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'a.b@example.gov.uk' }] }, mail: { messageId: 'm-5' } }),
    );
    await handleEmailFeedback(snsEvent('not a notification'));
    expect(await undeliverableItem('a.b@example.gov.uk')).toBeUndefined();
    expect(await ses.emails()).toHaveLength(sentBefore);
  });
});
