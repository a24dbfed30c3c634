import { z } from 'zod';

/**
 * SES bounce and complaint notifications (configuration-set event publishing, `eventType`, or identity
 * notifications, `notificationType`) as delivered in an SNS message, and what Ratify makes of them.
 */
/** The SES message tags every e-mail carries (platform/sendEmail.ts sets them), read back from its feedback. */
export const RUN_TAG = 'runId';
export const KIND_TAG = 'kind';

const recipientSchema = z.object({ emailAddress: z.string(), status: z.string().optional(), diagnosticCode: z.string().optional() });

export const emailFeedbackSchema = z
  .object({
    eventType: z.string().optional(),
    notificationType: z.string().optional(),
    bounce: z
      .object({
        bounceType: z.string(),
        bounceSubType: z.string().optional(),
        bouncedRecipients: z.array(recipientSchema),
        timestamp: z.string().optional(),
      })
      .optional(),
    complaint: z
      .object({
        complainedRecipients: z.array(recipientSchema),
        complaintFeedbackType: z.string().optional(),
        timestamp: z.string().optional(),
      })
      .optional(),
    mail: z.object({
      messageId: z.string(),
      timestamp: z.string().optional(),
      commonHeaders: z.object({ subject: z.string().optional() }).partial().optional(),
      tags: z.record(z.string(), z.array(z.string())).optional(),
    }),
  })
  .transform((n) => ({ ...n, kind: (n.eventType ?? n.notificationType ?? '').toLowerCase() }));

export type EmailFeedback = z.output<typeof emailFeedbackSchema>;

/** The `kind` tag of our own alerts (the other tags our senders set are in functions/platform/sendEmail.ts). */
export const ALERT_KIND = 'undeliverable-alert';

export interface Undeliverable {
  email: string;
  reason: 'bounce' | 'complaint';
  detail: string;
}

export interface FeedbackOutcome {
  messageId: string;
  /** Addresses to mark undeliverable (permanent bounces and complaints). */
  undeliverable: Undeliverable[];
  /** Transient bounces: logged and counted, the address stays usable. */
  softBounces: string[];
  runId?: string;
  subject?: string;
  /** True when the message that failed was itself one of our alerts: never alert about an alert. */
  wasAlert: boolean;
}

const normalise = (email: string) => email.trim().toLowerCase();

export function feedbackOutcome(feedback: EmailFeedback): FeedbackOutcome {
  const tag = (name: string) => feedback.mail.tags?.[name]?.[0];
  const outcome: FeedbackOutcome = {
    messageId: feedback.mail.messageId,
    undeliverable: [],
    softBounces: [],
    runId: tag(RUN_TAG),
    subject: feedback.mail.commonHeaders?.subject,
    wasAlert: tag(KIND_TAG) === ALERT_KIND,
  };
  if (feedback.kind === 'bounce' && feedback.bounce) {
    const permanent = feedback.bounce.bounceType === 'Permanent';
    for (const r of feedback.bounce.bouncedRecipients) {
      if (!permanent) {
        outcome.softBounces.push(normalise(r.emailAddress));
        continue;
      }
      const why = [feedback.bounce.bounceSubType, r.status, r.diagnosticCode].filter(Boolean).join('; ');
      outcome.undeliverable.push({ email: normalise(r.emailAddress), reason: 'bounce', detail: `permanent bounce${why ? ` (${why})` : ''}` });
    }
  } else if (feedback.kind === 'complaint' && feedback.complaint) {
    const type = feedback.complaint.complaintFeedbackType;
    for (const r of feedback.complaint.complainedRecipients) {
      outcome.undeliverable.push({ email: normalise(r.emailAddress), reason: 'complaint', detail: `complaint${type ? ` (${type})` : ''}` });
    }
  }
  return outcome;
}
