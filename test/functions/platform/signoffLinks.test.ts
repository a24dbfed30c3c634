import { createHmac } from 'node:crypto';
import { linkIdOf, signLink, verifyLink } from '../../../functions/platform/signoffLinks';

const key = 'a-test-key-that-is-long-enough-123456';
const request = { runId: 'run-1', signoffId: 'legal', round: 2, expiresAt: 2_000 };

describe('sign-off links', () => {
  it('verify while unexpired and name the run, the sign-off, the round and the single-use record', () => {
    const check = verifyLink(signLink(request, key), key, 1_999);
    expect(check).toEqual({ ok: true, link: { linkId: linkIdOf('run-1', 'legal', 2), runId: 'run-1', signoffId: 'legal', round: 2, expiresAt: 2_000 } });
  });

  it('expire at their expiry instant', () => {
    expect(verifyLink(signLink(request, key), key, 2_000)).toMatchObject({ ok: false, reason: 'expired' });
  });

  it('refuse a changed payload, a changed signature, another key and garbage', () => {
    const token = signLink(request, key);
    const [v, body, sig] = token.split('.');
    const otherBody = Buffer.from(JSON.stringify({ r: 'run-1', s: 'finance', n: 2, e: 2_000 })).toString('base64url');
    expect(verifyLink(`${v}.${otherBody}.${sig}`, key, 0)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(`${v}.${body}.${sig.slice(0, -2)}AA`, key, 0)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyLink(token, 'another-key-entirely-0000000000000', 0)).toMatchObject({ ok: false, reason: 'bad-signature' });
    expect(verifyLink('not-a-link', key, 0)).toMatchObject({ ok: false, reason: 'malformed' });
  });

  it('never carry more than the ids and the expiry (no task token)', () => {
    const body = signLink(request, key).split('.')[1];
    expect(JSON.parse(Buffer.from(body, 'base64url').toString())).toEqual({ r: 'run-1', s: 'legal', n: 2, e: 2_000 });
  });

  it('get a new single-use record when the sign-off is asked again', () => {
    expect(linkIdOf('run-1', 'legal', 1)).not.toBe(linkIdOf('run-1', 'legal', 2));
  });

  it('keep verifying the links e-mailed before sealed tokens were shared (same format, same signature)', () => {
    const body = Buffer.from(JSON.stringify({ r: 'run-1', s: 'legal', n: 2, e: 2_000 })).toString('base64url');
    const sig = createHmac('sha256', key).update(`ratify-signoff-link.${body}`).digest('base64url');
    expect(signLink(request, key)).toBe(`v1.${body}.${sig}`);
    expect(verifyLink(`v1.${body}.${sig}`, key, 0)).toMatchObject({ ok: true });
  });
});
