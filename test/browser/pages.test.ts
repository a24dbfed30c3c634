/**
 * The pages in a real browser (Debian's chromium driven by playwright-core) against the local stack: a clerk
 * signs in on the dev sign-in page, starts a run from /runs/new (after an error round trip), finds it on the
 * dashboard and records a decision. Skipped, saying so, where /usr/bin/chromium is not installed.
 */
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, describeInBrowser, openBrowser, type OpenBrowser } from './support/chromium';
import { logger } from '../../functions/platform/logger';
import { startTestStack, type TestStack } from '../support/localStack';


const DASHBOARD_SCREENSHOT = join(tmpdir(), 'ratify-dashboard.png');

describeInBrowser(`the pages in a browser (${CHROMIUM})`, () => {
  let t: TestStack;
  let browser: BrowserContext;
  let page: Page;
  let opened: OpenBrowser | undefined;
  let runUrl: string;

  beforeAll(async () => {
    logger.setLogLevel('WARN');
    t = await startTestStack({ clockStart: '2017-01-09T09:00:00Z' });
    opened = await openBrowser();
    ({ browser, page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
    await t?.stop();
  });

  it('sends a visitor to the dev sign-in page, and to the dashboard once signed in as a clerk', async () => {
    await page.goto(`${t.url}/`);
    expect(new URL(page.url()).pathname).toBe('/dev/login');
    await page.getByLabel('Email address').fill('cleo.clerk@example.gov.uk');
    await page.getByLabel('Full name').fill('Cleo Clerk');
    await page.getByLabel('Clerk').check();
    await page.getByLabel('Manager').check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    expect(new URL(page.url()).pathname).toBe('/');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Plans in flight');
    await expect(page.getByText('Signed in as Cleo Clerk').count()).resolves.toBe(1);
  });

  it('adds and removes rows of the start form in place, without reloading it, keeping what was typed', async () => {
    await page.goto(`${t.url}/runs/new`);
    type Marked = { ratifyMarker?: string; document: { activeElement: { id: string } | null } };
    await page.evaluate(() => {
      (globalThis as unknown as Marked).ratifyMarker = 'same page';
    });
    await page.getByLabel('Plan title').fill('Typed before adding a row');
    await page.getByRole('button', { name: 'Add another stage' }).click();
    await page.locator('#stages-3-body').waitFor();
    await expect(page.evaluate(() => (globalThis as unknown as Marked).ratifyMarker)).resolves.toBe('same page');
    await expect(page.getByLabel('Plan title').inputValue()).resolves.toBe('Typed before adding a row');
    // The focus goes to the new row's first field.
    await expect(page.evaluate(() => (globalThis as unknown as Marked).document.activeElement?.id)).resolves.toBe('stages-3-body');
    await page.locator('#stages-3-body').fill('Cabinet');
    await page.getByRole('button', { name: 'Remove stage 1' }).click();
    await page.locator('#stages-3-body').waitFor({ state: 'detached' });
    await expect(page.locator('#stages-2-body').inputValue()).resolves.toBe('Cabinet');
    await expect(page.evaluate(() => (globalThis as unknown as Marked).ratifyMarker)).resolves.toBe('same page');
  });

  it('starts a run from /runs/new: errors are summarised and linked, the input kept, then the run starts', async () => {
    await page.goto(`${t.url}/`);
    await page.getByRole('link', { name: 'Start a run' }).click();
    await page.getByLabel('Plan title').fill('Community Safety Partnership Plan 2017/18');
    // Enter in a field sends the form as "Start run": nothing else is filled in yet.
    await page.getByLabel('Plan title').press('Enter');
    await page.waitForLoadState();
    const summary = page.locator('.govuk-error-summary');
    await expect(summary.getByRole('heading').textContent()).resolves.toContain('There is a problem');
    // GOV.UK Frontend's script is running: it moves the focus to the error summary.
    await page.waitForFunction(() => (globalThis as unknown as { document: { activeElement: { className: string } | null } }).document.activeElement?.className.includes('govuk-error-summary'));
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      "Enter the author's name",
      "Enter the author's email address",
      'Add at least one stage to the timetable, or choose a route and select "Use this route"',
    ]);
    await expect(page.getByLabel('Plan title').inputValue()).resolves.toBe('Community Safety Partnership Plan 2017/18');
    await summary.getByRole('link', { name: "Enter the author's email address" }).click();
    // GOV.UK Frontend moves the focus to the input itself (without JavaScript the link's #plan-author-email does).
    await expect(page.evaluate(() => (globalThis as unknown as { document: { activeElement: { id: string } | null } }).document.activeElement?.id)).resolves.toBe('plan-author-email');

    await page.getByLabel("Author's name").fill('Terry Hughes');
    await page.getByLabel("Author's email address").fill('terry.hughes@example.gov.uk');
    await page.getByLabel('Route').selectOption('committee-system');
    await page.getByRole('button', { name: 'Use this route' }).click();
    // The form re-renders in place (no reload): wait for the route's stages.
    await page.locator('#stages-1-body[value="Full Council"]').waitFor();
    await expect(page.locator('#stages-0-body').inputValue()).resolves.toBe('Community Safety Committee (acting as the Crime and Disorder Committee)');
    await expect(page.locator('#stages-1-body').inputValue()).resolves.toBe('Full Council');
    for (const [i, day, month] of [[0, '9', '2'], [1, '23', '2']] as const) {
      await page.locator(`#stages-${i}-meetingDate-day`).fill(day);
      await page.locator(`#stages-${i}-meetingDate-month`).fill(month);
      await page.locator(`#stages-${i}-meetingDate-year`).fill('2017');
    }
    // The route names the areas to sign off before the committee; the clerk names the officers.
    const officers = [
      ['Legal', 'Keith Trowell', 'k.trowell@example.gov.uk'],
      ['Finance', 'Fiona Finance', 'fiona.finance@example.gov.uk'],
      ['Risk management', 'Rita Risk', 'rita.risk@example.gov.uk'],
    ];
    for (const [i, [area, name, email]] of officers.entries()) {
      await expect(page.locator(`#signoffs-${i}-area`).inputValue()).resolves.toBe(area);
      await page.locator(`#signoffs-${i}-officer-name`).fill(name);
      await page.locator(`#signoffs-${i}-officer-email`).fill(email);
    }
    await page.getByRole('button', { name: 'Start run', exact: true }).click();
    await page.waitForLoadState();
    expect(new URL(page.url()).pathname).toMatch(/^\/runs\/[0-9a-f-]{36}$/);
    runUrl = page.url().split('?')[0];
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The run has started');
    await expect(page.locator('#signoffs tbody tr').allTextContents()).resolves.toEqual([
      expect.stringContaining('Keith Trowell'),
      expect.stringContaining('Fiona Finance'),
      expect.stringContaining('Rita Risk'),
    ]);
  });

  it('shows the run on the dashboard', async () => {
    await page.getByRole('link', { name: 'Dashboard' }).click();
    const row = page.locator('#in-flight tbody tr', { hasText: 'Community Safety Partnership Plan 2017/18' });
    await expect(row.count()).resolves.toBe(1);
    await expect(row.textContent()).resolves.toMatch(/Thursday 9 February 2017/);
    await expect(row.locator('.govuk-tag').last().textContent()).resolves.toMatch(/On track|At risk|Late/);
    await page.screenshot({ path: DASHBOARD_SCREENSHOT, fullPage: true });
    expect(existsSync(DASHBOARD_SCREENSHOT)).toBe(true);
  });

  it('records a decision as the clerk once the meeting has started', async () => {
    await t.advanceClock('2017-02-09T10:00:00Z');
    await page.goto(runUrl);
    // Each outcome's own fields are revealed only when it is chosen.
    await expect(page.locator('#deferTo-day').isVisible()).resolves.toBe(false);
    await page.getByLabel('Deferred', { exact: true }).check();
    await expect(page.locator('#deferTo-day').isVisible()).resolves.toBe(true);
    await page.getByLabel('Approved', { exact: true }).check();
    await expect(page.locator('#deferTo-day').isVisible()).resolves.toBe(false);
    await page.getByLabel('Resolution (optional)').fill('The committee commended the plan to Full Council.');
    await page.getByRole('button', { name: 'Record decision' }).click();
    await page.waitForLoadState();
    await expect(page.locator('.govuk-notification-banner').textContent()).resolves.toContain('The decision is recorded.');
    const committee = page.locator('#timetable tbody tr').first();
    await expect(committee.textContent()).resolves.toContain('Approved on Thursday 9 February 2017');
    await expect(committee.textContent()).resolves.toContain('The committee commended the plan to Full Council.');
    await expect(page.locator('#audit').textContent()).resolves.toContain('Recorded the decision of the Community Safety Committee');
  });
  it("draws the run's timeline picture within the page's width, and every plan on /timeline", async () => {
    await page.goto(runUrl);
    const img = page.locator('#timeline img');
    await expect(img.evaluate((el) => (el as unknown as { complete: boolean; naturalWidth: number }).complete && (el as unknown as { naturalWidth: number }).naturalWidth > 0)).resolves.toBe(true);
    const [box, container] = await Promise.all([img.boundingBox(), page.locator('main').boundingBox()]);
    expect(box!.width).toBeGreaterThan(300);
    expect(box!.width).toBeLessThanOrEqual(container!.width);
    await page.getByRole('link', { name: 'Timeline', exact: true }).click();
    await page.waitForLoadState();
    const svg = page.locator('#timeline svg');
    await expect(svg.getAttribute('role')).resolves.toBe('img');
    const drawn = await svg.boundingBox();
    expect(drawn!.width).toBeGreaterThan(300);
    await page.screenshot({ path: join(tmpdir(), 'ratify-timeline.png'), fullPage: true });
  });
});
