import { describe, expect, it } from 'vitest';
import { MemoryLogStore } from './memory-log-store.js';
import { requestLog } from './request-log.js';
import { chat, fakeAuth, get, testGateway } from './test-gateway.js';

const ADMIN = 'admin-key-0123456789abcdef';
const admin = { authorization: `Bearer ${ADMIN}` };

function json(response: Awaited<ReturnType<typeof get>>): unknown {
  return response.body.type === 'json' ? response.body.value : undefined;
}

describe('logAdminRoutes (via requestLog({ adminKey }))', () => {
  async function setup() {
    const store = new MemoryLogStore();
    const log = requestLog({ store, adminKey: ADMIN, logger: { warn: () => {} } });
    const gateway = testGateway([fakeAuth({ alpha: 'proj_a' }), log]);
    await chat(gateway, { model: 'mock/echo' }, { 'x-test-key': 'alpha' });
    await chat(gateway, { model: 'second' }, { 'x-test-key': 'beta' });
    await chat(gateway, { model: 'mock/echo:status-500' }, { 'x-test-key': 'beta' });
    await log.flush();
    return { gateway, store };
  }

  it('refuses requests without the admin key, and gateway keys', async () => {
    const { gateway } = await setup();
    for (const path of ['/admin/usage', '/admin/logs', '/v1/admin/logs/gen_x']) {
      expect((await get(gateway, path)).status).toBe(401);
      expect((await get(gateway, path, { authorization: 'Bearer sk-sb-alpha-gateway-key' })).status).toBe(
        401,
      );
    }
  });

  it('serves usage by group with totals', async () => {
    const { gateway } = await setup();
    // An explicit range around now: the wall clock may step back a little between two readings.
    const from = new Date(Date.now() - 3_600_000).toISOString();
    const to = new Date(Date.now() + 3_600_000).toISOString();
    const response = await get(gateway, `/admin/usage?groupBy=key&bucket=hour&from=${from}&to=${to}`, admin);
    expect(response.status).toBe(200);
    expect(response.headers['cache-control']).toBe('no-store');
    const report = json(response) as {
      total: { requests: number; errors: number };
      totals: Array<{ group: string; label: string; requests: number }>;
    };
    expect(report.total).toMatchObject({ requests: 3, errors: 1 });
    expect(report.totals.map((row) => [row.group, row.label, row.requests])).toEqual([
      ['key_alpha', 'sk-sb-alpha', 1],
      ['key_beta', 'sk-sb-beta', 2],
    ]);
    const bad = await get(gateway, '/admin/usage?groupBy=colour', admin);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(json(bad))).toContain('groupBy');
  });

  it('lists logs with filters and a cursor, and serves one record', async () => {
    const { gateway } = await setup();
    const page = json(await get(gateway, '/admin/logs?status=error', admin)) as {
      object: string;
      data: Array<{ generationId: string; status: number }>;
      next_cursor: string | null;
    };
    expect(page.object).toBe('list');
    expect(page.data.map((record) => record.status)).toEqual([500]);
    const first = json(await get(gateway, '/admin/logs?limit=2', admin)) as typeof page;
    expect(first.data).toHaveLength(2);
    const rest = json(
      await get(gateway, `/admin/logs?limit=2&cursor=${first.next_cursor}`, admin),
    ) as typeof page;
    expect(rest.data).toHaveLength(1);
    expect(rest.next_cursor).toBeNull();
    const id = page.data[0]?.generationId ?? '';
    const one = await get(gateway, `/admin/logs/${id}`, admin);
    expect(json(one)).toMatchObject({ generationId: id, status: 500 });
    expect((await get(gateway, '/admin/logs/gen_missing', admin)).status).toBe(404);
    expect((await get(gateway, '/admin/logs?cursor=nonsense', admin)).status).toBe(400);
  });
});
