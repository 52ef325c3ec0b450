/** Measured performance of one provider serving one model. */
export interface ProviderStatsEntry {
  /** Exponentially weighted moving average of the time to first token (streams) or to the response, ms. */
  ttftMs?: number;
  /** Moving average of output tokens per second after the first token. */
  tokensPerSecond?: number;
  samples: number;
}

/** The key of a provider serving a model: `provider/providerModelId`. */
export function offerKey(provider: string, providerModelId: string): string {
  return `${provider}/${providerModelId}`;
}

/** Options of the latency and throughput measurements. */
export interface ProviderStatsOptions {
  /** Weight of a new sample in the moving averages (0..1); default 0.2. */
  alpha?: number;
  /** Most provider+model pairs kept (oldest forgotten first); default 10,000. */
  maxEntries?: number;
}

/**
 * The router's own latency and throughput measurements per provider+model (EWMA), which
 * `sort: "latency" | "throughput"` (Vercel `"ttft" | "tps"`) rank by. In memory, per process.
 */
export class ProviderStats {
  private readonly entries = new Map<string, ProviderStatsEntry>();
  private readonly alpha: number;
  private readonly maxEntries: number;

  constructor(options: ProviderStatsOptions = {}) {
    this.alpha = options.alpha ?? 0.2;
    this.maxEntries = options.maxEntries ?? 10_000;
  }

  /** The measurements for a key, if any. */
  get(key: string): ProviderStatsEntry | undefined {
    return this.entries.get(key);
  }

  /** Records one successful attempt: its time to first token and, when known, its output speed. */
  record(key: string, sample: { ttftMs: number; tokensPerSecond?: number }): void {
    let entry = this.entries.get(key);
    if (!entry) {
      if (this.entries.size >= this.maxEntries) {
        const oldest = this.entries.keys().next().value;
        if (oldest !== undefined) this.entries.delete(oldest);
      }
      entry = { samples: 0 };
      this.entries.set(key, entry);
    }
    entry.ttftMs = this.average(entry.ttftMs, sample.ttftMs);
    if (sample.tokensPerSecond !== undefined && Number.isFinite(sample.tokensPerSecond)) {
      entry.tokensPerSecond = this.average(entry.tokensPerSecond, sample.tokensPerSecond);
    }
    entry.samples += 1;
  }

  private average(previous: number | undefined, sample: number): number {
    return previous === undefined ? sample : previous + this.alpha * (sample - previous);
  }
}
