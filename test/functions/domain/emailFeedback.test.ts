import { emailFeedbackSchema, feedbackOutcome } from '../../../functions/domain/emailFeedback';

const mail = (tags: Record<string, string[]> = {}) => ({
  messageId: '0102018f-abc',
  timestamp: '2017-02-01T09:00:00.000Z',
  commonHeaders: { subject: 'Sign-off requested: Legal' },
  tags: { 'ses:configuration-set': ['ratify'], ...tags },
});

const outcomeOf = (notification: unknown) => feedbackOutcome(emailFeedbackSchema.parse(notification));

describe('feedbackOutcome', () => {
  it('marks every recipient of a permanent bounce undeliverable, in lower case, with the reason', () => {
    const o = outcomeOf({
      eventType: 'Bounce',
      bounce: {
        bounceType: 'Permanent',
        bounceSubType: 'General',
        bouncedRecipients: [{ emailAddress: 'K.Trowell@Example.gov.uk', status: '5.1.1', diagnosticCode: 'smtp; 550 user unknown' }],
      },
      mail: mail({ runId: ['run-1'] }),
    });
    expect(o.undeliverable).toEqual([
      { email: 'k.trowell@example.gov.uk', reason: 'bounce', detail: 'permanent bounce (General; 5.1.1; smtp; 550 user unknown)' },
    ]);
    expect(o).toMatchObject({ runId: 'run-1', subject: 'Sign-off requested: Legal', messageId: '0102018f-abc', wasAlert: false });
  });

  it('keeps an address after a transient bounce and reports it as a soft bounce', () => {
    const o = outcomeOf({
      eventType: 'Bounce',
      bounce: { bounceType: 'Transient', bouncedRecipients: [{ emailAddress: 'a@example.gov.uk' }] },
      mail: mail(),
    });
    expect(o.undeliverable).toEqual([]);
    expect(o.softBounces).toEqual(['a@example.gov.uk']);
  });

  it('marks a complaining recipient undeliverable, from identity notifications as well', () => {
    const o = outcomeOf({
      notificationType: 'Complaint',
      complaint: { complainedRecipients: [{ emailAddress: 'b@example.gov.uk' }], complaintFeedbackType: 'abuse' },
      mail: mail(),
    });
    expect(o.undeliverable).toEqual([{ email: 'b@example.gov.uk', reason: 'complaint', detail: 'complaint (abuse)' }]);
  });

  it('recognises a failed alert by its kind tag, so alerts never cascade', () => {
    const o = outcomeOf({
      eventType: 'Bounce',
      bounce: { bounceType: 'Permanent', bouncedRecipients: [{ emailAddress: 'clerk@example.gov.uk' }] },
      mail: mail({ kind: ['undeliverable-alert'] }),
    });
    expect(o.wasAlert).toBe(true);
  });

  it('ignores delivery events', () => {
    expect(outcomeOf({ eventType: 'Delivery', mail: mail() }).undeliverable).toEqual([]);
  });

  it('refuses a notification without the mail it concerns', () => {
    expect(emailFeedbackSchema.safeParse({ eventType: 'Bounce' }).success).toBe(false);
  });
});
