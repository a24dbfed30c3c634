import { SendEmailCommand } from '@aws-sdk/client-ses';
import { sesClient } from '../commons/aws';
import { ALERT_KIND, KIND_TAG, RUN_TAG } from './emailFeedback';
import type { AlertEmail } from './undeliverableAlert';

/** Sends an alert through SES, tagged so that a bounce of the alert itself never triggers another alert. */
export async function sendAlert(to: string, email: AlertEmail, runId?: string): Promise<void> {
  const sender = process.env.RATIFY_SENDER;
  if (!sender) throw new Error('RATIFY_SENDER is not set');
  const tags = [{ Name: KIND_TAG, Value: ALERT_KIND }];
  // SES tag values allow only letters, digits, '_', '-', '.', '@'.
  if (runId && /^[A-Za-z0-9_.@-]{1,256}$/.test(runId)) tags.push({ Name: RUN_TAG, Value: runId });
  await sesClient().send(
    new SendEmailCommand({
      Source: sender,
      Destination: { ToAddresses: [to] },
      Message: { Subject: { Data: email.subject, Charset: 'UTF-8' }, Body: { Text: { Data: email.text, Charset: 'UTF-8' } } },
      ConfigurationSetName: process.env.RATIFY_SES_CONFIGURATION_SET || undefined,
      Tags: tags,
    }),
  );
}
