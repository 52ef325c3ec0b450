import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// The browser helpers live with the dashboard package (playwright-core is its dev dependency).
import {
  type Browser,
  chartTotals,
  collectPageProblems,
  launchChromium,
  type Page,
  signInThroughForm,
  USAGE_CHARTS,
} from '../packages/dashboard/src/browser-test-support.js';
import { createMixKeys, type MixResult, runScriptedMix } from './helpers/observability-mix.js';
import { FRAMEWORKS, startExample } from './helpers/start.js';

const ADMIN_KEY = 'e2e-dashboard-admin-key-0123456789';
const RESULTS = fileURLToPath(new URL('../test-results/', import.meta.url));
mkdirSync(RESULTS, { recursive: true });

async function show(page: Page, hash: string, view: string): Promise<void> {
  await page.evaluate((target) => {
    (globalThis as unknown as { location: { hash: string } }).location.hash = target;
  }, hash);
  await page.waitForSelector(`body[data-ready="${view}"]`);
}

describe.each(FRAMEWORKS)('the dashboard in headless Chromium, after real requests, on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let browser: Browser;
  let page: Page;
  let problems: string[];
  let results: MixResult[];

  beforeAll(async () => {
    gateway = await startExample(framework, { SIGNALBOX_ADMIN_KEY: ADMIN_KEY });
    const keys = await createMixKeys(gateway.url, ADMIN_KEY);
    results = await runScriptedMix(gateway.url, keys, `dash-${framework}-${process.pid}`);
    await gateway.log.flush();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
    problems = collectPageProblems(page);
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await gateway?.close();
  });

  it('signs in through the form into an HttpOnly, SameSite=Strict session cookie that is not the key', async () => {
    await page.goto(`${gateway.url}/dashboard`);
    expect(await page.locator('form[action="/dashboard/sign-in"]').count()).toBe(1);
    await page.fill('input[name="key"]', 'sk-sb-not-the-admin-key-0000');
    await page.click('button[type="submit"]');
    expect(await page.textContent('.error')).toContain('not the admin key');
    await signInThroughForm(page, `${gateway.url}/dashboard`, ADMIN_KEY);
    problems.length = 0; // the refused attempt above logged its 401; from here on, nothing may fail
    const cookies = await page.context().cookies();
    expect(cookies).toHaveLength(1);
    expect(cookies[0]).toMatchObject({
      name: 'signalbox_dashboard',
      httpOnly: true,
      sameSite: 'Strict',
      path: '/dashboard',
    });
    expect(cookies[0]?.value).not.toContain(ADMIN_KEY);
    expect(page.url()).not.toContain(ADMIN_KEY);
    expect(
      await page.evaluate(() => (globalThis as unknown as { document: { cookie: string } }).document.cookie),
    ).toBe('');
  }, 60_000);

  it('Usage: each of the four charts has data', async () => {
    const totals = await chartTotals(page);
    for (const id of USAGE_CHARTS) {
      expect(totals[id]?.datasets, id).toBeGreaterThan(0);
      expect(totals[id]?.total, id).toBeGreaterThan(0);
    }
    // Requests by Model counts every request of the mix.
    expect(totals['chart-requests']?.total).toBe(results.length);
    expect(await page.textContent('#usage-tiles')).toContain(`Requests${results.length}`);
    await page.screenshot({ path: `${RESULTS}dashboard-usage-${framework}.png`, fullPage: true });
  }, 60_000);

  it('Activity: usage by project and by API key', async () => {
    await show(page, '#activity', 'activity');
    const projects = await page.textContent('#table-projects');
    expect(projects).toContain('team-red');
    expect(projects).toContain('team-blue');
    expect(await page.locator('#table-keys tbody tr').count()).toBe(2);
    await page.screenshot({ path: `${RESULTS}dashboard-activity-${framework}.png`, fullPage: true });
  }, 60_000);

  it('Logs: lists the requests and filters them by status and cache', async () => {
    await show(page, '#logs', 'logs');
    expect(await page.locator('#log-table tbody tr').count()).toBe(results.length);
    const ids = await page
      .locator('#log-table tbody tr')
      .evaluateAll((rows) =>
        rows.map((row) =>
          (row as unknown as { getAttribute(name: string): string | null }).getAttribute('data-id'),
        ),
      );
    expect([...ids].sort()).toEqual(results.map((result) => result.generationId).sort());
    await page.screenshot({ path: `${RESULTS}dashboard-logs-${framework}.png`, fullPage: true });

    await page.selectOption('select[name="status"]', 'error');
    await page.click('#log-filters button[type="submit"]');
    await page.waitForFunction(() => {
      const rows = (
        globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
      ).document.querySelectorAll('#log-table tbody tr');
      return rows.length === 1;
    });
    expect(await page.textContent('#log-table tbody')).toContain('400');
    await page.selectOption('select[name="status"]', '');
    await page.selectOption('select[name="cache"]', 'HIT');
    await page.click('#log-filters button[type="submit"]');
    const hit = results.find((result) => result.label === 'cache-hit')?.generationId;
    await page.waitForSelector(`#log-table tbody tr[data-id="${hit}"]`);
    expect(await page.locator('#log-table tbody tr').count()).toBe(1);
    await page.selectOption('select[name="cache"]', '');
    await page.click('#log-filters button[type="submit"]');
    await page.waitForFunction(
      (count) =>
        (
          globalThis as unknown as { document: { querySelectorAll(s: string): { length: number } } }
        ).document.querySelectorAll('#log-table tbody tr').length === count,
      results.length,
    );
  }, 60_000);

  it('Logs: a detail view with the attempts, cost and metadata; no I/O when capture is off', async () => {
    const fallback = results.find((result) => result.label === 'fallback')?.generationId ?? '';
    await page.click(`#log-table tbody tr[data-id="${fallback}"]`);
    await page.waitForSelector('body[data-ready="detail"]');
    expect(await page.textContent('#detail-id')).toBe(fallback);
    const attempts = await page.locator('#attempts-table tbody tr').count();
    expect(attempts).toBeGreaterThanOrEqual(2);
    const detail = (await page.textContent('#view-detail')) ?? '';
    expect(detail).toContain('mock-backup');
    expect(detail).toContain('Charged');
    expect(detail).toContain('team-blue');
    expect(await page.locator('#io-off').count()).toBe(1);
    await page.screenshot({ path: `${RESULTS}dashboard-detail-${framework}.png`, fullPage: true });
    expect(problems).toEqual([]);
  }, 60_000);

  it('signs out: the API refuses the old session', async () => {
    await Promise.all([page.waitForURL(/\/dashboard\/$/), page.click('form.sign-out button')]);
    expect(await page.locator('input[name="key"]').count()).toBe(1);
    expect(await page.context().cookies()).toEqual([]);
  }, 60_000);
});

