import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { MemoryLogStore, type RequestLogRecord } from '@signalbox/observability';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chartTotals,
  collectPageProblems,
  launchChromium,
  signInThroughForm,
  USAGE_CHARTS,
} from './browser-test-support.js';
import { dashboard } from './dashboard.js';

const ADMIN = 'admin-key-browser-0123456789';
const RESULTS = fileURLToPath(new URL('../../../test-results/', import.meta.url));

function record(index: number, overrides: Partial<RequestLogRecord> = {}): RequestLogRecord {
  const model = index % 2 === 0 ? 'mock/echo' : 'signalbox/echo';
  return {
    generationId: `gen_browser_${index}`,
    time: new Date(Date.now() - index * 240_000).toISOString(),
    endpoint: 'chat.completions',
    principalId: `key_${index % 2}`,
    projectId: index % 2 === 0 ? 'team-red' : 'team-blue',
    keyPrefix: `sk-sb-k${index % 2}`,
    requestedModel: model,
    model,
    provider: 'mock',
    providerModelId: 'echo',
    responseId: null,
    attempts: [],
    status: 200,
    error: null,
    errorType: null,
    finishReason: 'stop',
    tokens: {
      input: 10 + index,
      output: 4,
      noCache: 10,
      cacheRead: index % 3,
      cacheWrite: 0,
      reasoning: null,
    },
    cost: {
      total: '0.00002',
      market: '0.00002',
      inference: '0.00002',
      input: '0.00001',
      output: '0.00001',
      isByok: false,
      estimated: false,
    },
    latencyMs: 20 + index,
    ttftMs: 10 + index,
    cacheStatus: null,
    stream: index % 3 === 0,
    aborted: false,
    routing: null,
    user: null,
    metadata: null,
    io: null,
    ...overrides,
  };
}

describe('the dashboard in headless Chromium (in-process, memory store)', () => {
  let server: Server;
  let url: string;
  let browser: Browser;

  beforeAll(async () => {
    const store = new MemoryLogStore();
    await store.write(Array.from({ length: 8 }, (_, index) => record(index)));
    await store.write([
      record(99, {
        generationId: 'gen_browser_io',
        io: {
          prompt: [{ role: 'user', content: '<b>not html</b>' }],
          completion: { text: 'echo: <b>not html</b>' },
        },
      }),
    ]);
    const board = dashboard({ logStore: store, adminKey: ADMIN });
    server = createServer((request, response) => void board(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('signs in, draws the four charts, lists the logs and shows captured I/O as text', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = collectPageProblems(page);
    await signInThroughForm(page, `${url}/dashboard`, ADMIN);
    const totals = await chartTotals(page);
    for (const id of USAGE_CHARTS) expect(totals[id]?.total, id).toBeGreaterThan(0);
    await page.screenshot({ path: `${RESULTS}dashboard-package-usage.png`, fullPage: true });
    await page.goto(`${url}/dashboard/#logs`);
    await page.waitForSelector('body[data-ready="logs"]');
    expect(await page.locator('#log-table tbody tr').count()).toBe(9);
    await page.goto(`${url}/dashboard/#log/gen_browser_io`);
    await page.waitForSelector('body[data-ready="detail"]');
    expect(await page.textContent('#io-completion')).toBe('echo: <b>not html</b>');
    expect(await page.locator('#io-prompt b').count()).toBe(0);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);
});
