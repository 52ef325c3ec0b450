import { createGateway, type GatewayHttpResponse } from '@signalbox/core';
import { createMockProvider } from '@signalbox/provider-mock';
import { testServerUrl } from '@signalbox/testing';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { BudgetStore } from './budget-store.js';
import { budgetWindows } from './budgets.js';
import { cost } from './cost.js';
import { sumDecimals, toDecimal } from './decimal.js';
import { MemoryBudgetStore } from './memory-budget-store.js';
import { PostgresBudgetStore } from './postgres-budget-store.js';
import { jsonOf, post, quietLogger, record, testPrincipal } from './test-support.js';

const table = `cost_budget_mw_test_${process.pid}_${Date.now()}`;
const pools: pg.Pool[] = [];
function pool(): pg.Pool {
  const created = new pg.Pool({ connectionString: testServerUrl('postgres'), max: 10 });
  pools.push(created);
  return created;
}

afterAll(async () => {
  const cleanup = pools[0];
  if (cleanup) {
    await cleanup.query(`DROP TABLE IF EXISTS ${table}`);
    await cleanup.query('DELETE FROM signalbox_migrations WHERE namespace = $1', [`cost.budgets.${table}`]);
  }
  await Promise.all(pools.map((each) => each.end()));
});

let subjects = 0;
/** A fresh principal id for each test (budgets never shared between tests). */
function principalId(): string {
  subjects += 1;
  return `key_budget_${process.pid}_${Date.now()}_${subjects}`;
}

function gatewayFor(store: BudgetStore, id: string, limit = '0.0001') {
  return createGateway({
    providers: [createMockProvider()],
    use: [testPrincipal(), cost({ budgetStore: store, budgets: { keys: { [id]: { total: limit } } } })],
    logger: quietLogger,
  });
}

/** 'hello' (5 characters) with max_tokens 10: reserves (2 + 4) x $1/M + 10 x $2/M = $0.000026; costs 2 x $1/M + 2 x $2/M = $0.000006. */
const body = (model = 'mock/echo') => ({
  model,
  max_tokens: 10,
  messages: [{ role: 'user', content: 'hello' }],
});

function windowOf(id: string, limit = '0.0001') {
  return budgetWindows({ id, kind: 'key' }, { key: { total: limit } }, Date.now());
}