describe('the dashboard shows captured prompts and completions when I/O logging is on', () => {
  it('renders them as text in the detail view', async () => {
    const gateway = await startExample('express', {
      SIGNALBOX_ADMIN_KEY: ADMIN_KEY,
      SIGNALBOX_LOG_IO: 'true',
    });
    const browser = await launchChromium();
    try {
      const response = await fetch(`${gateway.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { authorization: `Bearer ${gateway.apiKeys[0]}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          model: 'mock/echo',
          messages: [{ role: 'user', content: 'Show <i>me</i> please' }],
        }),
      });
      expect(response.status).toBe(200);
      const id = response.headers.get('x-signalbox-generation-id');
      await gateway.log.flush();
      const page = await browser.newPage({ viewport: { width: 1366, height: 1000 } });
      await signInThroughForm(page, `${gateway.url}/dashboard`, ADMIN_KEY);
      await show(page, `#log/${id}`, 'detail');
      expect(await page.textContent('#io-prompt pre')).toBe('Show <i>me</i> please');
      expect(await page.textContent('#io-completion')).toBe('echo: Show <i>me</i> please');
      expect(await page.locator('#io-prompt i').count()).toBe(0);
      await page.screenshot({ path: `${RESULTS}dashboard-detail-io.png`, fullPage: true });
    } finally {
      await browser.close();
      await gateway.close();
    }
  }, 60_000);
});
