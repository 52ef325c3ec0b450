import { describe, expect, it } from 'vitest';
import { prometheusMetrics } from './prometheus-metrics.js';
import { requestLog } from './request-log.js';
import { chat, testGateway } from './test-gateway.js';
import { logRecord } from './test-records.js';

function value(text: string, line: string): number {
  const found = text.split('\n').find((candidate) => candidate.startsWith(`${line} `));
  return found === undefined ? Number.NaN : Number(found.slice(line.length + 1));
}

describe('prometheusMetrics', () => {
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
