import { sendEmail } from '../platform/sendEmail';
import { ALERT_KIND } from '../domain/emailFeedback';
import type { AlertEmail } from '../domain/undeliverableAlert';

/** Sends an alert through SES, tagged so that a bounce of the alert itself never triggers another alert. */
export async function sendAlert(to: string, email: AlertEmail, runId?: string): Promise<void> {
  await sendEmail({ to: [to], subject: email.subject, text: email.text }, { kind: ALERT_KIND, runId });
}
