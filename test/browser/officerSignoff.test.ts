/**
 * The officer's side in a real browser (Debian's chromium driven by playwright-core) against the local stack:
 * the sign-off link from the e-mail shows the request without answering it, its button signs off once, "Ask for
 * changes" records a comment, and the author posts a revised report from the run's page, which asks the sign-offs
 * again. Skipped, saying so, where /usr/bin/chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, describeInBrowser, openBrowser, type OpenBrowser } from './support/chromium';
import { logger } from '../../functions/platform/logger';
import { startTestStack, type Caller, type TestStack } from '../support/localStack';


const LINK_SCREENSHOT = join(tmpdir(), 'ratify-signoff-link.png');
const USED_LINK_SCREENSHOT = join(tmpdir(), 'ratify-signoff-link-used.png');
const CLERK: Caller = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk'] };
const KEITH = { name: 'Keith Trowell', email: 'k.trowell@example.gov.uk' };
const FIONA = { name: 'Fiona Finance', email: 'fiona.finance@example.gov.uk' };

describeInBrowser(`the officer's side in a browser (${CHROMIUM})`, () => {
  let t: TestStack;
  let browser: BrowserContext;
  let page: Page;
  let opened: OpenBrowser | undefined;
  let runId: string;

  const run = async () => (await t.api.get(`/api/runs/${runId}`, { as: CLERK })).body;
  const signoffOf = async (email: string) => (await run()).signoffs.find((so: any) => so.officer.email === email);
  /** The sign-off link in the latest e-mail to that officer. */
  const linkFor = async (email: string): Promise<string> => {
    const mail = (await t.emails()).filter((m) => m.to.includes(email)).at(-1);
    const link = mail?.text?.match(/https?:\/\/\S+\/signoff\/[A-Za-z0-9._~-]+/)?.[0];
    if (!link) throw new Error(`No sign-off link e-mailed to ${email}`);
    // The e-mail names the public URL; the browser goes to this test stack.
    return `${t.url}${new URL(link).pathname}`;
  };

  beforeAll(async () => {
    logger.setLogLevel('WARN');
    t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
    const started = await t.api.post(
      '/api/runs',
      {
        plan: { title: 'Community Safety Partnership Plan 2017/18', author: { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' } },
        stages: [
          { id: 'csp', body: 'Community Safety Partnership', kind: 'partnership', meetingDate: '2017-02-09' },
          { id: 'council', body: 'Full Council', kind: 'council', meetingDate: '2017-02-23' },
        ],
        signoffs: [
          { area: 'Legal', officer: KEITH, requiredBefore: 'csp' },
          { area: 'Finance', officer: FIONA, requiredBefore: 'csp' },
        ],
      },
      { as: CLERK },
    );
    expect(started.status).toBe(201);
    runId = started.body.runId;
    await t.advanceClock(await t.now());
    opened = await openBrowser();
    ({ browser, page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
    await t?.stop();
  });

  it('shows the plan, stage, meeting, area and due date on the e-mailed link and signs nothing by showing it', async () => {
    const link = await linkFor(KEITH.email);
    const res = await page.goto(link);
    expect(res?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Sign off the Legal implications');
    const summary = await page.locator('.govuk-summary-list').textContent();
    for (const text of ['Community Safety Partnership Plan 2017/18', 'Legal', 'Community Safety Partnership', 'Thursday 9 February 2017', 'Keith Trowell']) {
      expect(summary).toContain(text);
    }
    const keith = await signoffOf(KEITH.email);
    expect(summary).toMatch(/Sign off by/);
    expect(keith.dueBy).toBe('2017-01-25');
    expect(summary).toContain('Wednesday 25 January 2017');
    // A link scanner that loads the page answers nothing.
    await page.reload();
    expect(keith.status).toBe('requested');
    await expect(signoffOf(KEITH.email)).resolves.toMatchObject({ status: 'requested' });
    await page.screenshot({ path: LINK_SCREENSHOT, fullPage: true });
    expect(existsSync(LINK_SCREENSHOT)).toBe(true);
  });

  it('signs off with the button once: the API shows it signed by the officer, and the link then says it is used', async () => {
    const link = await linkFor(KEITH.email);
    await page.goto(link);
    await page.getByRole('button', { name: 'Sign off', exact: true }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-panel__title').textContent()).resolves.toContain('Signed off');
    const keith = await signoffOf(KEITH.email);
    expect(keith).toMatchObject({ status: 'signed', comment: null });
    const answers = async () => (await run()).events.filter((e: any) => /Legal/.test(e.what) && e.details?.signoffId === keith.id);
    await expect(answers()).resolves.toEqual([
      expect.objectContaining({ what: 'Signed off Legal (e-mailed link)', who: expect.objectContaining(KEITH) }),
    ]);

    const again = await page.goto(link);
    expect(again?.status()).toBe(410);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('This link can no longer be used');
    await expect(page.getByRole('button', { name: 'Sign off', exact: true }).count()).resolves.toBe(0);
    await page.screenshot({ path: USED_LINK_SCREENSHOT, fullPage: true });
    // Posting the form again (a back button, a second tab) records no second answer.
    const replay = await page.request.post(link, { form: { result: 'changes-requested', comment: 'Second thoughts' } });
    expect(replay.status()).toBe(410);
    await expect(signoffOf(KEITH.email)).resolves.toMatchObject({ status: 'signed', comment: null, signedAt: keith.signedAt });
    await expect(answers()).resolves.toHaveLength(1);
  });

  it('records "changes requested" with the comment through the link', async () => {
    await page.goto(await linkFor(FIONA.email));
    await page.getByLabel('Comment (optional)').fill('The budget table omits the police contribution.');
    await page.getByRole('button', { name: 'Ask for changes' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-panel__title').textContent()).resolves.toContain('Changes requested');
    await expect(signoffOf(FIONA.email)).resolves.toMatchObject({
      status: 'changes-requested',
      comment: 'The budget table omits the police contribution.',
    });
    await expect(run().then((r) => r.events)).resolves.toContainEqual(
      expect.objectContaining({
        what: 'Asked for changes to the Finance implications (e-mailed link)',
        who: expect.objectContaining(FIONA),
        details: expect.objectContaining({ comment: 'The budget table omits the police contribution.' }),
      }),
    );
  });

  it("lets the author post a revised report from the run's page, which asks the sign-offs again", async () => {
    await browser.clearCookies();
    await page.goto(`${t.url}/runs/${runId}`);
    expect(new URL(page.url()).pathname).toBe('/dev/login');
    await page.getByLabel('Email address').fill('terry.hughes@example.gov.uk');
    await page.getByLabel('Full name').fill('Terry Hughes');
    await page.getByLabel('Author').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe(`/runs/${runId}`);
    const emailsBefore = (await t.emails()).length;

    await page.getByLabel('What does the revised report change?').fill('Added the police contribution to the budget table.');
    await page.getByRole('button', { name: 'Post revised report' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The revised report is recorded.');
    await expect(page.locator('#revisions tbody').textContent()).resolves.toContain('Added the police contribution to the budget table.');

    await t.advanceClock(await t.now());
    await page.reload();
    await expect(page.locator('#signoffs tbody tr').allTextContents()).resolves.toEqual([
      expect.stringMatching(/Keith Trowell[\s\S]*Requested/),
      expect.stringMatching(/Fiona Finance[\s\S]*Requested/),
    ]);
    const signoffs = (await run()).signoffs;
    expect(signoffs.map((so: any) => so.status)).toEqual(['requested', 'requested']);
    // Each officer is e-mailed a new link.
    const asked = (await t.emails()).slice(emailsBefore).flatMap((m) => m.to);
    expect(asked).toEqual(expect.arrayContaining([KEITH.email, FIONA.email]));
  });
});
