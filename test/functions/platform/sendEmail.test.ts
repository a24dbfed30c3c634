import { sesClient } from '../../../functions/platform/aws';
import { emailTags, encodableText, SES_TRIES, sendEmail, sesMayHaveTaken } from '../../../functions/platform/sendEmail';

describe('emailTags', () => {
  it('tags the kind of e-mail and its run', () => {
    expect(emailTags({ kind: 'signoff-request', runId: 'run-7f3a' })).toEqual([
      { Name: 'kind', Value: 'signoff-request' },
      { Name: 'runId', Value: 'run-7f3a' },
    ]);
  });

  it('leaves out a value SES would refuse as a tag, rather than fail the e-mail', () => {
    expect(emailTags({ kind: 'undeliverable-alert', runId: 'run with spaces' })).toEqual([{ Name: 'kind', Value: 'undeliverable-alert' }]);
    expect(emailTags({ kind: 'undeliverable-alert' })).toEqual([{ Name: 'kind', Value: 'undeliverable-alert' }]);
  });
});

describe('encodableText', () => {
  it('replaces lone surrogates, which SES requests cannot encode, and keeps everything else', () => {
    expect(encodableText('Plan \ud800 2017 😀')).toBe('Plan \ufffd 2017 😀');
    expect(() => encodeURIComponent(encodableText('\udfff'))).not.toThrow();
  });
});

describe('sendEmail and what SES may have taken', () => {
  const email = { to: ['a@example.gov.uk'], subject: 'S', text: 'T' };
  const answered = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });
  const unanswered = (code: string) => Object.assign(new Error(code), { name: 'Error', code, $metadata: {} });
  afterEach(() => jest.restoreAllMocks());

  it('tells a request SES answered, or that never left, from one that got no answer', () => {
    expect(sesMayHaveTaken(answered('Throttling', 400))).toBe(false);
    expect(sesMayHaveTaken(answered('InternalFailure', 500))).toBe(false);
    expect(sesMayHaveTaken(unanswered('ECONNREFUSED'))).toBe(false);
    expect(sesMayHaveTaken(new Error('Could not load credentials'))).toBe(false);
    expect(sesMayHaveTaken(unanswered('ECONNRESET'))).toBe(true);
    expect(sesMayHaveTaken(Object.assign(new Error('timed out'), { name: 'TimeoutError' }))).toBe(true);
  });

  it('tries again only what SES answered it did not take, never a request that got no answer', async () => {
    let calls = 0;
    jest.spyOn(sesClient(), 'send').mockImplementation(async () => {
      if (++calls < SES_TRIES) throw answered('Throttling', 400);
      return { MessageId: 'm-1' };
    });
    await expect(sendEmail(email, { kind: 'test' })).resolves.toBe('m-1');
    expect(calls).toBe(SES_TRIES);

    calls = 0;
    jest.spyOn(sesClient(), 'send').mockImplementation(async () => {
      calls += 1;
      throw unanswered('ECONNRESET');
    });
    await expect(sendEmail(email, { kind: 'test' })).rejects.toMatchObject({ code: 'ECONNRESET' });
    expect(calls).toBe(1);

    calls = 0;
    jest.spyOn(sesClient(), 'send').mockImplementation(async () => {
      calls += 1;
      throw answered('MessageRejected', 400);
    });
    await expect(sendEmail(email, { kind: 'test' })).rejects.toMatchObject({ name: 'MessageRejected' });
    expect(calls).toBe(1);
  });

  it('makes one request per call at the SDK level (its own retry could send a second copy)', async () => {
    expect(await sesClient().config.maxAttempts()).toBe(1);
  });
});
