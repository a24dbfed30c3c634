import { existsSync } from 'node:fs';
import { assetCandidates, handler } from '../../../functions/pages/assets';
import { apiEvent, lambdaContext } from '../edge/apiEvent';

describe('the GOV.UK assets route', () => {
  it('serves only files of known types inside the govuk-frontend folder and web/', () => {
    expect(assetCandidates('govuk-frontend.min.css').some(existsSync)).toBe(true);
    expect(assetCandidates('fonts/light-94a07e06a1-v2.woff2').length).toBe(3);
    expect(assetCandidates('ratify.mjs').some(existsSync)).toBe(true);
    expect(assetCandidates('govuk-frontend.min.js').some(existsSync)).toBe(true);
    expect(assetCandidates('../../../package.json')).toEqual([]);
    expect(assetCandidates('../../govuk/template.njk')).toEqual([]);
    expect(assetCandidates('images/favicon.ico\0.png')).toEqual([]);
  });
});

describe('the GOV.UK assets handler', () => {
  const context = lambdaContext;
  const get = (proxy: string) => handler(apiEvent({ method: 'GET', path: `/assets/${proxy}`, pathParameters: { proxy } }), context);

  it('answers the stylesheet as text and fonts and images base64-encoded, cached for a day', async () => {
    const css = await get('govuk-frontend.min.css');
    expect(css).toMatchObject({ statusCode: 200, headers: { 'content-type': 'text/css; charset=utf-8', 'cache-control': 'public, max-age=86400' } });
    expect(css.isBase64Encoded).toBe(true);
    expect(Buffer.from(css.body!, 'base64').toString('utf8')).toContain('.govuk-template');
    const font = await get('fonts/light-94a07e06a1-v2.woff2');
    expect(font).toMatchObject({ statusCode: 200, headers: { 'content-type': 'font/woff2' }, isBase64Encoded: true });
  });

  it('answers 404 for anything else', async () => {
    expect((await get('nothing-here.css')).statusCode).toBe(404);
    expect((await get('..%2F..%2F..%2Fpackage.json')).statusCode).toBe(404);
  });
});
