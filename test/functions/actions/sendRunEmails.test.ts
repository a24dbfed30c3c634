import type { EmailIntent, EmailMessage } from '../../../functions/domain/emailIntents';
import { buildRun } from '../../../functions/domain/newRun';
import { sendRunEmails } from '../../../functions/actions/sendRunEmails';
import { type LocalSes } from '../../../infra/local/ses';
import { logLinesOf } from '../../support/logLines';
import { clerk, terry, tunbridgeWellsInput } from '../domain/runSimulator';
import { startTestTableAndSes, storeStartedRun, type TestTable } from '../store/localTable';

// The sender against the real local DynamoDB and SES servers; the local SES keeps the tags and configuration set.
let table: TestTable;
let ses: LocalSes;
let close: () => Promise<void>;

beforeAll(async () => {
  ({ table, ses, close } = await startTestTableAndSes({ RATIFY_SENDER: 'ratify@council.example.gov.uk', RATIFY_SES_CONFIGURATION_SET: 'ratify-feedback' }));
  const input = tunbridgeWellsInput();
  const when = table.clock.now().toISOString();
  await storeStartedRun(buildRun({ ...input, stages: input.stages! }, 'run-e1', clerk, table.clock.now()), clerk, new Date(when));
});

afterAll(async () => {
  await close();
});

const cleared: EmailIntent & { message: Extract<EmailMessage, { kind: 'report-cleared' }> } = {
  reason: 'cleared-csp-1',
  to: [terry.email],
  cc: [clerk.email],
  message: {
    kind: 'report-cleared',
    planTitle: 'Community Safety Partnership Plan 2017/18',
    stage: { id: 'csp', body: 'Community Safety Partnership', meetingDate: '2017-02-09' },
    publishBy: '2017-02-01',
    late: false,
  },
};

describe('sendRunEmails', () => {
  it('sends through the configuration set, tagged with the run and the kind of e-mail', async () => {
    await sendRunEmails('run-e1', [cleared]);
    const [sent] = await ses.emails();
    expect(sent).toMatchObject({ from: 'ratify@council.example.gov.uk', to: [terry.email], cc: [clerk.email], configurationSet: 'ratify-feedback' });
    expect(sent.tags).toEqual({ kind: 'report-cleared', runId: 'run-e1' });
  });

  it('logs one EmailSent metric line per e-mail sent, naming the run, the reason and the SES message, and none for an e-mail already sent', async () => {
    const reminder: EmailIntent = { ...cleared, reason: 'cleared-mb-1', message: { ...cleared.message, stage: { id: 'mb', body: 'Management Board', meetingDate: '2017-03-01' } } };
    const { result, lines } = await logLinesOf(() => sendRunEmails('run-e1', [cleared, reminder]));
    expect(result).toBe(1);
    const metrics = lines.filter((l) => l.metric === 'EmailSent');
    const messageId = (await ses.emails()).at(-1)!.messageId;
    expect(metrics).toEqual([expect.objectContaining({ metric: 'EmailSent', kind: 'report-cleared', runId: 'run-e1', reason: 'cleared-mb-1', messageId, recipients: 2 })]);
  });

  it('sends without a configuration set when none is configured (the local stack)', async () => {
    delete process.env.RATIFY_SES_CONFIGURATION_SET;
    await sendRunEmails('run-e1', [{ ...cleared, reason: 'cleared-cab-1' }]);
    expect((await ses.emails()).at(-1)).toMatchObject({ configurationSet: null, tags: { kind: 'report-cleared', runId: 'run-e1' } });
  });
});
