import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMixKeys, type MixKey, type MixResult, runScriptedMix } from './helpers/observability-mix.js';
import {
  type ExportedSpan,
  exportedSpans,
  prometheusSum,
  type Receiver,
  startReceiver,
} from './helpers/observability-receivers.js';
import { eventually, FRAMEWORKS, startExample } from './helpers/start.js';

const ADMIN_KEY = 'e2e-observability-admin-key-0123456789';
const WEBHOOK_SECRET = 'e2e-observability-webhook-secret';
const admin = { authorization: `Bearer ${ADMIN_KEY}` };

interface Totals {
  requests: number;
  inputTokens: number;
  outputTokens: number;
}

interface LogRecordView {
  generationId: string;
  principalId: string | null;
  projectId: string | null;
  keyPrefix: string | null;
  model: string;
  provider: string | null;
  status: number;
  error: string | null;
  cacheStatus: string | null;
  stream: boolean;
  attempts: Array<{ provider: string; success: boolean; status: number | null }>;
  tokens: {
    input: number | null;
    output: number | null;
    cacheRead: number | null;
    cacheWrite: number | null;
  };
  cost: { total: string } | null;
  ttftMs: number | null;
  io: unknown;
}

/** Exact sum of decimal strings (test-side, independent of the package's). */
function sumDecimal(values: string[]): string {
  const scale = Math.max(0, ...values.map((value) => value.split('.')[1]?.length ?? 0));
  const total = values.reduce((sum, value) => {
    const [whole = '0', fraction = ''] = value.split('.');
    return sum + BigInt(whole + fraction.padEnd(scale, '0'));
  }, 0n);
  const text = total.toString().padStart(scale + 1, '0');
  const result = scale ? `${text.slice(0, -scale)}.${text.slice(-scale)}`.replace(/\.?0+$/, '') : text;
  return result === '' ? '0' : result;
}