describe('cost(): budgets through the gateway', () => {
  it('402 in each endpoint’s shape, naming the budget and what is left', async () => {
    const store = new MemoryBudgetStore();
    const id = principalId();
    await store.settle(windowOf(id), '0', '0.00009');
    const gateway = gatewayFor(store, id);
    const openai = await post(gateway, '/chat/completions', body(), { 'x-test-principal': id });
    expect(openai.status).toBe(402);
    const message =
      `Budget exceeded: the total budget of key '${id}' is $0.0001 and has $0.00001 left; ` +
      'this request may cost up to $0.000026. Lower max_tokens or raise the budget.';
    expect(jsonOf(openai)).toEqual({
      error: { message, type: 'insufficient_quota', param: null, code: 'budget_exceeded' },
    });
    const anthropic = await post(gateway, '/messages', body(), { 'x-test-principal': id });
    expect(anthropic.status).toBe(402);
    expect(jsonOf(anthropic)).toEqual({ type: 'error', error: { type: 'billing_error', message } });
  });

  it('settles to the real cost: requests go through until the budget has no room for the worst case', async () => {
    const store = new MemoryBudgetStore();
    const id = principalId();
    await store.settle(windowOf(id), '0', '0.00005');
    const gateway = gatewayFor(store, id);
    const statuses: number[] = [];
    for (let index = 0; index < 6; index++) {
      statuses.push((await post(gateway, '/chat/completions', body(), { 'x-test-principal': id })).status);
    }
    // 0.00005 + 5 x 0.000006 = 0.00008; then 0.00002 left < 0.000026 reserved.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 402]);
    expect(await store.read(windowOf(id)[0]!)).toEqual({ spent: '0.00008', reserved: '0' });
  });

  it('releases the reservation of a failed request', async () => {
    const store = new MemoryBudgetStore();
    const id = principalId();
    const gateway = gatewayFor(store, id);
    const failed = await post(gateway, '/chat/completions', body('mock/echo:status-500'), {
      'x-test-principal': id,
    });
    expect(failed.status).toBe(500);
    expect(await store.read(windowOf(id)[0]!)).toEqual({ spent: '0', reserved: '0' });
  });

  it('lets principals without a budget through and budgets per project too', async () => {
    const store = new MemoryBudgetStore();
    const gateway = createGateway({
      providers: [createMockProvider()],
      use: [
        testPrincipal(),
        cost({ budgetStore: store, budgets: { projects: { proj_poor: { daily: '0.00001' } } } }),
      ],
      logger: quietLogger,
    });
    expect(
      (await post(gateway, '/chat/completions', body(), { 'x-test-principal': 'k1:proj_rich' })).status,
    ).toBe(200);
    const refused = await post(gateway, '/chat/completions', body(), { 'x-test-principal': 'k1:proj_poor' });
    expect(refused.status).toBe(402);
    expect(String(record(jsonOf(refused).error).message)).toContain('daily (');
    expect(String(record(jsonOf(refused).error).message)).toContain("budget of project 'proj_poor'");
  });

  it('asks a resolver for the budgets of each principal', async () => {
    const gateway = createGateway({
      providers: [createMockProvider()],
      use: [
        testPrincipal(),
        cost({
          budgets: async (principal) => (principal.id === 'broke' ? { key: { monthly: 0 } } : undefined),
        }),
      ],
      logger: quietLogger,
    });
    expect((await post(gateway, '/chat/completions', body(), { 'x-test-principal': 'broke' })).status).toBe(
      402,
    );
    expect((await post(gateway, '/chat/completions', body(), { 'x-test-principal': 'fine' })).status).toBe(
      200,
    );
  });

  async function concurrent(
    gateways: Array<ReturnType<typeof gatewayFor>>,
    id: string,
  ): Promise<GatewayHttpResponse[]> {
    return Promise.all(
      Array.from({ length: 100 }, (_, index) =>
        post(gateways[index % gateways.length]!, '/chat/completions', body('mock/echo:delay-30'), {
          'x-test-principal': id,
        }),
      ),
    );
  }

  it('100 concurrent requests against a nearly spent budget never overspend (memory)', async () => {
    const store = new MemoryBudgetStore();
    const id = principalId();
    await store.settle(windowOf(id), '0', '0.00005');
    const responses = await concurrent([gatewayFor(store, id)], id);
    const ok = responses.filter((response) => response.status === 200).length;
    expect(ok).toBe(1); // 0.00005 left: room for one 0.000026 reservation at a time
    expect(responses.filter((response) => response.status === 402)).toHaveLength(99);
    const usage = await store.read(windowOf(id)[0]!);
    expect(usage).toEqual({ spent: '0.000056', reserved: '0' });
    expect(toDecimal(sumDecimals([usage.spent, usage.reserved])).lte('0.0001')).toBe(true);
  });

  it('100 concurrent requests from two gateway processes sharing Postgres never overspend', async () => {
    const id = principalId();
    const first = new PostgresBudgetStore({ client: pool(), table });
    const second = new PostgresBudgetStore({ client: pool(), table });
    await first.settle(windowOf(id, '0.0002'), '0', '0.0001');
    const responses = await concurrent(
      [gatewayFor(first, id, '0.0002'), gatewayFor(second, id, '0.0002')],
      id,
    );
    const ok = responses.filter((response) => response.status === 200).length;
    // 0.0001 left: at most 3 reservations of 0.000026 at once (0.000078), each settling to 0.000006.
    expect(ok).toBeGreaterThanOrEqual(3);
    expect(ok).toBeLessThanOrEqual(16);
    expect(responses.filter((response) => response.status === 402)).toHaveLength(100 - ok);
    const usage = await second.read(windowOf(id, '0.0002')[0]!);
    expect(usage.reserved).toBe('0');
    expect(usage.spent).toBe(sumDecimals(['0.0001', toDecimal('0.000006').times(ok)]));
    expect(toDecimal(usage.spent).lte('0.0002')).toBe(true);
  });
});
