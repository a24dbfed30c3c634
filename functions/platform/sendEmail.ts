import { SendEmailCommand } from '@aws-sdk/client-ses';
import { sesClient } from './aws';
import { logger } from './logger';
import { isTransient } from './retryableError';
import { KIND_TAG, RUN_TAG } from '../domain/emailFeedback';

export { KIND_TAG, RUN_TAG } from '../domain/emailFeedback';

/**
 * The one way Ratify sends an e-mail (DESIGN.md "E-mail tags" and "Metrics from logs"): through the SES
 * configuration set when there is one, tagged with the kind of e-mail and its run so that a bounce or complaint
 * names them, and counted by one `{"metric":"EmailSent"}` log line once SES has taken it.
 */
export interface OutgoingEmail {
  to: string[];
  cc?: string[];
  subject: string;
  text: string;
  html?: string;
}

export interface EmailLabels {
  /** What kind of e-mail this is (`signoff-request`, `undeliverable-alert`...): the SES tag `kind`. */
  kind: string;
  /** The run it belongs to: the SES tag `runId`, which MarkUndeliverable reads to find the run's clerk. */
  runId?: string;
  /** Why it was sent (the run's `EMAIL#<reason>`), for the log line only. */
  reason?: string;
}

/** SES message tag names; MarkUndeliverable reads them back from bounce and complaint notifications. */

// SES tag values allow only letters, digits, '_', '-', '.', '@' (at most 256): anything else is left untagged.
const TAG_VALUE = /^[A-Za-z0-9_.@-]{1,256}$/;

export function senderAddress(): string {
  return process.env.RATIFY_SENDER ?? 'no-reply@ratify.invalid';
}

export function emailTags(labels: EmailLabels): Array<{ Name: string; Value: string }> {
  return [
    { Name: KIND_TAG, Value: labels.kind },
    ...(labels.runId !== undefined ? [{ Name: RUN_TAG, Value: labels.runId }] : []),
  ].filter((tag) => TAG_VALUE.test(tag.Value));
}

/**
 * Text SES can carry: a lone surrogate (which inputs refuse, but older items may hold) cannot be form-encoded,
 * and failing mid-request used to break the next e-mail sent as well. It becomes U+FFFD.
 */
export function encodableText(text: string): string {
  return text.replace(/\p{Cs}/gu, '\uFFFD');
}

/** Errors of a request that was sent and got no answer: SES may have taken the e-mail. */
const UNANSWERED = new Set(['ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ECONNABORTED', 'TimeoutError', 'RequestTimeout', 'RequestTimeoutException', 'AbortError']);

/**
 * True when SES may have taken the e-mail although the call failed: the request went and no answer came (a
 * connection reset or timed out). An answer from SES (any HTTP status), a connection never made, or a failure
 * before the request left (credentials, serialising) says it did not.
 */
export function sesMayHaveTaken(err: unknown): boolean {
  const e = err as { name?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  if (e?.$metadata?.httpStatusCode !== undefined) return false;
  return UNANSWERED.has(e?.code ?? '') || UNANSWERED.has(e?.name ?? '');
}

/** Tries of one e-mail when SES answers that it cannot take it now (throttling, a 5xx), or cannot be reached. */
export const SES_TRIES = 3;
const backoffMs = (attempt: number) => Math.random() * 100 * 2 ** attempt;

/**
 * Sends through SES and answers its MessageId. What SES answered it did not take (throttling, a 5xx) or a
 * connection never made is tried again, `SES_TRIES` in all; anything else, and a request that got no answer
 * (`sesMayHaveTaken`), is thrown at once as it came.
 */
export async function sendEmail(email: OutgoingEmail, labels: EmailLabels): Promise<string | undefined> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await callSes(email, labels);
    } catch (err) {
      if (attempt >= SES_TRIES || !isTransient(err) || sesMayHaveTaken(err)) throw err;
      await new Promise((resolve) => setTimeout(resolve, backoffMs(attempt)));
    }
  }
}

async function callSes(email: OutgoingEmail, labels: EmailLabels): Promise<string | undefined> {
  const cc = email.cc ?? [];
  const out = await sesClient().send(
    new SendEmailCommand({
      Source: senderAddress(),
      Destination: { ToAddresses: email.to, CcAddresses: cc.length ? cc : undefined },
      ConfigurationSetName: process.env.RATIFY_SES_CONFIGURATION_SET || undefined,
      Tags: emailTags(labels),
      Message: {
        Subject: { Data: encodableText(email.subject), Charset: 'UTF-8' },
        Body: {
          Text: { Data: encodableText(email.text), Charset: 'UTF-8' },
          ...(email.html !== undefined ? { Html: { Data: encodableText(email.html), Charset: 'UTF-8' } } : {}),
        },
      },
    }),
  );
  logger.info('e-mail sent', {
    metric: 'EmailSent',
    kind: labels.kind,
    ...(labels.runId !== undefined ? { runId: labels.runId } : {}),
    ...(labels.reason !== undefined ? { reason: labels.reason } : {}),
    messageId: out.MessageId,
    recipients: email.to.length + cc.length,
  });
  return out.MessageId;
}
