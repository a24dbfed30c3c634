import { createHmac } from 'node:crypto';
import { labelledMac, sameSecret, sealedTokenKind } from '../../../functions/platform/sealedToken';

const key = 'a-signing-key-of-at-least-32-characters!';

describe('labelledMac', () => {
  it('is the HMAC-SHA256 of the label and the data, base64url', () => {
    expect(labelledMac('kind:v1\n', 'data', key)).toBe(createHmac('sha256', key).update('kind:v1\ndata').digest('base64url'));
    expect(labelledMac('kind:v1\n', 'data', key)).not.toBe(labelledMac('other:v1\n', 'data', key));
  });
});

describe('sameSecret', () => {
  it('compares exactly, and never matches a missing value', () => {
    expect(sameSecret('abc', 'abc')).toBe(true);
    expect(sameSecret('abd', 'abc')).toBe(false);
    expect(sameSecret('ab', 'abc')).toBe(false);
    expect(sameSecret(undefined, 'abc')).toBe(false);
    expect(sameSecret(null, '')).toBe(false);
  });
});

describe('sealed tokens', () => {
  const kind = sealedTokenKind('kind:v1\n', 'v1.');

  it('open to the payload they sealed, with the same key', () => {
    expect(kind.open(kind.seal({ a: 1 }, key), key)).toEqual({ ok: true, payload: { a: 1 } });
  });

  it('are refused under another key or another label, changed, or malformed', () => {
    const token = kind.seal({ a: 1 }, key);
    const [, body, mac] = token.split('.');
    const forged = Buffer.from(JSON.stringify({ a: 2 })).toString('base64url');
    expect(kind.open(token, `${key}-other`)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(sealedTokenKind('other:v1\n', 'v1.').open(token, key)).toEqual({ ok: false, reason: 'bad-signature' });
    expect(kind.open(`v1.${forged}.${mac}`, key)).toEqual({ ok: false, reason: 'bad-signature' });
    for (const junk of [undefined, null, '', 'abc', `${body}.${mac}`, `${token}.more`, 'v1..x']) {
      expect(kind.open(junk, key)).toEqual({ ok: false, reason: 'malformed' });
    }
    const notJson = Buffer.from('{').toString('base64url');
    expect(kind.open(`v1.${notJson}.${labelledMac('kind:v1\n', notJson, key)}`, key)).toEqual({ ok: false, reason: 'malformed' });
  });
});