describe.each(FRAMEWORKS)('observability through the example gateway on %s', (framework) => {
  let gateway: Awaited<ReturnType<typeof startExample>>;
  let otlp: Receiver;
  let hooks: Receiver;
  let keys: { alpha: MixKey; beta: MixKey };
  let results: MixResult[];
  const tag = `obs-${framework}-${process.pid}`;

  const getJson = async (path: string, headers: Record<string, string> = admin) => {
    const response = await fetch(`${gateway.url}${path}`, { headers });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const range = () =>
    `from=${new Date(Date.now() - 3_600_000).toISOString()}&to=${new Date(Date.now() + 3_600_000).toISOString()}`;
  const requestSpans = (): ExportedSpan[] =>
    exportedSpans(otlp).filter(
      (span) => span.kind === 1 && span.attributes['signalbox.generation_id'] !== undefined,
    );
  const webhookRecords = (): LogRecordView[] =>
    hooks.bodies.flatMap((delivery) => (JSON.parse(delivery.body) as { data: LogRecordView[] }).data);

  beforeAll(async () => {
    otlp = await startReceiver();
    hooks = await startReceiver();
    gateway = await startExample(framework, {
      SIGNALBOX_ADMIN_KEY: ADMIN_KEY,
      OTEL_EXPORTER_OTLP_ENDPOINT: otlp.url,
      SIGNALBOX_WEBHOOK_URLS: `${hooks.url}/signalbox`,
      SIGNALBOX_WEBHOOK_SECRET: WEBHOOK_SECRET,
    });
    keys = await createMixKeys(gateway.url, ADMIN_KEY);
    results = await runScriptedMix(gateway.url, keys, tag);
    await gateway.log.flush();
    await eventually(() => requestSpans().length >= results.length, 15_000);
  });
  afterAll(async () => {
    await gateway.close();
    await otlp.close();
    await hooks.close();
  });

  it('ran the scripted mix: successes, a fallback, a cache miss then hit, an error', () => {
    const status = Object.fromEntries(results.map((result) => [result.label, result.status]));
    expect(status).toEqual({
      plain: 200,
      stream: 200,
      catalog: 200,
      alias: 200,
      'backup-stream': 200,
      fallback: 200,
      'cache-miss': 200,
      'cache-hit': 200,
      error: 400,
      anthropic: 200,
    });
    const byLabel = (label: string) => results.find((result) => result.label === label);
    expect(byLabel('cache-miss')?.headers.get('x-signalbox-cache-status')).toBe('MISS');
    expect(byLabel('cache-hit')?.headers.get('x-signalbox-cache-status')).toBe('HIT');
    expect(byLabel('fallback')?.headers.get('x-signalbox-provider')).toBe('mock-backup');
    expect(new Set(results.map((result) => result.generationId)).size).toBe(results.length);
  });

  it('logs every request with its attempts, cache status, key and project', async () => {
    const { body } = await getJson('/v1/admin/logs?limit=100');
    const records = body.data as LogRecordView[];
    expect(records.map((record) => record.generationId).sort()).toEqual(
      results.map((result) => result.generationId).sort(),
    );
    const of = (label: string) =>
      records.find(
        (record) => record.generationId === results.find((result) => result.label === label)?.generationId,
      );
    // The 500 is retried on its provider, then the next model answers.
    const attempts = of('fallback')?.attempts ?? [];
    expect(attempts.length).toBeGreaterThanOrEqual(2);
    expect(
      attempts.slice(0, -1).map((attempt) => [attempt.provider, attempt.success, attempt.status]),
    ).toEqual(attempts.slice(0, -1).map(() => ['mock', false, 500]));
    expect(attempts.at(-1)).toMatchObject({ provider: 'mock-backup', success: true, status: 200 });
    expect(of('cache-hit')).toMatchObject({ cacheStatus: 'HIT', tokens: { input: 0, output: 0 } });
    expect(of('cache-miss')?.cacheStatus).toBe('MISS');
    expect(of('error')).toMatchObject({ status: 400, principalId: keys.beta.id, projectId: 'team-blue' });
    expect(of('error')?.error).toEqual(expect.any(String));
    expect(of('plain')).toMatchObject({
      principalId: keys.alpha.id,
      keyPrefix: keys.alpha.prefix,
      projectId: 'team-red',
    });
    expect(of('stream')?.stream).toBe(true);
    expect(of('stream')?.ttftMs).not.toBeNull();
    expect(of('catalog')?.model).toBe('signalbox/echo');
    const detail = await getJson(`/v1/admin/logs/${of('fallback')?.generationId}`);
    expect(detail.body).toMatchObject({ generationId: of('fallback')?.generationId, status: 200 });
    const filtered = await getJson(`/v1/admin/logs?key=${keys.beta.prefix}&status=error`);
    expect((filtered.body.data as LogRecordView[]).map((record) => record.status)).toEqual([400]);
    const hits = await getJson('/v1/admin/logs?cache=HIT');
    expect((hits.body.data as LogRecordView[]).map((record) => record.generationId)).toEqual([
      of('cache-hit')?.generationId,
    ]);
  });

  it('aggregates, /metrics, OTel spans, webhooks and the ledger agree on counts, tokens and cost', async () => {
    const usage = (await getJson(`/v1/admin/usage?${range()}&groupBy=model`)).body as {
      total: Totals & { spend: string; errors: number; cacheHits: number };
      totals: Array<Totals & { group: string }>;
    };
    const expected = results.length;
    const delivered = webhookRecords;

    // Aggregates.
    expect(usage.total).toMatchObject({ requests: expected, errors: 1, cacheHits: 1 });
    expect(usage.total.inputTokens).toBeGreaterThan(0);

    // Prometheus.
    const metricsResponse = await fetch(`${gateway.url}/metrics`, { headers: admin });
    expect(metricsResponse.status).toBe(200);
    const metrics = await metricsResponse.text();
    expect(prometheusSum(metrics, 'signalbox_requests_total')).toBe(expected);
    expect(prometheusSum(metrics, 'signalbox_errors_total')).toBe(1);
    expect(prometheusSum(metrics, 'signalbox_cache_hits_total')).toBe(1);
    expect(prometheusSum(metrics, 'signalbox_fallbacks_total')).toBeGreaterThanOrEqual(1);
    expect(prometheusSum(metrics, 'signalbox_tokens_total', { kind: 'input' })).toBe(usage.total.inputTokens);
    expect(prometheusSum(metrics, 'signalbox_tokens_total', { kind: 'output' })).toBe(
      usage.total.outputTokens,
    );
    for (const row of usage.totals) {
      expect(prometheusSum(metrics, 'signalbox_requests_total', { model: row.group })).toBe(row.requests);
    }
    expect(prometheusSum(metrics, 'signalbox_cost_usd_total')).toBeCloseTo(Number(usage.total.spend), 12);

    // OpenTelemetry (exported over OTLP/HTTP to a local receiver).
    const spans = requestSpans();
    expect(spans).toHaveLength(expected);
    const sum = (name: string) =>
      spans.reduce((total, span) => total + Number(span.attributes[name] ?? 0), 0);
    expect(sum('gen_ai.usage.input_tokens')).toBe(usage.total.inputTokens);
    expect(sum('gen_ai.usage.output_tokens')).toBe(usage.total.outputTokens);
    expect(spans.filter((span) => span.attributes['error.type'] !== undefined)).toHaveLength(1);
    const plainSpan = spans.find(
      (span) =>
        span.attributes['signalbox.generation_id'] ===
        results.find((result) => result.label === 'plain')?.generationId,
    );
    expect(plainSpan?.name).toBe('chat mock/echo');
    expect(plainSpan?.attributes).toMatchObject({
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': 'mock',
      'gen_ai.request.model': 'mock/echo',
      'gen_ai.response.model': 'echo',
      'gen_ai.response.finish_reasons': ['stop'],
    });
    const attemptSpans = exportedSpans(otlp).filter((span) => span.kind === 3);
    const fallbackSpan = spans.find(
      (span) =>
        span.attributes['signalbox.generation_id'] ===
        results.find((result) => result.label === 'fallback')?.generationId,
    );
    const fallbackRecord = delivered().find(
      (record) => record.generationId === fallbackSpan?.attributes['signalbox.generation_id'],
    );
    expect(attemptSpans.filter((span) => span.parentSpanId === fallbackSpan?.spanId)).toHaveLength(
      fallbackRecord?.attempts.length ?? -1,
    );
    expect(fallbackSpan?.attributes['signalbox.attempts']).toBe(fallbackRecord?.attempts.length);

    // Webhooks: signed batches with every record.
    for (const delivery of hooks.bodies) {
      const timestamp = String(delivery.headers['x-signalbox-timestamp']);
      const expectedSignature = createHmac('sha256', WEBHOOK_SECRET)
        .update(`${timestamp}.${delivery.body}`)
        .digest('hex');
      expect(delivery.headers['x-signalbox-signature']).toBe(`sha256=${expectedSignature}`);
    }
    expect(delivered()).toHaveLength(expected);
    expect(delivered().reduce((total, record) => total + (record.tokens.input ?? 0), 0)).toBe(
      usage.total.inputTokens,
    );
    expect(delivered().reduce((total, record) => total + (record.tokens.output ?? 0), 0)).toBe(
      usage.total.outputTokens,
    );
    const deliveredSpend = sumDecimal(
      delivered().flatMap((record) => (record.cost ? [record.cost.total] : [])),
    );
    expect(deliveredSpend).toBe(usage.total.spend);

    // The ledger (@signalbox/cost), read back through GET /v1/generation with each request's key.
    const ledgerCosts: string[] = [];
    let ledgerInput = 0;
    let ledgerOutput = 0;
    for (const result of results) {
      const response = await fetch(`${gateway.url}/v1/generation?id=${result.generationId}`, {
        headers: { authorization: `Bearer ${result.key.key}` },
      });
      expect(response.status).toBe(200);
      const { data } = (await response.json()) as {
        data: {
          tokens_prompt: number;
          tokens_completion: number;
          signalbox: { cost: string | null; estimated: boolean };
        };
      };
      if (data.signalbox.cost !== null) ledgerCosts.push(data.signalbox.cost);
      if (!data.signalbox.estimated) {
        ledgerInput += data.tokens_prompt;
        ledgerOutput += data.tokens_completion;
      }
    }
    expect(sumDecimal(ledgerCosts)).toBe(usage.total.spend);
    expect(Number(usage.total.spend)).toBeGreaterThan(0);
    expect(ledgerInput).toBe(usage.total.inputTokens);
    expect(ledgerOutput).toBe(usage.total.outputTokens);
  });

  it('aggregates by project and by key', async () => {
    const byProject = (await getJson(`/v1/admin/usage?${range()}&groupBy=project&bucket=day`)).body as {
      totals: Array<{ group: string; requests: number }>;
    };
    const alphaCount = results.filter((result) => result.key === keys.alpha).length;
    expect(byProject.totals.map((row) => [row.group, row.requests])).toEqual([
      ['team-blue', results.length - alphaCount],
      ['team-red', alphaCount],
    ]);
    const byKey = (await getJson(`/v1/admin/usage?${range()}&groupBy=key`)).body as {
      totals: Array<{ group: string; label: string; requests: number }>;
    };
    expect(byKey.totals.find((row) => row.group === keys.alpha.id)).toMatchObject({
      label: keys.alpha.prefix,
      requests: alphaCount,
    });
  });

  it('keeps prompts and completions out of every record, span, webhook and metric by default', async () => {
    const secret = `Hello observability ${tag}`;
    const { body } = await getJson('/v1/admin/logs?limit=100');
    expect((body.data as LogRecordView[]).every((record) => record.io === null)).toBe(true);
    expect(JSON.stringify(body)).not.toContain(secret);
    expect(hooks.bodies.map((delivery) => delivery.body).join('\n')).not.toContain(secret);
    expect(otlp.bodies.map((delivery) => delivery.body).join('\n')).not.toContain(secret);
    expect(await (await fetch(`${gateway.url}/metrics`, { headers: admin })).text()).not.toContain(secret);
  });

  it('opens admin routes, /metrics and /dashboard data to the admin key only, never to a gateway key', async () => {
    const gatewayKey = { authorization: `Bearer ${keys.alpha.key}` };
    expect((await getJson('/v1/admin/usage', gatewayKey)).status).toBe(401);
    expect((await getJson('/v1/admin/logs', {})).status).toBe(401);
    expect((await fetch(`${gateway.url}/metrics`, { headers: gatewayKey })).status).toBe(401);
    expect((await fetch(`${gateway.url}/metrics`)).status).toBe(401);
    expect((await fetch(`${gateway.url}/dashboard/api/logs`, { headers: gatewayKey })).status).toBe(401);
    expect((await fetch(`${gateway.url}/dashboard/api/logs`, { headers: admin })).status).toBe(200);
    expect((await fetch(`${gateway.url}/dashboard`, { headers: gatewayKey })).status).toBe(401);
  });

  it('serves requests normally while the log store is down, counting the dropped records', async () => {
    const store = gateway.log.store;
    const write = store.write.bind(store);
    store.write = async () => {
      throw new Error('log store stopped');
    };
    const warn = console.warn;
    console.warn = () => {};
    try {
      const before = gateway.log.stats().dropped;
      for (let index = 0; index < 3; index += 1) {
        const response = await fetch(`${gateway.url}/v1/chat/completions`, {
          method: 'POST',
          headers: { authorization: `Bearer ${keys.alpha.key}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            model: 'mock/echo',
            messages: [{ role: 'user', content: 'still working' }],
          }),
        });
        expect(response.status).toBe(200);
        expect(
          ((await response.json()) as { choices: Array<{ message: { content: string } }> }).choices[0]
            ?.message.content,
        ).toBe('echo: still working');
      }
      await gateway.log.flush();
      expect(gateway.log.stats().dropped - before).toBe(3);
    } finally {
      store.write = write;
      console.warn = warn;
    }
  });
});
