import { describe, expect, it } from 'vitest';
import { startProcessMonitor } from './process-monitor.js';

describe('startProcessMonitor', () => {
  it('reports memory and event-loop figures, and resets its window', async () => {
    const monitor = startProcessMonitor();
    await new Promise((resolve) => setTimeout(resolve, 60));
    const stats = monitor.stats();
    expect(stats.rssBytes).toBeGreaterThan(0);
    expect(stats.peakRssBytes).toBeGreaterThanOrEqual(stats.rssBytes);
    expect(stats.cpuMicros).toBeGreaterThan(0);
    expect(stats.eventLoop.maxMs).toBeGreaterThanOrEqual(stats.eventLoop.p50Ms);
    monitor.reset();
    expect(monitor.stats().peakRssBytes).toBeGreaterThan(0);
    monitor.stop();
  });
});
