import { type Browser, chromium, type Page } from 'playwright-core';

export type { Browser, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); override with `SIGNALBOX_CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.SIGNALBOX_CHROMIUM_PATH ?? '/usr/bin/chromium';

/** The four Usage charts' canvas ids. */
export const USAGE_CHARTS = ['chart-spend', 'chart-ttft', 'chart-requests', 'chart-tokens'] as const;

/** Launches headless Chromium for the dashboard's browser tests (no sandbox, no network chatter). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Opens the dashboard, signs in through the form, and waits for the Usage view. */
export async function signInThroughForm(page: Page, dashboardUrl: string, adminKey: string): Promise<void> {
  await page.goto(dashboardUrl);
  await page.fill('input[name="key"]', adminKey);
  await Promise.all([page.waitForURL(/\/dashboard\/$/), page.click('button[type="submit"]')]);
  await page.waitForSelector('body[data-ready="usage"]');
}

/** Per Usage chart: how many datasets it has and the sum of its values (0 when it drew nothing). */
export function chartTotals(page: Page): Promise<Record<string, { datasets: number; total: number }>> {
  return page.evaluate(
    (ids) => {
      const totals: Record<string, { datasets: number; total: number }> = {};
      // Runs in the page: the Chart.js UMD build's global and the DOM (this package is type-checked without DOM types).
      const page = globalThis as unknown as {
        Chart: {
          getChart(
            canvas: unknown,
          ): { data: { datasets: Array<{ data: Array<number | null> }> } } | undefined;
        };
        document: { getElementById(id: string): unknown };
      };
      for (const id of ids) {
        const chart = page.Chart.getChart(page.document.getElementById(id));
        const datasets = chart?.data.datasets ?? [];
        totals[id] = {
          datasets: datasets.length,
          total: datasets.reduce(
            (sum, dataset) => sum + dataset.data.reduce<number>((inner, value) => inner + (value ?? 0), 0),
            0,
          ),
        };
      }
      return totals;
    },
    [...USAGE_CHARTS],
  );
}

/** Collects page errors, console errors and CSP violations while a page is used. */
export function collectPageProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  return problems;
}
