import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { SNSEvent } from 'aws-lambda';
import { resetClients } from '../../../functions/platform/aws';
import { dynamo } from '../../../functions/store/dynamo';
import { installClock, resetClock } from '../../../functions/platform/clock';
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
