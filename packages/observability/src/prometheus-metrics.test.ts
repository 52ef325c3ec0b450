import { Counter, Histogram, Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { isErrorRecord, type RequestLogRecord } from './log-record.js';
import { prometheusMetrics } from './prometheus-metrics.js';
import { requestLog } from './request-log.js';
import { chat, testGateway } from './test-gateway.js';
import { logRecord } from './test-records.js';

function value(text: string, line: string): number {
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? Number.NaN : Number(found.slice(line.length + 1));
}

/** The sink as it was before its counters and histograms were deferred: every call at once. */
function referenceMetrics() {
  const registry = new Registry();
  const registers = [registry];
  const counter = (name: string, labelNames: string[]) =>
    new Counter({ name: `signalbox_${name}`, help: 'h', labelNames, registers });
  const requests = counter('requests_total', ['model', 'provider', 'status']);
  const errors = counter('errors_total', ['provider', 'status']);
  const attemptErrors = counter('attempt_errors_total', ['provider', 'status']);
  const latency = new Histogram({
    name: 'signalbox_request_duration_seconds',
    help: 'h',
    labelNames: ['model', 'provider'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120],
    registers,
  });
  const ttft = new Histogram({
    name: 'signalbox_time_to_first_token_seconds',
    help: 'h',
    labelNames: ['model', 'provider'],
    buckets: [0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
    registers,
  });
  const tokens = counter('tokens_total', ['model', 'provider', 'kind']);
  const cost = counter('cost_usd_total', ['model', 'provider']);
  const cacheHits = counter('cache_hits_total', ['model']);
  const fallbacks = counter('fallbacks_total', ['model', 'provider']);
  counter('cooldowns_total', ['provider', 'model']);
  return {
    registry,
    accept(record: RequestLogRecord) {
      const provider = record.provider ?? 'none';
      const model = record.provider === null ? 'unresolved' : record.model;
      const status = String(record.status);
      requests.inc({ model, provider, status });
      if (isErrorRecord(record)) errors.inc({ provider, status });
      for (const attempt of record.attempts) {
        if (!attempt.success)
          attemptErrors.inc({ provider: attempt.provider, status: String(attempt.status ?? 'none') });
      }
      latency.observe({ model, provider }, record.latencyMs / 1000);
      if (record.ttftMs !== null) ttft.observe({ model, provider }, record.ttftMs / 1000);
      const kinds: Array<[string, number | null]> = [
        ['input', record.tokens.input],
        ['output', record.tokens.output],
        ['cache_read', record.tokens.cacheRead],
        ['cache_write', record.tokens.cacheWrite],
        ['reasoning', record.tokens.reasoning],
      ];
      for (const [kind, value] of kinds) if (value) tokens.inc({ model, provider, kind }, value);
      const charged = record.cost ? Number(record.cost.total) : 0;
      if (charged > 0) cost.inc({ model, provider }, charged);
      if (record.cacheStatus === 'HIT') cacheHits.inc({ model });
      if (record.attempts.length > 1) fallbacks.inc({ model, provider });
    },
  };
}

/** The exposition without its `# HELP` lines (the reference's help texts are placeholders). */
async function exposition(registry: Registry): Promise<string> {
  return (await registry.metrics())
    .split('\n')
    .filter((line) => !line.startsWith('# HELP'))
    .join('\n');
}

/** Records of many models, providers, statuses and costs, from a fixed seed. */
function variedRecords(count: number, models: number): RequestLogRecord[] {
  let seed = 12_345;
  const next = () => {
    seed = (seed * 48_271) % 2_147_483_647;
    return seed / 2_147_483_647;
  };
  const pick = <T>(values: T[]): T => values[Math.floor(next() * values.length)] as T;
  const base = logRecord();
  return Array.from({ length: count }, () => {
    const provider = pick(['openai', 'anthropic', 'mock', null]);
    const failed = {
      ...(base.attempts[0] as RequestLogRecord['attempts'][number]),
      success: false,
      status: 502,
    };
    return {
      ...base,
      model: `model-${Math.floor(next() * models)}`,
      provider,
      status: pick([200, 200, 200, 429, 500]),
      error: pick([null, null, 'boom']),
      attempts: pick([[], base.attempts, [failed, ...base.attempts], [failed, failed]]),
      tokens: {
        input: pick([null, 0, 12, 345]),
        output: pick([null, 0, 6, 78]),
        noCache: null,
        cacheRead: pick([null, 0, 4]),
        cacheWrite: pick([null, 3]),
        reasoning: pick([null, 0, 9]),
      },
      cost: pick([
        null,
        base.cost,
        {
          ...(base.cost as NonNullable<RequestLogRecord['cost']>),
          total: pick(['0.1', '0.0000048', '2', '0']),
        },
      ]),
      latencyMs: Math.floor(next() * 4_000) + next(),
      ttftMs: pick([null, 12, 340, 2_500]),
      cacheStatus: pick([null, 'HIT', 'MISS']),
    };
  });
}

describe('prometheusMetrics', () => {
  it('exposes exactly what counting every record at once exposes (values, sums, series order)', async () => {
    for (const models of [5, 1_500]) {
      const metrics = prometheusMetrics();
      const reference = referenceMetrics();
      for (const [index, record] of variedRecords(3_000, models).entries()) {
        metrics.accept(record);
        reference.accept(record);
        if (index % 1_000 === 0)
          expect(await exposition(metrics.registry)).toBe(await exposition(reference.registry));
      }
      expect(await exposition(metrics.registry)).toBe(await exposition(reference.registry));
      const values = async (registry: Registry) =>
        (await registry.getMetricsAsJSON()).map(({ name, type, values }) => ({ name, type, values }));
      expect(await values(metrics.registry)).toEqual(await values(reference.registry));
    }
  });

  it('counts requests, errors, tokens, cost, cache hits and fallbacks from records', async () => {
    const metrics = prometheusMetrics();
    metrics.accept(
      logRecord({
        cacheStatus: 'HIT',
        tokens: { input: 0, output: 0, noCache: 0, cacheRead: 0, cacheWrite: 0, reasoning: null },
      }),
    );
    metrics.accept(logRecord());
    metrics.accept(
      logRecord({
        status: 502,
        error: 'upstream failed',
        provider: 'openai',
        model: 'openai/gpt-4o-mini',
        cost: null,
        ttftMs: null,
        attempts: [
          {
            model: 'openai/gpt-4o-mini',
            provider: 'openai',
            providerModelId: 'gpt-4o-mini',
            credentialType: 'system',
            startTime: '2026-05-01T00:00:00.000Z',
            durationMs: 3,
            success: false,
            status: 502,
            error: 'bad gateway',
            providerResponseId: null,
          },
          {
            model: 'openai/gpt-4o-mini',
            provider: 'openai',
            providerModelId: 'gpt-4o-mini',
            credentialType: 'system',
            startTime: '2026-05-01T00:00:00.000Z',
            durationMs: 3,
            success: false,
            status: 502,
            error: 'bad gateway',
            providerResponseId: null,
          },
        ],
      }),
    );
    metrics.recordCooldown('openai', 'openai/gpt-4o-mini');
    const text = await metrics.metrics();
    expect(value(text, 'signalbox_requests_total{model="mock/echo",provider="mock",status="200"}')).toBe(2);
    expect(
      value(text, 'signalbox_requests_total{model="openai/gpt-4o-mini",provider="openai",status="502"}'),
    ).toBe(1);
    expect(value(text, 'signalbox_errors_total{provider="openai",status="502"}')).toBe(1);
    expect(value(text, 'signalbox_attempt_errors_total{provider="openai",status="502"}')).toBe(2);
    expect(value(text, 'signalbox_tokens_total{model="mock/echo",provider="mock",kind="input"}')).toBe(10);
    expect(value(text, 'signalbox_tokens_total{model="mock/echo",provider="mock",kind="output"}')).toBe(5);
    expect(value(text, 'signalbox_cost_usd_total{model="mock/echo",provider="mock"}')).toBeCloseTo(
      0.00003,
      12,
    );
    expect(value(text, 'signalbox_cache_hits_total{model="mock/echo"}')).toBe(1);
    expect(value(text, 'signalbox_fallbacks_total{model="openai/gpt-4o-mini",provider="openai"}')).toBe(1);
    expect(value(text, 'signalbox_cooldowns_total{provider="openai",model="openai/gpt-4o-mini"}')).toBe(1);
    expect(value(text, 'signalbox_request_duration_seconds_count{model="mock/echo",provider="mock"}')).toBe(
      2,
    );
    expect(
      value(
        text,
        'signalbox_time_to_first_token_seconds_count{model="openai/gpt-4o-mini",provider="openai"}',
      ),
    ).toBeNaN();
    expect(metrics.contentType).toContain('text/plain');
  });

  it('counts real requests when given to requestLog, and exposes dropped records', async () => {
    const metrics = prometheusMetrics({ prefix: 'sbx_' });
    const log = requestLog({ sinks: [metrics], logger: { warn: () => {} } });
    const withDrops = prometheusMetrics({ requestLog: log });
    const gateway = testGateway([log]);
    await chat(gateway, { model: 'mock/echo' });
    await chat(gateway, { model: 'mock/echo', stream: true });
    await chat(gateway, { model: 'mock/echo:status-500' });
    const text = await metrics.metrics();
    expect(value(text, 'sbx_requests_total{model="mock/echo",provider="mock",status="200"}')).toBe(2);
    expect(value(text, 'sbx_requests_total{model="mock/echo:status-500",provider="mock",status="500"}')).toBe(
      1,
    );
    expect(value(text, 'sbx_errors_total{provider="mock",status="500"}')).toBe(1);
    expect(value(await withDrops.metrics(), 'signalbox_log_records_dropped')).toBe(0);
  });

  it('keeps to its own registry (two instances do not clash)', () => {
    expect(() => {
      prometheusMetrics();
      prometheusMetrics();
    }).not.toThrow();
  });
});
