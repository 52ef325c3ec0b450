import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EventLoopDelay, ServerStats } from './child-protocol.js';

/** Watches this process: event-loop delay (perf_hooks), CPU time, and the peak RSS sampled every 100 ms. */
export interface ProcessMonitor {
  stats(): ServerStats & {
    cpuMicros: number;
    heapUsedBytes: number;
    externalBytes: number;
    eventLoop: EventLoopDelay;
  };
  /** Starts a new measurement window (event-loop histogram and peak RSS). */
  reset(): void;
  stop(): void;
}

const toMs = (nanoseconds: number) => (Number.isFinite(nanoseconds) ? nanoseconds / 1e6 : 0);

/** Starts watching this process. The sampling timer does not keep the process alive. */
export function startProcessMonitor(): ProcessMonitor {
  const histogram = monitorEventLoopDelay({ resolution: 10 });
  histogram.enable();
  let peakRss = process.memoryUsage.rss();
  let cpuFrom = process.cpuUsage();
  const timer = setInterval(() => {
    const rss = process.memoryUsage.rss();
    if (rss > peakRss) peakRss = rss;
  }, 100);
  timer.unref();
  return {
    stats() {
      const memory = process.memoryUsage();
      if (memory.rss > peakRss) peakRss = memory.rss;
      const cpu = process.cpuUsage(cpuFrom);
      return {
        cpuMicros: cpu.user + cpu.system,
        rssBytes: memory.rss,
        peakRssBytes: peakRss,
        heapUsedBytes: memory.heapUsed,
        externalBytes: memory.external,
        eventLoop: {
          meanMs: toMs(histogram.mean),
          p50Ms: toMs(histogram.percentile(50)),
          p99Ms: toMs(histogram.percentile(99)),
          maxMs: toMs(histogram.max),
        },
      };
    },
    reset() {
      histogram.reset();
      cpuFrom = process.cpuUsage();
      peakRss = process.memoryUsage.rss();
    },
    stop() {
      clearInterval(timer);
      histogram.disable();
    },
  };
}
