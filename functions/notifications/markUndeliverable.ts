import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { SNSEvent } from 'aws-lambda';
import { now } from '../platform/clock';
import { logger } from '../platform/logger';
import { RetryableError } from '../platform/retryableError';
import { emailFeedbackSchema, feedbackOutcome } from '../domain/emailFeedback';
import { undeliverableAlert } from '../domain/undeliverableAlert';
import { isUndeliverable, recordUndeliverable, runContact } from '../store/undeliverable';
import { sendAlert } from '../actions/sendAlert';

/**
 * SES bounce/complaint notification (SNS) -> the address is marked undeliverable and the clerk who started the
 * run is told by e-mail (or the configured clerk address when the run is unknown). Log lines carrying `metric`
 * feed the operators' dashboard (see DESIGN.md "Metrics from logs").
 */
export async function handleEmailFeedback(event: SNSEvent): Promise<void> {
  for (const record of event.Records) {
    let message: unknown;
    try {
      message = JSON.parse(record.Sns.Message);
    } catch {
      message = undefined;
    }
    const parsed = emailFeedbackSchema.safeParse(message);
    if (!parsed.success) {
      // A message we cannot read will not improve on retry: record it for the operators and move on.
      logger.error('unreadable SES notification', { metric: 'EmailFeedbackUnreadable', snsMessageId: record.Sns.MessageId });
      continue;
    }
    const outcome = feedbackOutcome(parsed.data);
    if (outcome.runId) logger.appendKeys({ runId: outcome.runId });
    for (const email of outcome.softBounces) logger.warn('transient bounce', { metric: 'EmailSoftBounced', email });

    for (const u of outcome.undeliverable) {
      logger.warn('undeliverable address', { metric: u.reason === 'bounce' ? 'EmailBounced' : 'EmailComplained', email: u.email, detail: u.detail });
      // Recorded once per SES message; the alert is sent even when this delivery is a retry (one that crashed after
      // recording it), since its guard, keyed by address and message, keeps it to one.
      await recordUndeliverable(u, outcome.messageId, now(), outcome.runId);
      if (outcome.wasAlert) continue;

      const contact = outcome.runId ? await runContact(outcome.runId) : {};
      const to = contact.clerkEmail ?? process.env.RATIFY_CLERK_ALERT_ADDRESS ?? process.env.RATIFY_SENDER;
      if (!to || to === u.email || (await isUndeliverable(to))) {
        logger.error('no deliverable clerk address to alert', { metric: 'EmailAlertUnsent', email: u.email });
        continue;
      }
      const alert = undeliverableAlert({ undeliverable: u, subject: outcome.subject, runId: outcome.runId, planTitle: contact.planTitle, publicUrl: process.env.RATIFY_PUBLIC_URL });
      const sent = await sendAlert({ address: u.email, sesMessageId: outcome.messageId, to, email: alert, runId: outcome.runId, runExists: contact.exists });
      if (sent === 'in-flight') {
        // Another delivery is sending it, or one that crashed holds its lease: SNS's retry looks again later.
        throw new RetryableError('Email.InFlight', `the alert about ${u.email} is still being sent`);
      }
      // sendAlert has logged the EmailSent metric line.
      if (sent === 'sent') logger.info('clerk alerted', { email: u.email });
    }
    logger.removeKeys(['runId']);
  }
}

export const handler = middy(handleEmailFeedback).use(injectLambdaContext(logger, { resetKeys: true }));
