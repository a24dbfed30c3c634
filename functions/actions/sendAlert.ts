/**
 * The alert that an address is undeliverable, through the same guard as every e-mail (`sendOnce`, DESIGN.md
 * "E-mails"): one per address and SES message that bounced, however often SNS delivers the notification or the
 * handler is retried after a crash. Its guard is under the run the bounced e-mail belonged to (the run's sweep
 * sees to it too, and its page shows it when in doubt), else under the address.
 */
import { ALERT_KIND } from '../domain/emailFeedback';
import type { AlertEmail } from '../domain/undeliverableAlert';
import { sendOnce, type EmailOutcome } from './emailOnce';

export const alertReason = (address: string, sesMessageId: string) => `${ALERT_KIND}#${address}#${sesMessageId}`;

export interface Alert {
  /** The undeliverable address, and the SES message that bounced: one alert each. */
  address: string;
  sesMessageId: string;
  to: string;
  email: AlertEmail;
  /** The run the bounced e-mail belonged to (the alert's SES tag); its guard is under the run only when it is stored. */
  runId?: string;
  runExists?: boolean;
}

/** Sends an alert through SES, tagged so that a bounce of the alert itself never triggers another alert. */
export async function sendAlert(alert: Alert): Promise<EmailOutcome> {
  const owner = alert.runId && alert.runExists ? { runId: alert.runId } : { address: alert.address };
  return sendOnce(owner, alertReason(alert.address, alert.sesMessageId), {
    kind: ALERT_KIND,
    to: [alert.to],
    cc: [],
    subject: alert.email.subject,
    text: alert.email.text,
    ...('address' in owner && alert.runId ? { runTag: alert.runId } : {}),
  });
}
