import { emailTags, encodableText } from '../../../functions/platform/sendEmail';

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
