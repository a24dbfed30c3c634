import { createHash, createHmac } from 'node:crypto';
import { feedToken, feedTokenHash } from '../../../functions/platform/feedTokens';
import { labelledMac } from '../../../functions/platform/sealedToken';
import { bodyIdOfFeedFile, tokenOfFeedFile } from '../../../functions/domain/meetings';

const key = 'a-signing-key-of-at-least-32-characters!';
const nonce = 'f0R9w3TnO2l8mVb6QdX1sYp4zKc7aJh5uGe0iLr3oNw';

describe('calendar feed tokens', () => {
  it('are the labelled HMAC of the nonce under the link key: the addresses already given out stay the same', () => {
    expect(feedToken(key, nonce)).toBe(createHmac('sha256', key).update(`calendar-feed\n${nonce}`).digest('base64url'));
    expect(feedToken(key, nonce)).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('differ with the nonce, the key, and from every other kind of signed token', () => {
    expect(feedToken(key, `${nonce}x`)).not.toBe(feedToken(key, nonce));
    expect(feedToken(`${key}-other`, nonce)).not.toBe(feedToken(key, nonce));
    expect(feedToken(key, nonce)).not.toBe(labelledMac('ratify-page-form:v1\n', nonce, key));
  });

  it('are stored only as their SHA-256', () => {
    const token = feedToken(key, nonce);
    expect(feedTokenHash(token)).toBe(createHash('sha256').update(token).digest('hex'));
    expect(feedTokenHash(token)).not.toContain(token);
  });

  it('come back in a file name that is read only when it can be one', () => {
    const token = feedToken(key, nonce);
    expect(tokenOfFeedFile(`${token}.ics`)).toBe(token);
    for (const file of [token, `${token}.ICS`, `${token.slice(1)}.ics`, `${token}=.ics`, '.ics']) expect(tokenOfFeedFile(file)).toBeUndefined();
    expect(bodyIdOfFeedFile('tw-cabinet.ics')).toBe('tw-cabinet');
    for (const file of ['tw-cabinet', 'TW-Cabinet.ics', '.ics', `${'a'.repeat(65)}.ics`]) expect(bodyIdOfFeedFile(file)).toBeUndefined();
  });
});
