/**
 * The public forward plan page in a real browser (Debian's chromium driven by playwright-core) against the local
 * stack: a visitor who never signed in opens /forward-plan and reads each key decision not yet taken (decision
 * maker, date, notice date, urgency; an exempt report by its title only), and finds its iCalendar feed. Skipped,
 * saying so, where /usr/bin/chromium is not installed.
 */
import type { BrowserContext, Page } from 'playwright-core';
import { CHROMIUM, describeInBrowser, openBrowser, type OpenBrowser } from './support/chromium';
import { logger } from '../../functions/platform/logger';
import { startTestStack, type TestStack } from '../support/localStack';


const clerk = { email: 'cleo.clerk@example.gov.uk', name: 'Cleo Clerk', roles: ['clerk' as const] };
const author = { name: 'Terry Hughes', email: 'terry.hughes@example.gov.uk' };

describeInBrowser(`the forward plan in a browser (${CHROMIUM})`, () => {
  let t: TestStack;
  let browser: BrowserContext;
  let page: Page;
  let opened: OpenBrowser | undefined;

  beforeAll(async () => {
    logger.setLogLevel('WARN');
    t = await startTestStack({ clockStart: '2017-03-01T09:00:00Z' });
    const start = async (title: string, stage: Record<string, unknown>, plan: Record<string, unknown> = {}) => {
      const res = await t.api.post('/api/runs', { plan: { title, author, keyDecision: true, ...plan }, stages: [{ id: 'cabinet', body: 'Cabinet', kind: 'executive', ...stage }] }, { as: clerk });
      expect(res.status).toBe(201);
    };
    await start('Community Safety Strategy 2017-20', { meetingDate: '2017-04-13' });
    await start('Sale of the depot', { meetingDate: '2017-04-20' }, { classification: 'exempt' });
    await start('Flood defence works', {
      meetingDate: '2017-03-02',
      lateItem: { reason: 'The contractor starts on Monday' },
      urgency: { kind: 'special-urgency', agreedBy: { name: 'Cllr Sam Chair', role: 'Chair of Overview and Scrutiny' }, reason: 'The river is rising' },
    });
    opened = await openBrowser();
    ({ browser, page } = opened);
  });

  afterAll(async () => {
    await opened?.close();
    await t?.stop();
  });

  it('opens for a visitor who is not signed in, without sending them to sign in', async () => {
    const res = await page.goto(`${t.url}/forward-plan`);
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe('/forward-plan');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Forward plan of key decisions');
    await expect(page.getByText('Signed in as').count()).resolves.toBe(0);
  });

  it('lists each key decision soonest first, with decision maker, date, notice date, status and urgency', async () => {
    const rows = page.locator('#forward-plan tbody tr');
    await expect(rows.count()).resolves.toBe(3);
    const cells = async (i: number) => (await rows.nth(i).locator('th, td').allInnerTexts()).map((s) => s.replace(/\s+/g, ' ').trim());
    const first = await cells(0);
    expect(first[0]).toContain('Flood defence works');
    expect(first.slice(1, 4)).toEqual(['Cabinet', 'Thursday 2 March 2017', 'Wednesday 1 March 2017']);
    expect(first[4]).toContain('Special urgency: agreed by Cllr Sam Chair (Chair of Overview and Scrutiny)');
    expect(first[4]).toContain('The river is rising');
    const second = await cells(1);
    expect(second[0]).toContain('Community Safety Strategy 2017-20');
    expect(second[0]).toContain('Contact: Terry Hughes (terry.hughes@example.gov.uk)');
    expect(second.slice(1, 5)).toEqual(['Cabinet', 'Thursday 13 April 2017', 'Wednesday 1 March 2017', 'Scheduled']);
  });

  it('shows an exempt report by its title only', async () => {
    const exempt = page.locator('#forward-plan tbody tr').nth(2);
    const text = (await exempt.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain('Sale of the depot');
    expect(text).toContain('Exempt report: title only');
    expect(text).not.toContain('Contact');
    expect(text).not.toContain(author.email);
  });

  it('links the forward plan feed, which a calendar can subscribe to', async () => {
    const href = await page.locator('#forward-plan-feed').getAttribute('href');
    expect(href).toBe('/calendar/forward-plan.ics');
    const feed = await page.request.get(`${t.url}${href}`);
    expect(feed.status()).toBe(200);
    const text = await feed.text();
    expect(text).toContain('BEGIN:VCALENDAR');
    expect(text).toContain('SUMMARY:Key decision: Community Safety Strategy 2017-20 (Cabinet)');
  });
});
