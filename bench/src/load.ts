import { createHistogram } from 'node:perf_hooks';
import autocannon from 'autocannon';

/** One load run with autocannon: fixed duration, fixed connections, optionally a fixed rate. */
export interface LoadOptions {
  url: string;
  path: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
  /**
   * Several requests each connection sends in turn (headers and body; `path`/`method` shared),
   * instead of `headers`/`body`.
   */
  requests?: Array<{ headers: Record<string, string>; body: string }>;
  connections: number;
  durationSeconds: number;
  /** Requests per second over all connections (autocannon's `overallRate`); default: as fast as it goes. */
  overallRate?: number;
}

/** Latency percentiles in milliseconds (microsecond precision), of 2xx responses. */
export interface LatencySummary {
  meanMs: number;
  p50Ms: number;
  p90Ms: number;
  p99Ms: number;
  maxMs: number;
}

/** What a load run measured. */
export interface LoadResult {
  /** 2xx responses per second over the run. */
  requestsPerSecond: number;
  /** 2xx responses. */
  ok: number;
  /** Responses with another status. */
  non2xx: number;
  /** Connection errors and timeouts. */
  errors: number;
  durationSeconds: number;
  latency: LatencySummary;
}

const round = (value: number, digits = 3) => Math.round(value * 10 ** digits) / 10 ** digits;

/**
 * Runs autocannon and measures the latency of each 2xx response itself, in microseconds
 * (autocannon's own histogram keeps whole milliseconds, too coarse for an added latency below 1 ms).
 */
export function runLoad(options: LoadOptions): Promise<LoadResult> {
  const histogram = createHistogram({ lowest: 1, highest: 60_000_000, figures: 3 });
  let ok = 0;
  let non2xx = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url + options.path,
        method: options.method ?? 'POST',
        headers: options.headers ?? {},
        ...(options.body !== undefined && { body: options.body }),
        ...(options.requests && {
          requests: options.requests.map((each) => ({
            method: options.method ?? 'POST',
            path: options.path,
            headers: each.headers,
            body: each.body,
          })),
        }),
        connections: options.connections,
        duration: options.durationSeconds,
        pipelining: 1,
        timeout: 30,
        ...(options.overallRate !== undefined && {
          overallRate: Math.max(1, Math.round(options.overallRate)),
        }),
      },
      (error, result) => {
        if (error) {
          reject(error);
          return;
        }
        const duration = result.duration > 0 ? result.duration : options.durationSeconds;
        const ms = (value: number) => round(value / 1000);
        resolve({
          requestsPerSecond: Math.round(ok / duration),
          ok,
          non2xx,
          errors: result.errors + result.timeouts,
          durationSeconds: duration,
          latency: {
            meanMs: ok > 0 ? ms(histogram.mean) : 0,
            p50Ms: ok > 0 ? ms(histogram.percentile(50)) : 0,
            p90Ms: ok > 0 ? ms(histogram.percentile(90)) : 0,
            p99Ms: ok > 0 ? ms(histogram.percentile(99)) : 0,
            maxMs: ok > 0 ? ms(histogram.max) : 0,
          },
        });
      },
    );
    instance.on('response', (_client: unknown, statusCode: number, _bytes: number, responseTime: number) => {
      if (statusCode >= 200 && statusCode < 300) {
        ok += 1;
        histogram.record(Math.max(1, Math.round(responseTime * 1000)));
      } else non2xx += 1;
    });
  });
}
