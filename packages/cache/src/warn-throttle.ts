import type { Clock } from '@signalbox/core';

/** Where the cache reports trouble (a store down). Core's `GatewayLogger` fits. */
export interface CacheLogger {
  /** A problem the cache worked around: a cache or affinity store that failed (served without it). */
  warn(message: string, details?: Record<string, unknown>): void;
}

/** The default logger: `console.warn` with a `[signalbox]` prefix. */
export const consoleCacheLogger: CacheLogger = {
  warn: (message, details) => console.warn(`[signalbox] ${message}`, details ?? ''),
};

/**
 * Logs a warning at most once per interval; the warnings swallowed in between are counted and
 * reported with the next one (`suppressed`). A store that is down logs once a minute, not once
 * a request.
 */
export class WarnThrottle {
  private lastAt: number | undefined;
  private suppressed = 0;

  constructor(
    private readonly logger: CacheLogger,
    private readonly intervalMs: number,
    private readonly clock: Clock,
  ) {}

  warn(message: string, details: Record<string, unknown> = {}): void {
    const now = this.clock.now();
    if (this.lastAt !== undefined && now - this.lastAt < this.intervalMs) {
      this.suppressed += 1;
      return;
    }
    this.lastAt = now;
    const suppressed = this.suppressed;
    this.suppressed = 0;
    this.logger.warn(message, suppressed > 0 ? { ...details, suppressed } : details);
  }
}
